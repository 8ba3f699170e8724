// A fake WeChat API server on node:http: jscode2session (login codes → openids, each code usable once),
// stable_token (counts what it issues, can expire or spoil the current token), message/subscribe/send (checks
// the token and the data's limits, records messages, can answer an errcode for an openid) and
// wxa/sec/order/upload_shipping_info (checks the token and the required fields, records uploads, can answer an
// errcode for a transaction).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  access_token: string;
}

export interface FakeWechat {
  url: string;
  appId: string;
  secret: string;
  messages: FakeSubscribeMessage[];
  /** stable_token calls: how many, how many forced, and how many new tokens were issued. */
  tokenStats: { calls: number; forced: number; issued: number };
  /** The token WeChat currently hands out (undefined before the first call). */
  currentToken(): string | undefined;
  /** A wx.login code that jscode2session accepts once. */
  addCode(code: string, openid: string, unionid?: string): void;
  /** The current token expires now: the API answers 42001, a plain stable_token call issues a new one. */
  expireToken(): void;
  /** The current token is refused (40001) although stable_token still hands it out, until a forced refresh. */
  spoilToken(): void;
  /** The next `times` calls for `openid` (a send to it) or for a transaction id (its shipping upload) are answered with `errcode`. */
  failFor(openid: string, errcode: number, times?: number): void;
  /** Shipping information uploaded, as received. */
  shippingUploads: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

const LIMITS: Record<string, number> = { thing: 20, character_string: 32, number: 32, letter: 32, symbol: 5, phrase: 5, name: 10, phone_number: 17, car_number: 8 };
const TOKEN_LIFETIME_S = 7200;

export async function startFakeWechat(
  options: { appId?: string; secret?: string; templateIds?: string[]; /** The fake's clock (token expiry, the 30 s force rule). */ now?: () => number } = {},
): Promise<FakeWechat> {
  const now = options.now ?? Date.now;
  const appId = options.appId ?? 'wx0123456789abcdef';
  const secret = options.secret ?? 'fake-secret-0123456789abcdef0123';
  const templateIds = new Set(options.templateIds ?? ['TEMPLATE-WARNING']);
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  const messages: FakeSubscribeMessage[] = [];
  const shippingUploads: Array<Record<string, unknown>> = [];
  const tokenStats = { calls: 0, forced: 0, issued: 0 };
  const failures = new Map<string, { errcode: number; times: number }>();
  let current: { token: string; expiresAt: number; spoiled: boolean } | undefined;
  const retired = new Set<string>();
  let lastForcedAt = Number.NEGATIVE_INFINITY;

  const json = (res: ServerResponse, body: Record<string, unknown>) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, errcode: number, errmsg: string) => json(res, { errcode, errmsg: `${errmsg} rid: ${randomBytes(4).toString('hex')}` });

  const issue = () => {
    if (current) retired.add(current.token);
    current = { token: `TOKEN_${randomBytes(24).toString('hex')}`, expiresAt: now() + TOKEN_LIFETIME_S * 1000, spoiled: false };
    tokenStats.issued += 1;
    return current;
  };

  function jscode2session(url: URL, res: ServerResponse) {
    if (url.searchParams.get('appid') !== appId) return error(res, 40013, 'invalid appid');
    if (url.searchParams.get('secret') !== secret) return error(res, 40125, 'invalid appsecret');
    if (url.searchParams.get('grant_type') !== 'authorization_code') return error(res, 40002, 'invalid grant_type');
    const entry = codes.get(url.searchParams.get('js_code') ?? '');
    if (!entry) return error(res, 40029, 'invalid code');
    if (entry.used) return error(res, 40163, 'code been used');
    entry.used = true;
    return json(res, { openid: entry.openid, session_key: randomBytes(16).toString('base64'), ...(entry.unionid ? { unionid: entry.unionid } : {}) });
  }

  function stableToken(body: Record<string, unknown>, res: ServerResponse) {
    tokenStats.calls += 1;
    if (body.grant_type !== 'client_credential') return error(res, 40002, 'invalid grant_type');
    if (body.appid !== appId) return error(res, 40013, 'invalid appid');
    if (body.secret !== secret) return error(res, 40125, 'invalid appsecret');
    if (body.force_refresh === true) {
      if (now() - lastForcedAt < 30_000) return error(res, 45009, 'reach max api daily quota limit / force refresh too often');
      lastForcedAt = now();
      tokenStats.forced += 1;
      const fresh = issue();
      return json(res, { access_token: fresh.token, expires_in: TOKEN_LIFETIME_S });
    }
    const live = current && current.expiresAt > now() ? current : issue();
    return json(res, { access_token: live.token, expires_in: Math.floor((live.expiresAt - now()) / 1000) });
  }

  /** Answers WeChat's refusal of the call's access_token, or returns false when the token is good. */
  function refusedToken(url: URL, res: ServerResponse): boolean {
    const token = url.searchParams.get('access_token') ?? '';
    if (!current || token !== current.token) {
      if (retired.has(token)) error(res, 42001, 'access_token expired');
      else error(res, 40001, 'invalid credential, access_token is invalid or not latest');
    } else if (current.expiresAt <= now()) error(res, 42001, 'access_token expired');
    else if (current.spoiled) error(res, 40001, 'invalid credential, access_token is invalid or not latest');
    else return false;
    return true;
  }

  /** The next forced failure for `key` (an openid or a transaction id), if any is left. */
  function forcedFailure(key: string): number | undefined {
    const failure = failures.get(key);
    if (!failure || failure.times <= 0) return undefined;
    failure.times -= 1;
    return failure.errcode;
  }

  function uploadShippingInfo(url: URL, body: Record<string, unknown>, res: ServerResponse) {
    if (refusedToken(url, res)) return;
    const key = body.order_key as { order_number_type?: number; transaction_id?: string } | undefined;
    const forced = forcedFailure(String(key?.transaction_id ?? ''));
    if (forced !== undefined) return error(res, forced, 'forced failure');
    const list = body.shipping_list as Array<Record<string, unknown>> | undefined;
    const valid =
      key?.order_number_type === 2 &&
      typeof key.transaction_id === 'string' &&
      [1, 2, 3, 4].includes(Number(body.logistics_type)) &&
      [1, 2].includes(Number(body.delivery_mode)) &&
      (body.delivery_mode !== 2 || typeof body.is_all_delivered === 'boolean') &&
      Array.isArray(list) &&
      list.length >= 1 &&
      list.length <= 15 &&
      list.every((item) => typeof item.tracking_no === 'string' && typeof item.express_company === 'string' && Array.from(String(item.item_desc ?? '')).length <= 120) &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/.test(String(body.upload_time)) &&
      typeof (body.payer as { openid?: unknown } | undefined)?.openid === 'string';
    if (!valid) return error(res, 47001, 'data format error');
    shippingUploads.push(body);
    return json(res, { errcode: 0, errmsg: 'ok' });
  }

  function subscribeSend(url: URL, body: Record<string, unknown>, res: ServerResponse) {
    if (refusedToken(url, res)) return;
    const token = url.searchParams.get('access_token') ?? '';
    const touser = String(body.touser ?? '');
    const forced = forcedFailure(touser);
    if (forced !== undefined) return error(res, forced, forced === 43101 ? 'user refuse to accept the msg' : 'forced failure');
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(touser)) return error(res, 40003, 'invalid openid');
    if (!templateIds.has(String(body.template_id))) return error(res, 40037, 'invalid template_id');
    if (body.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(String(body.miniprogram_state))) return error(res, 47001, 'data format error');
    const data = (body.data ?? {}) as Record<string, { value?: unknown }>;
    for (const [key, entry] of Object.entries(data)) {
      const value = entry?.value;
      const max = LIMITS[key.replace(/\d+$/, '')];
      if (typeof value !== 'string' || value === '' || (max !== undefined && Array.from(value).length > max)) {
        return error(res, 47003, `argument invalid! data.${key}.value invalid`);
      }
      if (key.startsWith('time') && !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(value)) return error(res, 47003, `argument invalid! data.${key}.value invalid`);
    }
    messages.push({
      touser,
      template_id: String(body.template_id),
      ...(typeof body.page === 'string' ? { page: body.page } : {}),
      data: data as Record<string, { value: string }>,
      ...(typeof body.miniprogram_state === 'string' ? { miniprogram_state: body.miniprogram_state } : {}),
      ...(typeof body.lang === 'string' ? { lang: body.lang } : {}),
      access_token: token,
    });
    return json(res, { errcode: 0, errmsg: 'ok', msgid: messages.length });
  }

  const route = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: Record<string, unknown> = {};
    if (req.method === 'POST') {
      try {
        body = JSON.parse(raw || '{}') as Record<string, unknown>;
      } catch {
        return error(res, 47001, 'data format error');
      }
    }
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return jscode2session(url, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') return stableToken(body, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') return subscribeSend(url, body, res);
    if (req.method === 'POST' && url.pathname === '/wxa/sec/order/upload_shipping_info') return uploadShippingInfo(url, body, res);
    res.writeHead(404).end();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => route(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    secret,
    messages,
    shippingUploads,
    tokenStats,
    currentToken: () => current?.token,
    addCode(code, openid, unionid) {
      codes.set(code, { openid, ...(unionid ? { unionid } : {}), used: false });
    },
    expireToken() {
      if (current) current.expiresAt = now();
    },
    spoilToken() {
      if (current) current.spoiled = true;
    },
    failFor(openid, errcode, times = 1) {
      failures.set(openid, { errcode, times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
