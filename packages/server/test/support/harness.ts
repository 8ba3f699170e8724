import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, describe, inject } from 'vitest';
import { buildServer, type ServerOptions } from '../../src/app.ts';
import { openPglite, openPostgres, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export const databaseKind = (process.env.TEST_DATABASE ?? 'pglite') as DatabaseKind;
const postgresUrl = databaseKind === 'postgres' ? inject('postgresUrl') : null;
/** False when the PostgreSQL project runs without a server: its suites skip. */
export const databaseAvailable = databaseKind === 'pglite' || postgresUrl !== null;
export const onPostgres = databaseKind === 'postgres' && postgresUrl !== null;

/** describe() that runs on the database of this project, or is skipped when that database is missing. */
export const describeOnDatabase = (name: string, body: () => void) =>
  describe.skipIf(!databaseAvailable)(`${name} [${databaseKind}]`, body);

/** describe() for what only a real server can show (parallel transactions). */
export const describeOnPostgres = (name: string, body: () => void) => describe.runIf(onPostgres)(`${name} [postgres]`, body);

export async function openTestDatabase(maxConnections = 20): Promise<Database> {
  if (databaseKind === 'postgres') return openPostgres(postgresUrl!, maxConnections);
  const db = await openPglite(undefined);
  await migrate(db);
  return db;
}

/** A response body as the HTTP tests read it: parsed JSON, whose shape each test asserts as it reads it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- typing each of the tests' thousands of reads would add nothing the assertions do not check
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface Client {
  token: string;
  shopId: string;
  userId: string;
  username: string;
  request<T = Json>(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  get<T = Json>(url: string): Promise<ApiResponse<T>>;
  post<T = Json>(url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  put<T = Json>(url: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = Json>(url: string): Promise<ApiResponse<T>>;
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  /**
   * Sent from remoteAddress, by default a new address for each request: tests play many people on many
   * phones, and only the tests of the per-address limits send from one address.
   */
  request<T = Json>(method: string, url: string, body?: unknown, headers?: Record<string, string>, remoteAddress?: string): Promise<ApiResponse<T>>;
  /** Registers a new shop with a unique owner and returns a client logged in as the owner. */
  registerShop(shopName?: string): Promise<Client>;
  /** Creates a staff member in the owner's shop and returns a client logged in as them. */
  addStaff(owner: Client): Promise<Client>;
  clientFor(token: string, shopId: string, userId: string, username: string): Client;
  /** Closes the server and its database now rather than after the file's tests. */
  close(): Promise<void>;
}

export const uniqueName = (prefix = 'u') => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 12)}`;

export const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** A server on this project's database (or on `db`), closed with its database after the file's tests; `options` as buildServer's. */
export async function createTestApp(db?: Database, options: Omit<ServerOptions, 'db'> = {}): Promise<TestApp> {
  const database = db ?? (await openTestDatabase());
  const app = await buildServer({ db: database, ...(process.env.TEST_LOG === '1' ? { logger: pino() } : {}), ...options });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= app.close().then(() => database.close()));
  afterAll(close);
  const request = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}, remoteAddress = randomAddress()) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      remoteAddress,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = response.body;
    // No response, from any route in any test, may carry a password hash.
    if (/scrypt\$|password_?hash/i.test(text)) throw new Error(`${method} ${url} leaked a password hash`);
    // JSON is parsed; anything else (a PNG, a PDF, a page) is handed over as its bytes.
    const json = /json/.test(String(response.headers['content-type'] ?? 'application/json'));
    return { status: response.statusCode, body: !text ? undefined : json ? JSON.parse(text) : response.rawPayload, headers: response.headers };
  };
  const clientFor = (token: string, shopId: string, userId: string, username: string): Client => {
    const auth = (headers: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...headers });
    return {
      token,
      shopId,
      userId,
      username,
      request: (method, url, body, headers) => request(method, url, body, auth(headers)),
      get: (url) => request('GET', url, undefined, auth()),
      post: (url, body, headers) => request('POST', url, body ?? {}, auth(headers)),
      put: (url, body) => request('PUT', url, body, auth()),
      delete: (url) => request('DELETE', url, undefined, auth()),
    };
  };
  return {
    app,
    db: database,
    request,
    clientFor,
    close,
    async registerShop(shopName = '测试小店') {
      const username = uniqueName('owner');
      const response = await request('POST', '/api/auth/register', { shopName, username, password: 'password123', realName: '店主' });
      if (response.status !== 201) throw new Error(`register failed: ${JSON.stringify(response.body)}`);
      return clientFor(response.body.token, response.body.shop.id, response.body.user.id, username);
    },
    async addStaff(owner) {
      const username = uniqueName('staff');
      const created = await owner.post('/api/staff', { username, password: 'password123', realName: '员工' });
      if (created.status !== 201) throw new Error(`staff create failed: ${JSON.stringify(created.body)}`);
      const login = await request('POST', '/api/auth/login', { username, password: 'password123' });
      return clientFor(login.body.token, owner.shopId, created.body.id, username);
    },
  };
}
