// WeChat Pay API v3 in service-provider (partner) mode: the platform (sp_mchid, sp_appid) takes payments for
// each shop as its own sub-merchant (sub_mchid), so a shop's money goes to the shop, never through the platform.
// Every request is signed with the platform's merchant key; every answer and every notification is checked
// against the WeChat Pay public key before anything in it is believed.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { CreatePaymentInput, PaymentProvider, ProviderPayment, ProviderPaymentState, RefundInput } from '../payment-provider.ts';
import { authorization, decryptResource, nonce, requestPaymentParams, rsaVerify, wechatPaySignatureParts, type EncryptedResource, type RequestPaymentParams } from './wechat-pay-crypto.ts';

export const WECHAT_PAY_API_BASE = 'https://api.mch.weixin.qq.com';
/** WeChat Pay's rule: a signed answer or notification older or newer than this is not believed. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export interface WechatPayConfig {
  spMchid: string;
  spAppid: string;
  merchantSerialNo: string;
  merchantPrivateKey: KeyObject;
  apiV3Key: string;
  wechatPayPublicKey: KeyObject;
  wechatPayPublicKeyId: string;
  apiBase: string;
  /** Where WeChat Pay sends notifications: PUBLIC_BASE_URL, https and without a query string. */
  notifyBaseUrl: string;
}

/** Reads PEM text given in an environment variable (literal "\n" allowed, as many hosts store one-line values). */
export const pemKey = (text: string) => text.replaceAll('\\n', '\n');
export const privateKeyOf = (pem: string) => createPrivateKey(pemKey(pem));
export const publicKeyOf = (pem: string) => createPublicKey(pemKey(pem));

/** WeChat Pay refused a call (its code and message), or could not be reached or believed (code NETWORK / BAD_SIGNATURE). */
export class WechatPayError extends Error {
  override readonly name = 'WechatPayError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

/** A notification that is not WeChat Pay's (bad or missing signature, unknown key, stale timestamp, undecryptable). */
export class ForgedNotification extends Error {
  override readonly name = 'ForgedNotification';
}

export interface VerifiedNotification {
  id: string;
  eventType: string;
  resource: Record<string, unknown>;
}

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string) => {
  const found = headers[name.toLowerCase()];
  return Array.isArray(found) ? found[0] : found;
};

export class WechatPay implements PaymentProvider {
  private readonly base: string;

  constructor(
    readonly config: WechatPayConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.base = config.apiBase.replace(/\/+$/, '');
  }

  notifyUrl(shopId: string): string {
    return `${this.config.notifyBaseUrl.replace(/\/+$/, '')}/api/pay/wechat/notify/${shopId}`;
  }

  async create(input: CreatePaymentInput): Promise<{ prepayId: string }> {
    const answer = await this.call<{ prepay_id: string }>('POST', '/v3/pay/partner/transactions/jsapi', {
      sp_appid: this.config.spAppid,
      sp_mchid: this.config.spMchid,
      sub_mchid: input.subMchid,
      description: input.description.slice(0, 127),
      out_trade_no: input.outTradeNo,
      time_expire: input.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      notify_url: input.notifyUrl,
      amount: { total: input.totalFen, currency: 'CNY' },
      payer: { sp_openid: input.payerOpenId },
    });
    return { prepayId: answer.prepay_id };
  }

  clientParams(prepayId: string): RequestPaymentParams {
    return requestPaymentParams(this.config.merchantPrivateKey, this.config.spAppid, prepayId, Math.floor(this.now() / 1000));
  }

  async query(payment: ProviderPayment): Promise<ProviderPaymentState> {
    return (await this.queryTransaction(payment)).state;
  }

  /** The query's answer as WeChat Pay gave it (to be stored like a notification's resource), and what it means. */
  async queryTransaction(payment: ProviderPayment): Promise<{ resource: Record<string, unknown>; state: ProviderPaymentState }> {
    const query = new URLSearchParams({ sp_mchid: this.config.spMchid, sub_mchid: payment.subMchid });
    const resource = await this.call<TransactionResource & Record<string, unknown>>('GET', `/v3/pay/partner/transactions/out-trade-no/${encodeURIComponent(payment.outTradeNo)}?${query}`);
    return { resource, state: paymentStateOf(resource) };
  }

  async close(payment: ProviderPayment): Promise<void> {
    await this.call('POST', `/v3/pay/partner/transactions/out-trade-no/${encodeURIComponent(payment.outTradeNo)}/close`, {
      sp_mchid: this.config.spMchid,
      sub_mchid: payment.subMchid,
    });
  }

  async refund(input: RefundInput): Promise<{ status: 'pending' | 'succeeded' | 'failed'; refundId: string | null }> {
    const answer = await this.call<{ refund_id?: string; status?: string }>('POST', '/v3/refund/domestic/refunds', {
      sub_mchid: input.subMchid,
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      reason: input.reason.slice(0, 80),
      notify_url: input.notifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    });
    return { status: refundStatusOf(answer.status), refundId: answer.refund_id ?? null };
  }

  /**
   * Checks a notification as WeChat Pay sent it (its headers and the raw body) and decrypts its resource.
   * Throws ForgedNotification for anything not provably from WeChat Pay within the last five minutes.
   */
  verifyNotification(headers: Headers, rawBody: string): VerifiedNotification {
    const problem = this.signatureProblem(headers, rawBody);
    if (problem) throw new ForgedNotification(problem);
    let body: { id?: unknown; event_type?: unknown; resource?: EncryptedResource };
    try {
      body = JSON.parse(rawBody) as typeof body;
      if (typeof body.id !== 'string' || typeof body.event_type !== 'string' || !body.resource) throw new Error('fields');
      return { id: body.id, eventType: body.event_type, resource: JSON.parse(decryptResource(this.config.apiV3Key, body.resource)) as Record<string, unknown> };
    } catch (error) {
      throw new ForgedNotification(`undecryptable notification: ${(error as Error).message}`);
    }
  }

  /** Why a signed answer or notification is not to be believed, or null when it is WeChat Pay's and fresh. */
  private signatureProblem(headers: Headers, body: string): string | null {
    const timestamp = header(headers, 'Wechatpay-Timestamp');
    const nonceStr = header(headers, 'Wechatpay-Nonce');
    const signature = header(headers, 'Wechatpay-Signature');
    const serial = header(headers, 'Wechatpay-Serial');
    if (!timestamp || !nonceStr || !signature || !serial) return 'unsigned';
    if (serial !== this.config.wechatPayPublicKeyId) return `signed with an unknown key ${serial}`;
    if (!/^\d+$/.test(timestamp) || Math.abs(this.now() - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) return 'stale or future timestamp';
    if (!rsaVerify(this.config.wechatPayPublicKey, wechatPaySignatureParts(timestamp, nonceStr, body), signature)) return 'bad signature';
    return null;
  }

  private async call<T>(method: 'GET' | 'POST', pathAndQuery: string, payload?: object): Promise<T> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const signed = authorization(
      { mchid: this.config.spMchid, serialNo: this.config.merchantSerialNo, privateKey: this.config.merchantPrivateKey },
      { method, pathAndQuery, body, timestamp: Math.floor(this.now() / 1000), nonceStr: nonce() },
    );
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.base}${pathAndQuery}`, {
        method,
        headers: { authorization: signed, accept: 'application/json', ...(payload === undefined ? {} : { 'content-type': 'application/json' }), 'wechatpay-serial': this.config.wechatPayPublicKeyId },
        ...(payload === undefined ? {} : { body }),
        signal: AbortSignal.timeout(10_000),
      });
      text = await response.text();
    } catch (error) {
      throw new WechatPayError(`无法连接微信支付：${(error as Error).message}`, 0, 'NETWORK');
    }
    const headers = Object.fromEntries(response.headers.entries());
    if (!response.ok) {
      const failure = parseJson<{ code?: string; message?: string }>(text);
      throw new WechatPayError(`微信支付返回 ${response.status}：${failure?.message ?? text.slice(0, 200)}`, response.status, failure?.code ?? `HTTP_${response.status}`);
    }
    const problem = this.signatureProblem(headers, text);
    if (problem) throw new WechatPayError(`微信支付的应答验签失败（${problem}）`, response.status, 'BAD_SIGNATURE');
    return (text ? parseJson<T>(text) : {}) as T;
  }
}

const parseJson = <T>(text: string): T | undefined => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
};

/** A transaction as the query answers it and as TRANSACTION.SUCCESS carries it (partner mode). */
export interface TransactionResource {
  out_trade_no?: string;
  sub_mchid?: string;
  transaction_id?: string;
  trade_state?: string;
  amount?: { total?: number; payer_total?: number };
  payer?: { sp_openid?: string };
}

export function paymentStateOf(transaction: TransactionResource): ProviderPaymentState {
  if (transaction.trade_state === 'SUCCESS' && transaction.transaction_id && typeof transaction.amount?.total === 'number') {
    return { state: 'paid', transactionId: transaction.transaction_id, totalFen: transaction.amount.total, payerOpenId: transaction.payer?.sp_openid ?? null };
  }
  if (transaction.trade_state === 'NOTPAY' || transaction.trade_state === 'USERPAYING') return { state: 'open' };
  return { state: 'closed', tradeState: transaction.trade_state ?? 'UNKNOWN' };
}

/** A refund's status as WeChat Pay names it (PROCESSING, SUCCESS, CLOSED, ABNORMAL), in ours. */
export const refundStatusOf = (status: string | undefined): 'pending' | 'succeeded' | 'failed' =>
  status === 'SUCCESS' ? 'succeeded' : status === 'CLOSED' || status === 'ABNORMAL' ? 'failed' : 'pending';
