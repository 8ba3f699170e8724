import { request } from './client';
import type { Forecast } from './types';

export const analytics = {
  forecast: (productId: string, horizon = 28) => request<Forecast>('GET', '/analytics/forecast', { query: { productId, horizon } }),
};
