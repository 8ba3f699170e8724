import { request, type Query } from './client';
import type { List } from './types';

/** The five routes every master-data resource has. */
export function resource<T, Input = Partial<T>>(path: string) {
  return {
    list: (query: Query = {}) => request<List<T>>('GET', path, { query }),
    get: (id: string) => request<T>('GET', `${path}/${id}`),
    /** With a key, a retry of the same create makes one record. */
    create: (input: Input, idempotencyKey?: string) => request<T>('POST', path, { body: input, idempotencyKey }),
    update: (id: string, input: Partial<Input>) => request<T>('PUT', `${path}/${id}`, { body: input }),
    remove: (id: string) => request<unknown>('DELETE', `${path}/${id}`),
  };
}
