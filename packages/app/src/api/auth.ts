import { request } from './client';
import { readDeviceToken } from './token';
import type { Me, Session } from './types';

export interface RegisterInput {
  shopName: string;
  username: string;
  password: string;
  realName: string;
}

export const register = (input: RegisterInput) => request<Session>('POST', '/auth/register', { body: input });
export const login = (input: { username: string; password: string }) => {
  const deviceToken = readDeviceToken();
  return request<Session>('POST', '/auth/login', { body: deviceToken ? { ...input, deviceToken } : input, signIn: true });
};
export const logout = () => request<unknown>('POST', '/auth/logout');
export const logoutEverywhere = () => request<unknown>('POST', '/auth/logout-everywhere');
export const changePassword = (input: { currentPassword: string; newPassword: string }) =>
  request<unknown>('POST', '/auth/change-password', { body: input });
export const fetchMe = () => request<Me>('GET', '/me');
