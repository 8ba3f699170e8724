import { request, type Query } from './client';
import type { Dashboard, InventoryList, MonthlyStats, SalesByCustomer, SalesByProduct } from './types';

export const fetchDashboard = () => request<Dashboard>('GET', '/dashboard');
export const fetchInventory = (query: Query = {}) => request<InventoryList>('GET', '/inventory', { query });
export const fetchMonthly = (year: number) => request<MonthlyStats>('GET', '/stats/monthly', { query: { year } });

type Period = { dateFrom: string; dateTo: string };
export const fetchSalesByProduct = (period: Period) => request<SalesByProduct>('GET', '/reports/sales-by-product', { query: period });
export const fetchSalesByCustomer = (period: Period) => request<SalesByCustomer>('GET', '/reports/sales-by-customer', { query: period });
