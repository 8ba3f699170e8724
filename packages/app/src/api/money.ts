import { request, type Query } from './client';
import { resource } from './resource';
import type { CustomerPrices, List, MoneySummary, OpenBill, PartyBalance, PaymentAccount, PriceLevel, SaveSettlementRequest, Settlement, Statement } from './types';

export type Side = 'customer' | 'supplier';

/** The two sides of the money books: what customers owe (应收, 收款) and what the shop owes suppliers (应付, 付款). */
export const SIDES = {
  customer: { parties: '/customers', balances: '/receivables', settlements: '/receipts', partyLabel: '客户', owedLabel: '应收', actionLabel: '收款' },
  supplier: { parties: '/suppliers', balances: '/payables', settlements: '/payments', partyLabel: '供应商', owedLabel: '应付', actionLabel: '付款' },
} as const;

export const paymentAccounts = resource<PaymentAccount>('/payment-accounts');
export const priceLevels = resource<PriceLevel>('/price-levels');

export const money = {
  summary: () => request<MoneySummary>('GET', '/money/summary'),
  balances: (side: Side, query: Query = {}) => request<List<PartyBalance>>('GET', SIDES[side].balances, { query }),
  openBills: (side: Side, partyId: string) => request<{ items: OpenBill[] }>('GET', `${SIDES[side].parties}/${partyId}/open-bills`),
  statement: (side: Side, partyId: string, query: { dateFrom: string; dateTo: string }) =>
    request<Statement>('GET', `${SIDES[side].parties}/${partyId}/statement`, { query }),
  settle: (side: Side, body: SaveSettlementRequest, key: string) => request<Settlement>('POST', SIDES[side].settlements, { body, idempotencyKey: key }),
  customerPrices: (customerId: string, productIds: string[]) =>
    request<CustomerPrices>('GET', `/customers/${customerId}/prices`, { query: { productIds: productIds.join(',') } }),
};
