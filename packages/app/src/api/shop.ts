import { request } from './client';
import { resource } from './resource';
import type { Shop, ShopConfig, StaffMember, StaffPermissions } from './types';

export const fetchShop = () => request<Shop>('GET', '/shop');
export const updateShop = (input: { name?: string; staffPermissions?: Partial<StaffPermissions>; allowNegativeStock?: boolean; archiveAfterMonths?: number | null }) =>
  request<Shop>('PUT', '/shop', { body: input });
export const fetchConfig = () => request<ShopConfig>('GET', '/config');
export const updateConfig = (input: Partial<ShopConfig>) => request<ShopConfig>('PUT', '/config', { body: input });

export const staff = {
  ...resource<
    StaffMember,
    // A switch set to null follows the shop's set.
    { username: string; password: string; realName: string; status?: 'active' | 'inactive'; permissionOverrides?: Partial<Record<keyof StaffPermissions, boolean | null>> }
  >('/staff'),
  resetPassword: (id: string, password: string) => request<unknown>('POST', `/staff/${id}/reset-password`, { body: { password } }),
};
