import http from 'node:http';
import type { Session } from '@xiaocang/contracts';

/** A response; T is what the caller expects the body to be (unknown until it says). */
export interface HttpResponse<T = unknown> {
  status: number;
  body: T;
}

export interface HttpClient {
  token: string;
  request<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse<T>>;
}

// Kept-alive connections, enough for every concurrent client: node:http costs the load generator a
// fraction of what fetch does, and the load generator shares the machine with the server it measures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** JSON over real HTTP, as the app talks to the server. */
export function call<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResponse<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, baseUrl),
      {
        method,
        agent,
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: response.statusCode!, body: text ? JSON.parse(text) : undefined });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Registers a shop with a fresh owner and returns a client carrying the owner's token. */
export async function registerOwner(baseUrl: string, shopName: string): Promise<HttpClient & { shopId: string; userId: string }> {
  const username = `bench${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const registered = await call<Session>(baseUrl, 'POST', '/api/auth/register', { shopName, username, password: 'password123', realName: '店主' });
  if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  return clientOf(baseUrl, registered.body.token, registered.body.shop.id, registered.body.user.id);
}

export function clientOf(baseUrl: string, token: string, shopId: string, userId: string) {
  return {
    token,
    shopId,
    userId,
    request: <T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      call<T>(baseUrl, method, path, body, { authorization: `Bearer ${token}`, ...headers }),
  };
}
