export interface HttpResponse<T = any> {
  status: number;
  body: T;
}

export interface HttpClient {
  token: string;
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse<T>>;
}

/** JSON over real HTTP (fetch keeps connections alive), as the app talks to the server. */
export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResponse<T>> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Registers a shop with a fresh owner and returns a client carrying the owner's token. */
export async function registerOwner(baseUrl: string, shopName: string): Promise<HttpClient & { shopId: string; userId: string }> {
  const username = `bench${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const registered = await call(baseUrl, 'POST', '/api/auth/register', { shopName, username, password: 'password123', realName: '店主' });
  if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  return clientOf(baseUrl, registered.body.token, registered.body.shop.id, registered.body.user.id);
}

export function clientOf(baseUrl: string, token: string, shopId: string, userId: string) {
  return {
    token,
    shopId,
    userId,
    request: <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      call<T>(baseUrl, method, path, body, { authorization: `Bearer ${token}`, ...headers }),
  };
}
