// The signing, verification and decryption of WeChat Pay v3, against the fake WeChat Pay's keys and messages
// (whose cryptography is written separately from the client's).
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyOf, WechatPay, WechatPayError, ForgedNotification } from '../src/integrations/wechat-pay/wechat-pay.ts';
import { authorization, decryptResource, requestPaymentParams } from '../src/integrations/wechat-pay/wechat-pay-crypto.ts';
import { readWechatPayConfig } from '../src/integrations/config.ts';
import { startFakeWechatPay, type FakeWechatPay } from './support/fakes/fake-wechat-pay.ts';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const clockMs = Date.parse('2026-12-02T10:00:00Z');
const now = () => clockMs;

describe('WeChat Pay v3 signatures and decryption', () => {
  let fake: FakeWechatPay;
  let client: WechatPay;
  const clientWith = (changes: Partial<ConstructorParameters<typeof WechatPay>[0]>) =>
    new WechatPay(
      {
        spMchid: fake.spMchid,
        spAppid: fake.spAppid,
        merchantSerialNo: fake.merchantSerialNo,
        merchantPrivateKey: merchant.privateKey,
        apiV3Key: fake.apiV3Key,
        wechatPayPublicKey: publicKeyOf(fake.publicKeyPem),
        wechatPayPublicKeyId: fake.publicKeyId,
        apiBase: fake.url,
        notifyBaseUrl: 'https://shop.example.com',
        ...changes,
      },
      now,
    );
  beforeAll(async () => {
    fake = await startFakeWechatPay({ merchantPublicKey: merchant.publicKey, now });
    client = clientWith({});
  });
  afterAll(() => fake?.close());

  const order = (outTradeNo: string) => ({
    subMchid: '1900000201',
    outTradeNo,
    description: '小店-订单',
    totalFen: 1234,
    expiresAt: new Date(clockMs + 30 * 60_000),
    payerOpenId: 'o-payer',
    notifyUrl: 'https://shop.example.com/api/pay/wechat/notify/1',
  });

  it('signs the Authorization header over method, path, timestamp, nonce and body with the merchant key', () => {
    const header = authorization(
      { mchid: '1900000109', serialNo: 'SERIAL', privateKey: merchant.privateKey },
      { method: 'POST', pathAndQuery: '/v3/x?a=1', body: '{"a":1}', timestamp: 1700000000, nonceStr: 'NONCE' },
    );
    const signature = /signature="([^"]+)"/.exec(header)![1]!;
    expect(header).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="NONCE",signature="[^"]+",timestamp="1700000000",serial_no="SERIAL"$/);
    expect(createVerify('RSA-SHA256').update('POST\n/v3/x?a=1\n1700000000\nNONCE\n{"a":1}\n').verify(merchant.publicKey, signature, 'base64')).toBe(true);
    expect(createVerify('RSA-SHA256').update('POST\n/v3/x?a=2\n1700000000\nNONCE\n{"a":1}\n').verify(merchant.publicKey, signature, 'base64')).toBe(false);
  });

  it('is accepted by WeChat Pay (the fake checks the signature) and believes its signed answers', async () => {
    expect((await client.create(order('SIGNED0001'))).prepayId).toMatch(/^wx/);
    expect(await client.query({ subMchid: '1900000201', outTradeNo: 'SIGNED0001' })).toEqual({ state: 'open' });
    // Another merchant key: WeChat Pay refuses the request.
    const stranger = clientWith({ merchantPrivateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    await expect(stranger.create(order('SIGNED0002'))).rejects.toMatchObject({ status: 401, code: 'SIGN_ERROR' });
  });

  it('does not believe an answer signed by another key, or under another key id', async () => {
    const wrongKey = clientWith({ wechatPayPublicKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey });
    const error = await wrongKey.query({ subMchid: '1900000201', outTradeNo: 'SIGNED0001' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WechatPayError);
    expect(error).toMatchObject({ code: 'BAD_SIGNATURE', message: expect.stringContaining('bad signature') });
    await expect(clientWith({ wechatPayPublicKeyId: 'PUB_KEY_ID_OTHER' }).query({ subMchid: '1900000201', outTradeNo: 'SIGNED0001' })).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
  });

  it('verifies and decrypts a notification, and refuses a forged, stale, tampered or undecryptable one', async () => {
    await client.create(order('NOTIFY0001'));
    fake.pay('NOTIFY0001');
    const genuine = fake.paymentNotification('NOTIFY0001', { eventId: 'EV-1' });
    const verified = client.verifyNotification(genuine.headers, genuine.body);
    expect(verified).toMatchObject({ id: 'EV-1', eventType: 'TRANSACTION.SUCCESS', resource: { out_trade_no: 'NOTIFY0001', trade_state: 'SUCCESS', amount: { total: 1234 } } });
    const forged = fake.paymentNotification('NOTIFY0001', { signWith: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    expect(() => client.verifyNotification(forged.headers, forged.body)).toThrow(ForgedNotification);
    expect(() => client.verifyNotification(genuine.headers, genuine.body.replace('EV-1', 'EV-2'))).toThrow('bad signature');
    expect(() => client.verifyNotification({ ...genuine.headers, 'wechatpay-serial': 'OTHER' }, genuine.body)).toThrow('unknown key');
    const stale = fake.paymentNotification('NOTIFY0001', { timestamp: Math.floor(clockMs / 1000) - 301 });
    expect(() => client.verifyNotification(stale.headers, stale.body)).toThrow('stale');
    // Within five minutes either way is believed.
    const recent = fake.paymentNotification('NOTIFY0001', { timestamp: Math.floor(clockMs / 1000) - 299 });
    expect(client.verifyNotification(recent.headers, recent.body).eventType).toBe('TRANSACTION.SUCCESS');
    // Signed by WeChat Pay but encrypted with another APIv3 key.
    expect(() => clientWith({ apiV3Key: 'x'.repeat(32) }).verifyNotification(genuine.headers, genuine.body)).toThrow('undecryptable');
  });

  it('decrypts AEAD_AES_256_GCM with the tag at the end, and refuses a changed ciphertext or associated data', () => {
    const { resource } = JSON.parse(fake.notification('TRANSACTION.SUCCESS', { out_trade_no: 'X1' }).body) as { resource: { ciphertext: string; nonce: string; associated_data: string; algorithm: string } };
    expect(JSON.parse(decryptResource(fake.apiV3Key, resource))).toEqual({ out_trade_no: 'X1' });
    const flipped = Buffer.from(resource.ciphertext, 'base64');
    flipped[0]! ^= 1;
    expect(() => decryptResource(fake.apiV3Key, { ...resource, ciphertext: flipped.toString('base64') })).toThrow();
    expect(() => decryptResource(fake.apiV3Key, { ...resource, associated_data: 'refund' })).toThrow();
  });

  it('signs requestPayment over appId, timeStamp, nonceStr and package with the merchant key', () => {
    const params = requestPaymentParams(merchant.privateKey, 'wxapp', 'wx201410272009395522657a690389285100', 1700000000);
    expect(params).toMatchObject({ appId: 'wxapp', timeStamp: '1700000000', package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' });
    const message = `wxapp\n1700000000\n${params.nonceStr}\nprepay_id=wx201410272009395522657a690389285100\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, params.paySign, 'base64')).toBe(true);
  });
});

describe('WeChat Pay settings', () => {
  const complete = {
    WECHAT_PAY_SP_MCHID: '1900000109',
    WECHAT_PAY_SP_APPID: 'wxsp0123456789abcd',
    WECHAT_PAY_MERCHANT_SERIAL: 'SERIAL',
    WECHAT_PAY_PRIVATE_KEY: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    WECHAT_PAY_APIV3_KEY: '0123456789abcdef0123456789abcdef',
    WECHAT_PAY_PUBLIC_KEY: merchant.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    WECHAT_PAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_1',
    PUBLIC_BASE_URL: 'https://shop.example.com',
  };
  it('turns online payment on only when every setting is there and sound, and says what is wrong otherwise', () => {
    expect(readWechatPayConfig(complete)).toMatchObject({ config: { spMchid: '1900000109', apiBase: 'https://api.mch.weixin.qq.com', notifyBaseUrl: 'https://shop.example.com' } });
    expect(readWechatPayConfig({})).toEqual({ off: expect.stringMatching(/^服务器未配置微信支付（WECHAT_PAY_SP_MCHID、.*PUBLIC_BASE_URL）$/) });
    expect(readWechatPayConfig({ ...complete, WECHAT_PAY_APIV3_KEY: 'short' })).toEqual({ off: expect.stringContaining('WECHAT_PAY_APIV3_KEY') });
    expect(readWechatPayConfig({ ...complete, PUBLIC_BASE_URL: 'http://shop.example.com' })).toEqual({ off: expect.stringContaining('PUBLIC_BASE_URL') });
    expect(readWechatPayConfig({ ...complete, WECHAT_PAY_PUBLIC_KEY: 'not a key' })).toEqual({ off: expect.stringContaining('PEM') });
  });
});
