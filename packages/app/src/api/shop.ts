import { request } from './client';
import { resource } from './resource';
import type { Shop, ShopConfig, StaffPermissions, User } from './types';

export const fetchShop = () => request<Shop>('GET', '/shop');
export const updateShop = (input: { name?: string; staffPermissions?: Partial<StaffPermissions>; allowNegativeStock?: boolean }) =>
  request<Shop>('PUT', '/shop', { body: input });
export const fetchConfig = () => request<ShopConfig>('GET', '/config');
export const updateConfig = (input: Partial<ShopConfig>) => request<ShopConfig>('PUT', '/config', { body: input });

export const staff = {
  ...resource<User, { username: string; password: string; realName: string; status?: 'active' | 'inactive' }>('/staff'),
  resetPassword: (id: string, password: string) => request<unknown>('POST', `/staff/${id}/reset-password`, { body: { password } }),
};
