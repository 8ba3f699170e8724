import { request, type Query } from './client';
import type { Dashboard, InOutSummary, InventoryList, MonthlyStats, SalesByCustomer, SalesByProduct, StockSummary, StockTrend } from './types';

export const fetchDashboard = () => request<Dashboard>('GET', '/dashboard');
export const fetchInventory = (query: Query = {}) => request<InventoryList>('GET', '/inventory', { query });
export const fetchMonthly = (year: number) => request<MonthlyStats>('GET', '/stats/monthly', { query: { year } });

type Period = { dateFrom: string; dateTo: string };
export const fetchSalesByProduct = (period: Period) => request<SalesByProduct>('GET', '/reports/sales-by-product', { query: period });
export const fetchSalesByCustomer = (period: Period) => request<SalesByCustomer>('GET', '/reports/sales-by-customer', { query: period });
export const fetchStockSummary = (query: { groupBy: 'product' | 'category' | 'stockPoint'; page?: number; pageSize?: number }) =>
  request<StockSummary>('GET', '/reports/stock-summary', { query });
export const fetchInOut = (query: { from: string; to: string; groupBy: InOutSummary['groupBy'] }) => request<InOutSummary>('GET', '/reports/in-out', { query });
export const fetchStockTrend = (query: { productId: string; from: string; to: string }) => request<StockTrend>('GET', '/reports/stock-trend', { query });
