import { request } from './client';
import type { Classification, Forecast, PurchaseSuggestions } from './types';

export const analytics = {
  forecast: (productId: string, horizon = 28) => request<Forecast>('GET', '/analytics/forecast', { query: { productId, horizon } }),
  suggestions: (leadTimeDays: number) => request<PurchaseSuggestions>('GET', '/analytics/purchase-suggestions', { query: { leadTimeDays } }),
  /** ABC × demand class of every product over the shop's days `from`–`to`. */
  classification: (range: { from: string; to: string }) => request<Classification>('GET', '/analytics/classification', { query: range }),
  /** A draft purchase bill per supplier from the suggestions (worked out again on the server). */
  draftPurchases: (leadTimeDays: number, key: string) =>
    request<{ billIds: string[] }>('POST', '/analytics/purchase-suggestions/drafts', { body: { leadTimeDays }, idempotencyKey: key }),
};
