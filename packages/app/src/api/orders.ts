import type { OrderTab } from '@xiaocang/domain/orders';
import { request } from './client';
import type { Goods, GoodsInput, GoodsList, GoodsStatus, Order, OrderList, ShipRequest, StoreSettings, StoreSettingsInput } from './types';

/** The storefront's goods as the merchant keeps them: linked to a warehouse product or with a count of their own. */
export const goods = {
  list: (query: { q?: string; onShelf?: 'true' | 'false'; page: number; pageSize: number }) => request<GoodsList>('GET', '/goods', { query }),
  get: (id: string) => request<Goods>('GET', `/goods/${id}`),
  create: (input: GoodsInput) => request<Goods>('POST', '/goods', { body: input }),
  update: (id: string, input: Partial<GoodsInput>) => request<Goods>('PUT', `/goods/${id}`, { body: input }),
  remove: (id: string) => request<{ ok: true }>('DELETE', `/goods/${id}`),
  /** Each goods item against the warehouse's stock and what orders hold, problems first. */
  status: () => request<GoodsStatus>('GET', '/goods/status'),
};

/** How unpaid orders hold stock (owner). */
export const storeSettings = {
  get: () => request<StoreSettings>('GET', '/store-settings'),
  save: (input: StoreSettingsInput) => request<StoreSettings>('PUT', '/store-settings', { body: input }),
};

/**
 * The customers' orders: the list by tab, one order, and what the merchant does with it. The order's own state
 * machine refuses a repeated action (a second 确认收款 finds the order paid), so these carry no Idempotency-Key;
 * a shipment may send part of the order, so a retried one could send it twice: it carries the action's key.
 */
export const orders = {
  list: (query: { tab?: OrderTab; page: number; pageSize: number }) => request<OrderList>('GET', '/orders', { query }),
  get: (id: string) => request<Order>('GET', `/orders/${id}`),
  markPaid: (id: string, paymentAccountId: string) => request<Order>('POST', `/orders/${id}/mark-paid`, { body: { paymentAccountId } }),
  ship: (id: string, body: ShipRequest, key: string) => request<Order>('POST', `/orders/${id}/ship`, { body, idempotencyKey: key }),
  /** The packing slip (发货单) of the order, or of one shipment: a PDF for `layout`, or the image. */
  packingSlip: (id: string, format: 'a4' | '58' | '80' | 'image', shipmentId?: string) => {
    const parcel = shipmentId ? `shipmentId=${shipmentId}` : '';
    return format === 'image' ? `/api/orders/${id}/packing-slip.png${parcel ? `?${parcel}` : ''}` : `/api/orders/${id}/packing-slip.pdf?layout=${format}${parcel ? `&${parcel}` : ''}`;
  },
  cancel: (id: string, reason: string) => request<Order>('POST', `/orders/${id}/cancel`, { body: { reason } }),
  approveRefund: (id: string) => request<Order>('POST', `/orders/${id}/refund/approve`),
  refuseRefund: (id: string, reason: string) => request<Order>('POST', `/orders/${id}/refund/refuse`, { body: { reason } }),
};
