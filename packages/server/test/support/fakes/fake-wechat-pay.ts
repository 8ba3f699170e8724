// A fake WeChat Pay API v3 (service-provider mode) on Fastify: it checks every request's Authorization signature
// with the merchant's public key, answers with bodies signed by its own WeChat Pay key, and builds the signed,
// AEAD_AES_256_GCM-encrypted notifications that WeChat Pay would send. The cryptography is written out here from
// WeChat Pay's documentation on purpose, not borrowed from the client it tests. Its clock is injected.
import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import Fastify from 'fastify';

export interface FakeTransaction {
  sp_appid: string;
  sp_mchid: string;
  sub_mchid: string;
  out_trade_no: string;
  description: string;
  time_expire: string;
  notify_url: string;
  amount: { total: number; currency: string };
  payer: { sp_openid: string };
  prepay_id: string;
  trade_state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transaction_id?: string;
}

export interface FakeRefund {
  sub_mchid: string;
  out_trade_no: string;
  out_refund_no: string;
  refund_id: string;
  notify_url: string;
  amount: { refund: number; total: number; currency: string };
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED';
}

export interface SignedNotification {
  headers: Record<string, string>;
  body: string;
}

export interface FakeWechatPay {
  url: string;
  spMchid: string;
  spAppid: string;
  merchantSerialNo: string;
  apiV3Key: string;
  publicKeyId: string;
  /** WeChat Pay's public key, as the platform downloads it. */
  publicKeyPem: string;
  transactions: Map<string, FakeTransaction>;
  refunds: Map<string, FakeRefund>;
  /** Every request that reached the fake: method, path, and the status it answered. */
  requests: Array<{ method: string; path: string; status: number }>;
  /** The customer pays in WeChat (trade_state SUCCESS), optionally a different amount than ordered. */
  pay(outTradeNo: string, options?: { total?: number }): FakeTransaction;
  /** A TRANSACTION.SUCCESS notification for a paid transaction, signed and encrypted as WeChat Pay sends it. */
  paymentNotification(outTradeNo: string, options?: NotificationOptions): SignedNotification;
  /** WeChat Pay finishes a refund (REFUND.SUCCESS) or gives it up (REFUND.CLOSED), and the notification that says so. */
  refundNotification(outRefundNo: string, result: 'SUCCESS' | 'CLOSED', options?: NotificationOptions): SignedNotification;
  /** The next `times` refund requests are refused as WeChat Pay does when it is busy (SYSTEM_ERROR). */
  refuseRefunds(times: number): void;
  /** Any notification of a resource, e.g. for an order WeChat Pay knows and we do not. */
  notification(eventType: string, resource: object, options?: NotificationOptions): SignedNotification;
  close(): Promise<void>;
}

export interface NotificationOptions {
  /** Seconds since the epoch; by default the fake's clock. */
  timestamp?: number;
  /** Signed with another key than WeChat Pay's (a forgery). */
  signWith?: KeyObject;
  eventId?: string;
}

const sign = (key: KeyObject, message: string) => createSign('RSA-SHA256').update(message).sign(key, 'base64');

export async function startFakeWechatPay(options: { merchantPublicKey: KeyObject; now?: () => number }): Promise<FakeWechatPay> {
  const now = options.now ?? Date.now;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spMchid = '1900000109';
  const spAppid = 'wxsp0123456789abcd';
  const merchantSerialNo = '5157F09EFDC096DE15EBE81A47057A72';
  const publicKeyId = 'PUB_KEY_ID_0119000001092026';
  const apiV3Key = randomBytes(16).toString('hex');
  const transactions = new Map<string, FakeTransaction>();
  const refunds = new Map<string, FakeRefund>();
  const requests: FakeWechatPay['requests'] = [];
  const seconds = () => Math.floor(now() / 1000);

  const signedHeaders = (body: string, key: KeyObject = privateKey, timestamp = seconds()) => {
    const nonceStr = randomBytes(16).toString('hex');
    return {
      'wechatpay-timestamp': String(timestamp),
      'wechatpay-nonce': nonceStr,
      'wechatpay-serial': publicKeyId,
      'wechatpay-signature': sign(key, `${timestamp}\n${nonceStr}\n${body}\n`),
    };
  };

  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onSend', async (request, reply, payload) => {
    const body = typeof payload === 'string' ? payload : '';
    requests.push({ method: request.method, path: request.url, status: reply.statusCode });
    reply.headers(signedHeaders(body));
    return payload;
  });
  // The merchant's signature: method, path with query, timestamp, nonce and body, signed by the merchant's key.
  app.addHook('preHandler', async (request, reply) => {
    const match = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(String(request.headers.authorization ?? ''));
    const fields = Object.fromEntries([...(match?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((field) => [field[1], field[2]]));
    const body = typeof request.body === 'string' ? request.body : '';
    const message = `${request.method}\n${request.url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    const fresh = Math.abs(seconds() - Number(fields.timestamp)) <= 300;
    const valid =
      fields.mchid === spMchid && fields.serial_no === merchantSerialNo && fresh && createVerify('RSA-SHA256').update(message).verify(options.merchantPublicKey, fields.signature ?? '', 'base64');
    if (!valid) return reply.status(401).send({ code: 'SIGN_ERROR', message: '签名错误' });
  });
  const json = (request: { body: unknown }) => JSON.parse(String(request.body)) as Record<string, unknown>;

  app.post('/v3/pay/partner/transactions/jsapi', async (request, reply) => {
    const input = json(request) as Omit<FakeTransaction, 'prepay_id' | 'trade_state'>;
    const missing = ['sp_appid', 'sp_mchid', 'sub_mchid', 'description', 'out_trade_no', 'time_expire', 'notify_url', 'amount', 'payer'].filter((name) => !(name in input));
    if (missing.length || input.sp_appid !== spAppid || input.sp_mchid !== spMchid || !input.payer.sp_openid || !Number.isInteger(input.amount.total) || input.amount.currency !== 'CNY') {
      return reply.status(400).send({ code: 'PARAM_ERROR', message: `参数错误 ${missing.join(',')}` });
    }
    if (!/^https:\/\/[^?]+$/.test(input.notify_url)) return reply.status(400).send({ code: 'PARAM_ERROR', message: 'notify_url 格式错误' });
    const known = transactions.get(input.out_trade_no);
    if (known) {
      if (known.trade_state !== 'NOTPAY') return reply.status(400).send({ code: 'ORDERPAID', message: '订单已支付或已关闭' });
      if (known.amount.total !== input.amount.total) return reply.status(400).send({ code: 'INVALID_REQUEST', message: '201 商户订单号重复' });
      return { prepay_id: known.prepay_id };
    }
    const transaction: FakeTransaction = { ...input, prepay_id: `wx${randomBytes(14).toString('hex')}`, trade_state: 'NOTPAY' };
    transactions.set(input.out_trade_no, transaction);
    return { prepay_id: transaction.prepay_id };
  });

  const resourceOf = (transaction: FakeTransaction) => ({
    sp_appid: transaction.sp_appid,
    sp_mchid: transaction.sp_mchid,
    sub_mchid: transaction.sub_mchid,
    out_trade_no: transaction.out_trade_no,
    trade_state: transaction.trade_state,
    ...(transaction.transaction_id ? { transaction_id: transaction.transaction_id, amount: { total: transaction.amount.total, payer_total: transaction.amount.total, currency: 'CNY' } } : {}),
    payer: transaction.payer,
  });

  app.get<{ Params: { no: string }; Querystring: { sp_mchid?: string; sub_mchid?: string } }>('/v3/pay/partner/transactions/out-trade-no/:no', async (request, reply) => {
    const transaction = transactions.get(request.params.no);
    if (!transaction || transaction.sub_mchid !== request.query.sub_mchid || request.query.sp_mchid !== spMchid) return reply.status(404).send({ code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    return resourceOf(transaction);
  });

  app.post<{ Params: { no: string } }>('/v3/pay/partner/transactions/out-trade-no/:no/close', async (request, reply) => {
    const input = json(request);
    const transaction = transactions.get(request.params.no);
    if (!transaction || transaction.sub_mchid !== input.sub_mchid || input.sp_mchid !== spMchid) return reply.status(404).send({ code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    if (transaction.trade_state === 'SUCCESS') return reply.status(400).send({ code: 'ORDERPAID', message: '订单已支付' });
    transaction.trade_state = 'CLOSED';
    return reply.status(204).send();
  });

  let refundsToRefuse = 0;
  app.post('/v3/refund/domestic/refunds', async (request, reply) => {
    if (refundsToRefuse > 0) {
      refundsToRefuse -= 1;
      return reply.status(500).send({ code: 'SYSTEM_ERROR', message: '系统繁忙，请稍后重试' });
    }
    const input = json(request) as Omit<FakeRefund, 'refund_id' | 'status'>;
    const transaction = transactions.get(input.out_trade_no);
    if (!transaction || transaction.sub_mchid !== input.sub_mchid) return reply.status(404).send({ code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
    if (transaction.trade_state !== 'SUCCESS' && transaction.trade_state !== 'REFUND') return reply.status(400).send({ code: 'INVALID_REQUEST', message: '订单未支付' });
    if (input.amount.total !== transaction.amount.total || input.amount.refund > input.amount.total) return reply.status(400).send({ code: 'PARAM_ERROR', message: '退款金额错误' });
    const known = refunds.get(input.out_refund_no);
    const refund = known ?? { ...input, refund_id: `50${randomBytes(12).toString('hex')}`, status: 'PROCESSING' as const };
    refunds.set(input.out_refund_no, refund);
    transaction.trade_state = 'REFUND';
    return { refund_id: refund.refund_id, out_refund_no: refund.out_refund_no, status: refund.status, amount: refund.amount };
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const notification = (eventType: string, resource: object, notificationOptions: NotificationOptions = {}): SignedNotification => {
    const associatedData = eventType.startsWith('REFUND.') ? 'refund' : 'transaction';
    const nonceStr = randomBytes(6).toString('hex');
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonceStr));
    cipher.setAAD(Buffer.from(associatedData));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const body = JSON.stringify({
      id: notificationOptions.eventId ?? randomBytes(16).toString('hex'),
      create_time: new Date(now()).toISOString(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: eventType.startsWith('REFUND.') ? '退款成功' : '支付成功',
      resource: { original_type: associatedData, algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), associated_data: associatedData, nonce: nonceStr },
    });
    return { body, headers: { 'content-type': 'application/json', ...signedHeaders(body, notificationOptions.signWith, notificationOptions.timestamp) } };
  };

  return {
    url,
    spMchid,
    spAppid,
    merchantSerialNo,
    apiV3Key,
    publicKeyId,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    transactions,
    refunds,
    requests,
    refuseRefunds(times) {
      refundsToRefuse = times;
    },
    pay(outTradeNo, payOptions = {}) {
      const transaction = transactions.get(outTradeNo);
      if (!transaction) throw new Error(`no transaction ${outTradeNo}`);
      transaction.trade_state = 'SUCCESS';
      transaction.transaction_id = `4200${randomBytes(12).toString('hex')}`;
      if (payOptions.total !== undefined) transaction.amount = { ...transaction.amount, total: payOptions.total };
      return transaction;
    },
    paymentNotification(outTradeNo, notificationOptions) {
      const transaction = transactions.get(outTradeNo);
      if (!transaction) throw new Error(`no transaction ${outTradeNo}`);
      return notification('TRANSACTION.SUCCESS', { ...resourceOf(transaction), success_time: new Date(now()).toISOString() }, notificationOptions);
    },
    refundNotification(outRefundNo, result, notificationOptions) {
      const refund = refunds.get(outRefundNo);
      if (!refund) throw new Error(`no refund ${outRefundNo}`);
      refund.status = result;
      return notification(
        `REFUND.${result}`,
        { sp_mchid: spMchid, sub_mchid: refund.sub_mchid, out_trade_no: refund.out_trade_no, out_refund_no: outRefundNo, refund_id: refund.refund_id, refund_status: result, amount: refund.amount },
        notificationOptions,
      );
    },
    notification,
    close: () => app.close(),
  };
}
