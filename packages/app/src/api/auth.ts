import { request } from './client';
import type { Me, Session } from './types';

export interface RegisterInput {
  shopName: string;
  username: string;
  password: string;
  realName: string;
}

export const register = (input: RegisterInput) => request<Session>('POST', '/auth/register', { body: input });
export const login = (input: { username: string; password: string }) =>
  request<Session>('POST', '/auth/login', { body: input, signIn: true });
export const logout = () => request<unknown>('POST', '/auth/logout');
export const fetchMe = () => request<Me>('GET', '/me');
