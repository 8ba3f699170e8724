import { request, type Query } from './client';
import type { Bill, BillShare, List, SaveBillRequest, Stocktake, StocktakeRequest, Transfer, TransferRequest } from './types';

/** Every write here carries the Idempotency-Key of the user action that caused it. */
export const bills = {
  list: (query: Query = {}) => request<List<Bill>>('GET', '/bills', { query }),
  get: (id: string) => request<Bill>('GET', `/bills/${id}`),
  create: (body: SaveBillRequest, key: string) => request<Bill>('POST', '/bills', { body, idempotencyKey: key }),
  /** The update body names neither direction (a draft keeps its own) nor confirm: bodies are strict. */
  update: (id: string, fields: Omit<SaveBillRequest, 'direction' | 'confirm'>, key: string) =>
    request<Bill>('PUT', `/bills/${id}`, { body: fields, idempotencyKey: key }),
  remove: (id: string, key: string) => request<unknown>('DELETE', `/bills/${id}`, { idempotencyKey: key }),
  act: (id: string, action: 'confirm' | 'approve' | 'reverse' | 'withdraw' | 'reopen', key: string) =>
    request<Bill>('POST', `/bills/${id}/${action}`, { idempotencyKey: key }),
  reject: (id: string, reason: string, key: string) =>
    request<Bill>('POST', `/bills/${id}/reject`, { body: { reason }, idempotencyKey: key }),
  /** A new public link (the previous one stops working). */
  share: (id: string, showPrices: boolean, key: string) => request<BillShare>('POST', `/bills/${id}/share`, { body: { showPrices }, idempotencyKey: key }),
  unshare: (id: string) => request<unknown>('DELETE', `/bills/${id}/share`),
};

export const transfers = {
  create: (body: TransferRequest, key: string) => request<Transfer>('POST', '/transfers', { body, idempotencyKey: key }),
};

export const stocktakes = {
  create: (body: StocktakeRequest, key: string) => request<Stocktake>('POST', '/stocktakes', { body, idempotencyKey: key }),
  confirm: (id: string, key: string) => request<Stocktake>('POST', `/stocktakes/${id}/confirm`, { idempotencyKey: key }),
};
