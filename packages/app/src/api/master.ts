import { request, type Query } from './client';
import { resource } from './resource';
import type { Category, Customer, ImportKind, ImportResult, LedgerEntry, List, Product, StockPoint, Supplier } from './types';

export const categories = resource<Category>('/categories');
export const suppliers = resource<Supplier>('/suppliers');
export const customers = resource<Customer, Partial<Omit<Customer, 'availableProducts'>> & { availableProductIds?: string[] }>(
  '/customers',
);
export const stockPoints = resource<StockPoint>('/stock-points');

export const products = {
  ...resource<Product, Partial<Product> & { openingStock?: { quantity: string; unitCost?: string; stockPointId?: string } }>('/products'),
  byCode: (code: string) => request<Product>('GET', `/products/by-code/${encodeURIComponent(code)}`),
  ledger: (id: string, query: Query = {}) => request<List<LedgerEntry>>('GET', `/products/${id}/ledger`, { query }),
};

/** Checks (dryRun) or imports a filled-in template of one kind; a retry of an import adds nothing the first one added. */
export const importSheet = (kind: ImportKind, file: ArrayBuffer, dryRun: boolean) =>
  request<ImportResult>('POST', `/imports/${kind}`, { file, query: { dryRun: String(dryRun) } });
