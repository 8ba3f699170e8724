import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverNotifications, MAX_ATTEMPTS, retryDelayMs, type DeliveryOptions } from '../src/jobs/deliver-notifications.ts';
import { outsideFromEnv } from '../src/integrations/outside.ts';
import { startFakeAliyunSms, type FakeSmsServer } from './support/fakes/fake-aliyun-sms.ts';
import { startFakeSmtp, type FakeSmtp } from './support/fakes/fake-smtp.ts';
import { startFakeWechat, type FakeWechat } from './support/fakes/fake-wechat.ts';
import { createTestApp, describeOnDatabase, uniqueName, type Client, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';

const SMS_ACCOUNT = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'test-secret-0123456789', signName: '小仓', templateCode: 'SMS_123456789' };
const TEMPLATE = 'TEMPLATE-WARNING';

describeOnDatabase('delivering notifications through the outbox', () => {
  let t: TestApp;
  let smtp: FakeSmtp;
  let sms: FakeSmsServer;
  let wechat: FakeWechat;
  /** The worker's clock runs ahead of the real one by this much: retries become due without waiting. */
  let aheadMs = 0;
  let options: DeliveryOptions;

  beforeAll(async () => {
    [smtp, sms, wechat] = await Promise.all([startFakeSmtp(), startFakeAliyunSms(SMS_ACCOUNT), startFakeWechat({ templateIds: [TEMPLATE] })]);
    const { outside, delivery } = outsideFromEnv({
      SMTP_URL: smtp.url,
      SMTP_FROM: '小仓 <noreply@xiaocang.test>',
      SMS_PROVIDER: 'aliyun',
      SMS_ACCESS_KEY_ID: SMS_ACCOUNT.accessKeyId,
      SMS_ACCESS_KEY_SECRET: SMS_ACCOUNT.accessKeySecret,
      SMS_SIGN_NAME: SMS_ACCOUNT.signName,
      SMS_TEMPLATE_CODE: SMS_ACCOUNT.templateCode,
      SMS_ENDPOINT: sms.url,
      WECHAT_APPID: wechat.appId,
      WECHAT_SECRET: wechat.secret,
      WECHAT_API_BASE: wechat.url,
      WECHAT_WARNING_TEMPLATE_ID: TEMPLATE,
    });
    t = await createTestApp(undefined, { outside });
    options = { ...delivery, leaseMs: 60_000, now: () => new Date(Date.now() + aheadMs) };
  });
  afterAll(async () => Promise.all([smtp?.close(), sms?.close(), wechat?.close()]));

  /** An owner with an address of their own on each channel, and a product that is low as soon as it is stocked. */
  async function reachableOwner(): Promise<{ owner: Client; email: string; openId: string; product: string }> {
    const owner = await t.registerShop('通知小店');
    const email = `${uniqueName('boss')}@example.com`;
    const openId = uniqueName('openid');
    await owner.put('/api/notifications/preferences', { email, phone: '13800138000', kinds: { warning: { sms: true } } });
    const code = uniqueName('code');
    wechat.addCode(code, openId);
    expect((await owner.post('/api/auth/wechat/bind', { code })).body.wechatBound).toBe(true);
    const reused = await owner.post('/api/auth/wechat/bind', { code });
    expect(reused.status).toBe(400);
    expect(reused.body.error.details).toEqual([{ field: 'code', message: expect.stringContaining('login code') }]);
    const product = await createProduct(owner, { name: '玫瑰精华面膜礼盒装（十片）', unit: '盒', warningStock: '2' });
    return { owner, email, openId, product };
  }
  const deliveriesOf = async (owner: Client, status = '') => (await owner.get(`/api/notifications/deliveries?pageSize=50${status ? `&status=${status}` : ''}`)).body.items;

  it('sends a warning by WeChat, email and SMS once each, after the commit, using up one WeChat subscription', async () => {
    const { owner, email, openId, product } = await reachableOwner();
    expect((await owner.post('/api/notifications/wechat-subscriptions', { results: { [TEMPLATE]: 'accept' } })).body.wechatQuota).toBe(1);
    await postBill(owner, 'in', [{ productId: product, quantity: 1, unitPrice: '50' }]);
    expect((await deliveriesOf(owner)).map((d: { channel: string; status: string }) => `${d.channel}:${d.status}`).sort()).toEqual(['email:pending', 'sms:pending', 'wechat:pending']);
    await deliverNotifications(t.db, options);
    const sent = await deliveriesOf(owner);
    expect(sent.map((d: { channel: string; status: string; address: string }) => [d.channel, d.status, d.address]).sort()).toEqual([
      ['email', 'sent', `${email[0]}***@example.com`],
      ['sms', 'sent', '138****8000'],
      ['wechat', 'sent', `微信 …${openId.slice(-4)}`],
    ]);
    const mail = smtp.received.filter((received) => received.to.includes(email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.parsed.subject).toBe('库存不足：玫瑰精华面膜礼盒装（十片）');
    expect(mail[0]!.parsed.text).toContain('库存 1 盒，不高于预警库存 2 盒');
    const emailDelivery = sent.find((d: { channel: string }) => d.channel === 'email');
    expect(mail[0]!.parsed.messageId).toBe(`<xiaocang-${owner.shopId}-${emailDelivery.id}@xiaocang>`);
    const text = sms.messages.filter((message) => message.outId?.startsWith(`xiaocang-${owner.shopId}-`));
    expect(text).toEqual([expect.objectContaining({ phoneNumbers: '13800138000', templateParam: { subject: '玫瑰精华面膜礼盒装（十片）', detail: '库存 1 盒，不高于预警库存 2 盒' } })]);
    const pushed = wechat.messages.filter((message) => message.touser === openId);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.data.thing1!.value).toBe('玫瑰精华面膜礼盒装（十片）');
    expect((await owner.get('/api/notifications/preferences')).body.wechatQuota).toBe(0);
    // Nothing is sent twice, and with the subscription used up the next warning goes by email and SMS only.
    await deliverNotifications(t.db, options);
    expect(smtp.received.filter((received) => received.to.includes(email))).toHaveLength(1);
    const other = await createProduct(owner, { warningStock: '2' });
    await postBill(owner, 'in', [{ productId: other, quantity: 1, unitPrice: '5' }]);
    expect((await deliveriesOf(owner, 'pending')).map((d: { channel: string }) => d.channel).sort()).toEqual(['email', 'sms']);
  });

  it('retries a channel that is down with growing waits, gives up after the last attempt for the owner to see, and sends once retried', async () => {
    const { owner, email, product } = await reachableOwner();
    await owner.put('/api/notifications/preferences', { kinds: { warning: { sms: false, wechat: false } } });
    await smtp.down();
    await postBill(owner, 'in', [{ productId: product, quantity: 1, unitPrice: '50' }]);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverNotifications(t.db, options);
      const [delivery] = await deliveriesOf(owner);
      expect(delivery).toMatchObject({ channel: 'email', attempts: attempt, status: attempt < MAX_ATTEMPTS ? 'pending' : 'failed' });
      expect(delivery.lastError).toBeTruthy();
      if (attempt === MAX_ATTEMPTS) break;
      const wait = new Date(delivery.nextAttemptAt).getTime() - options.now!().getTime();
      expect(wait).toBeGreaterThanOrEqual(retryDelayMs(attempt, () => 0) - 1000);
      expect(wait).toBeLessThanOrEqual(retryDelayMs(attempt, () => 1));
      // Not due yet: nothing is tried.
      aheadMs += wait / 2;
      await deliverNotifications(t.db, options);
      expect((await deliveriesOf(owner))[0].attempts).toBe(attempt);
      aheadMs += wait;
    }
    const [dead] = await deliveriesOf(owner, 'failed');
    expect(dead).toMatchObject({ channel: 'email', recipientName: '店主', title: expect.stringContaining('库存不足') });
    await smtp.up();
    const staff = await t.addStaff(owner);
    expect((await staff.post(`/api/notifications/deliveries/${dead.id}/retry`)).status).toBe(403);
    expect((await owner.post(`/api/notifications/deliveries/${dead.id}/retry`)).body).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await owner.post(`/api/notifications/deliveries/${dead.id}/retry`)).status).toBe(409);
    await deliverNotifications(t.db, options);
    expect((await deliveriesOf(owner))[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(smtp.received.filter((received) => received.to.includes(email))).toHaveLength(1);
  });

  it('signs in with WeChat the user whose account is bound, and no one else', async () => {
    const { owner, openId } = await reachableOwner();
    const code = uniqueName('code');
    wechat.addCode(code, openId);
    const signedIn = await t.request('POST', '/api/auth/wechat/login', { code });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ id: owner.userId, role: 'owner' });
    expect((await t.request('GET', '/api/me', undefined, { authorization: `Bearer ${signedIn.body.token}` })).status).toBe(200);
    const stranger = uniqueName('code');
    wechat.addCode(stranger, uniqueName('openid'));
    expect((await t.request('POST', '/api/auth/wechat/login', { code: stranger })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/wechat/login', { code: 'made-up' })).status).toBe(400);
    await owner.delete('/api/auth/wechat/bind');
    const again = uniqueName('code');
    wechat.addCode(again, openId);
    expect((await t.request('POST', '/api/auth/wechat/login', { code: again })).status).toBe(401);
  });

  it('marks a WeChat refusal (43101) at once and empties the subscription count', async () => {
    const { owner, openId, product } = await reachableOwner();
    await owner.put('/api/notifications/preferences', { kinds: { warning: { sms: false, email: false } } });
    await owner.post('/api/notifications/wechat-subscriptions', { results: { [TEMPLATE]: 'accept' } });
    await owner.post('/api/notifications/wechat-subscriptions', { results: { [TEMPLATE]: 'accept' } });
    wechat.failFor(openId, 43101);
    await postBill(owner, 'in', [{ productId: product, quantity: 1, unitPrice: '50' }]);
    await deliverNotifications(t.db, options);
    expect((await deliveriesOf(owner))[0]).toMatchObject({ channel: 'wechat', status: 'failed', attempts: 1 });
    expect((await owner.get('/api/notifications/preferences')).body.wechatQuota).toBe(0);
  });
});
