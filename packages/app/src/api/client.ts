import Taro from '@tarojs/taro';
import type { StockShortage } from './types';
import { API_BASE_URL } from './base-url';
import { messageForCode, translateServerMessage } from './messages';
import { readToken } from './token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    /** What the server said, translated where the app knows the words: screens that must explain a refusal show it. */
    readonly serverMessage: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field → Chinese message, for showing beside each input. */
  get fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return result;
    for (const detail of this.details as Array<{ field?: unknown; message?: unknown }>) {
      if (typeof detail.field === 'string' && typeof detail.message === 'string' && !(detail.field in result)) {
        result[detail.field] = translateServerMessage(detail.message);
      }
    }
    return result;
  }

  get shortages(): StockShortage[] {
    return this.code === 'INSUFFICIENT_STOCK' && Array.isArray(this.details) ? (this.details as StockShortage[]) : [];
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as Idempotency-Key; see createActionKey. */
  idempotencyKey?: string;
  /**
   * The request presents a username and password: its 401 answers them (wrong password, disabled
   * account) and says so in the server's words; it is not an expired session.
   */
  signIn?: boolean;
  /** An .xlsx file sent as the body itself (the import), instead of JSON. */
  file?: ArrayBuffer;
}

let onUnauthenticated: () => void = () => undefined;

/** Called when the server no longer accepts the token (expired, revoked, user deactivated). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function toApiError(status: number, data: unknown, signIn: boolean): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : status >= 500 ? 'INTERNAL' : 'UNKNOWN';
  const serverMessage = typeof error?.message === 'string' ? translateServerMessage(error.message) : null;
  const message =
    signIn && status === 401 && serverMessage ? serverMessage : messageForCode(code, serverMessage ?? `请求失败（${status}）`);
  return new ApiError(status, code, message, error?.details, serverMessage);
}

/** The one way the app talks to the server: token, idempotency key, errors as ApiError. */
export function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  return requestAs<T>({ token: readToken(), onExpired: () => onUnauthenticated() }, method, path, options);
}

/** Who a request speaks for: the staff session above, or a storefront customer (a token of their own). */
export interface Credentials {
  token: string | null;
  /** The server no longer accepts `token`. */
  onExpired: () => void;
}

export async function requestAs<T>({ token, onExpired }: Credentials, method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { 'Content-Type': options.file ? XLSX_TYPE : 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;
  let response: Taro.request.SuccessCallbackResult<string | Record<string, unknown> | ArrayBuffer>;
  try {
    response = await Taro.request({
      url: `${API_BASE_URL}/api${path}${queryString(options.query)}`,
      method,
      header,
      // A JSON content type with an empty body is refused by the server, so writes always carry one.
      data: method === 'GET' ? undefined : (options.file ?? options.body ?? {}),
      dataType: 'json',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', messageForCode('NETWORK', ''), undefined);
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
  const signIn = options.signIn === true;
  if (response.statusCode === 401 && token && !signIn) onExpired();
  throw toApiError(response.statusCode, response.data, signIn);
}
