import { request, type Query } from './client';
import type { Dashboard, InventoryList, MonthlyStats } from './types';

export const fetchDashboard = () => request<Dashboard>('GET', '/dashboard');
export const fetchInventory = (query: Query = {}) => request<InventoryList>('GET', '/inventory', { query });
export const fetchMonthly = (year: number) => request<MonthlyStats>('GET', '/stats/monthly', { query: { year } });
