import type { PrintLayout } from '@xiaocang/contracts';
import { formatQuantity, shopDay, sum } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import type { SheetFormat } from '../../render/bill-layout.ts';
import { measureText } from '../../render/fonts.ts';
import { layoutPackingSlip } from '../../render/packing-slip-layout.ts';
import { paintSheetFile, type Sheet } from '../../render/paint.ts';
import { shopNameOf } from '../shares/shared-view.ts';
import type { UseCase } from '../use-case.ts';
import { getShopOrder } from './view-orders.ts';

/**
 * The packing slip (发货单) of an order, or of one of its shipments (only what that parcel holds), as the share
 * image or a PDF for A4 or a receipt roll. For whoever may handle orders; another shop's order is not found.
 */
export const printPackingSlip: UseCase<Queryable, { orderId: string; shipmentId?: string | undefined; format: SheetFormat | PrintLayout }, Sheet> = async (
  db,
  actor,
  { orderId, shipmentId, format },
) => {
  const order = await getShopOrder(db, actor, orderId);
  const shipment = shipmentId === undefined ? null : order.shipments.find((each) => each.id === shipmentId);
  if (shipment === undefined) throw notFound('Shipment', 'shipmentId');
  const lines = shipment ? shipment.lines : order.lines;
  const orderDate = shopDay(new Date(order.createdAt));
  const layout = layoutPackingSlip(
    {
      shopName: await shopNameOf(db, actor.shopId),
      orderNo: order.orderNo,
      orderDate,
      recipient: order.address,
      note: order.note,
      shipment: shipment ? { carrier: shipment.carrier, trackingNo: shipment.trackingNo } : null,
      lines: lines.map(({ lineNo, title, quantity }) => ({ lineNo, title, quantity })),
      totalQuantity: formatQuantity(sum(lines.map((line) => line.quantity))),
    },
    format,
    measureText,
  );
  // Dated by the order, so the same slip gives the same bytes every time.
  return paintSheetFile(layout, format, { name: `发货单-${order.orderNo}`, title: `发货单 ${order.orderNo}`, date: new Date(`${orderDate}T00:00:00+08:00`) });
};
