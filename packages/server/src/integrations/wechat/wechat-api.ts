// A small client for the WeChat server API that Xiaocang uses: the login code exchange (jscode2session) and the
// stable access token (POST /cgi-bin/stable_token) that other calls carry.
//
// The token is kept in memory until five minutes before it expires. When WeChat refuses it (40001/42001), callers
// ask for one refresh: normally a plain stable_token call (which hands out the current token, or a new one when the
// old has expired); force_refresh only when the refused token is one we were handed moments ago, and never twice
// within 30 s (WeChat's rule). Concurrent callers share one request in flight.

export const WECHAT_API_BASE = 'https://api.weixin.qq.com';

export interface WechatApiConfig {
  appId: string;
  secret: string;
  /** WECHAT_API_BASE; tests point it at the fake. */
  apiBase?: string;
}

export interface WechatApiOptions {
  /** The clock in milliseconds (tests move it). */
  now?: () => number;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
}

/** What WeChat answered with a non-zero errcode, or why no answer came (errcode -1, reason 'network'). */
export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';
  constructor(
    message: string,
    readonly errcode: number,
    readonly errmsg: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** What went wrong, as a caller (the login route) reacts to it. */
  get reason(): 'invalidCode' | 'rateLimited' | 'blocked' | 'busy' | 'tokenRefused' | 'other' {
    switch (this.errcode) {
      case 40029:
      case 40163:
        return 'invalidCode';
      case 45011:
        return 'rateLimited';
      case 40226:
        return 'blocked';
      case -1:
        return 'busy';
      case 40001:
      case 42001:
        return 'tokenRefused';
      default:
        return 'other';
    }
  }

  /** Whether trying the same call again later may succeed. */
  get retryable(): boolean {
    return this.errcode === -1 || this.errcode === 45009 || this.errcode === 45011 || this.reason === 'tokenRefused';
  }
}

export interface WechatSession {
  openid: string;
  unionid?: string;
}

interface CachedToken {
  token: string;
  /** When we received it (our clock). */
  receivedAt: number;
  /** When we stop using it (five minutes before WeChat's expiry). */
  useUntil: number;
}

/** A token refused within this long of being received counts as "just issued". */
const JUST_ISSUED_MS = 60_000;
/** WeChat allows a forced refresh at most once per 30 s. */
const FORCE_INTERVAL_MS = 30_000;
const EXPIRY_MARGIN_MS = 5 * 60_000;

export const TOKEN_REFUSED_CODES = new Set([40001, 42001]);

export class WechatApi {
  readonly appId: string;
  private readonly secret: string;
  private readonly base: string;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private cached: CachedToken | undefined;
  private inFlight: Promise<string> | undefined;
  private lastForcedAt = Number.NEGATIVE_INFINITY;

  constructor(config: WechatApiConfig, options: WechatApiOptions = {}) {
    this.appId = config.appId;
    this.secret = config.secret;
    this.base = (config.apiBase || WECHAT_API_BASE).replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Exchanges a wx.login code (single use, 5 minutes) for the user's openid; the session_key stays here. */
  async codeToSession(code: string): Promise<WechatSession> {
    if (!code || code.length > 128) throw new WechatApiError('登录凭证无效', 40029, 'invalid code');
    const query = new URLSearchParams({ appid: this.appId, secret: this.secret, js_code: code, grant_type: 'authorization_code' });
    const answer = await this.request<{ openid?: string; unionid?: string; session_key?: string }>(`/sns/jscode2session?${query}`, { method: 'GET' });
    if (!answer.openid) throw new WechatApiError('微信未返回 openid', -1, 'no openid');
    return answer.unionid ? { openid: answer.openid, unionid: answer.unionid } : { openid: answer.openid };
  }

  /** A valid access token: the cached one, or a fresh one (callers arriving meanwhile share the request). */
  async accessToken(): Promise<string> {
    const cached = this.cached;
    if (cached && this.now() < cached.useUntil) return cached.token;
    return this.fetchToken(false);
  }

  /**
   * WeChat refused `refused` (40001/42001): the token to try once more with. If someone already replaced it, that
   * one; otherwise a new stable_token call, forced only when `refused` was just issued (a plain call would hand the
   * same one back) and the last forced call is at least 30 s ago.
   */
  async refreshAfterRefusal(refused: string): Promise<string> {
    if (this.inFlight) return this.inFlight;
    const cached = this.cached;
    if (cached && cached.token !== refused && this.now() < cached.useUntil) return cached.token;
    const justIssued = cached !== undefined && cached.token === refused && this.now() - cached.receivedAt < JUST_ISSUED_MS;
    const force = justIssued && this.now() - this.lastForcedAt >= FORCE_INTERVAL_MS;
    this.cached = undefined;
    return this.fetchToken(force);
  }

  /**
   * POSTs `body` to an API path that takes ?access_token=, refreshing the token once when WeChat refuses it.
   * Returns the parsed answer when errcode is 0; throws WechatApiError otherwise.
   */
  async postWithToken<T extends object>(path: string, body: unknown): Promise<T> {
    let token = await this.accessToken();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request<T>(`${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
      } catch (error) {
        if (attempt === 0 && error instanceof WechatApiError && TOKEN_REFUSED_CODES.has(error.errcode)) {
          token = await this.refreshAfterRefusal(token);
          continue;
        }
        throw error;
      }
    }
  }

  private fetchToken(force: boolean): Promise<string> {
    if (this.inFlight) return this.inFlight;
    if (force) this.lastForcedAt = this.now();
    const started = this.now();
    const pending = this.request<{ access_token?: string; expires_in?: number }>('/cgi-bin/stable_token', {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.appId, secret: this.secret, force_refresh: force }),
    })
      .then((answer) => {
        if (!answer.access_token) throw new WechatApiError('微信未返回 access_token', -1, 'no access_token');
        const lifetimeMs = Math.max(0, Number(answer.expires_in ?? 7200) * 1000);
        const margin = Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2);
        this.cached = { token: answer.access_token, receivedAt: started, useUntil: started + lifetimeMs - margin };
        return answer.access_token;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    this.inFlight = pending;
    return pending;
  }

  private async request<T extends object>(pathAndQuery: string, init: { method: 'GET' | 'POST'; body?: string }): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.base}${pathAndQuery}`, {
        method: init.method,
        body: init.body,
        headers: init.body ? { 'content-type': 'application/json' } : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new WechatApiError(`无法连接微信服务器：${(error as Error).message}`, -1, 'network', { cause: error });
    }
    if (!response.ok) throw new WechatApiError(`微信服务器返回 HTTP ${response.status}`, -1, `http ${response.status}`);
    let answer: T & { errcode?: number; errmsg?: string };
    try {
      answer = JSON.parse(text) as T & { errcode?: number; errmsg?: string };
    } catch (error) {
      throw new WechatApiError('微信服务器的回答无法解析', -1, 'bad json', { cause: error });
    }
    if (answer.errcode) {
      throw new WechatApiError(`微信接口错误 ${answer.errcode}：${answer.errmsg ?? ''}`, answer.errcode, answer.errmsg ?? '');
    }
    return answer;
  }
}
