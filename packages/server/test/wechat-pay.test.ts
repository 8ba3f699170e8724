import { createVerify, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readWechatPayConfig, type OnlinePayment } from '../src/integrations/config.ts';
import { outsideFromEnv } from '../src/integrations/outside.ts';
import { WechatPay } from '../src/integrations/wechat-pay/wechat-pay.ts';
import { expireOrders } from '../src/use-cases/orders/order-actions.ts';
import { checkWechatPayments } from '../src/use-cases/payments/check-wechat-payments.ts';
import { startFakeWechat, type FakeWechat } from './support/fakes/fake-wechat.ts';
import { startFakeWechatPay, type FakeWechatPay, type SignedNotification } from './support/fakes/fake-wechat-pay.ts';
import { createTestApp, describeOnDatabase, describeOnPostgres, type Client, type TestApp } from './support/harness.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';

const SUB_MCHID = '1900000201';
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The clock WeChat Pay's client and the fake share; the tests move it. */
const clockMs = Date.now();
const now = () => clockMs;

let wechat: FakeWechat;
let pay: FakeWechatPay;
let payments: OnlinePayment;
let outside: ReturnType<typeof outsideFromEnv>['outside'];
let openIds = 0;

/** The fakes and a server paying through them, for one describe block (the fakes closed after it). */
async function startApp(): Promise<TestApp> {
  await startFakes();
  afterAll(async () => Promise.all([wechat?.close(), pay?.close()]));
  return createTestApp(undefined, { outside, payments });
}

async function startFakes() {
  [wechat, pay] = await Promise.all([startFakeWechat(), startFakeWechatPay({ merchantPublicKey: merchant.publicKey, now })]);
  const read = readWechatPayConfig({
    WECHAT_PAY_SP_MCHID: pay.spMchid,
    WECHAT_PAY_SP_APPID: pay.spAppid,
    WECHAT_PAY_MERCHANT_SERIAL: pay.merchantSerialNo,
    // One-line, as many hosts keep it: "\n" written out.
    WECHAT_PAY_PRIVATE_KEY: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replaceAll('\n', '\\n'),
    WECHAT_PAY_APIV3_KEY: pay.apiV3Key,
    WECHAT_PAY_PUBLIC_KEY: pay.publicKeyPem,
    WECHAT_PAY_PUBLIC_KEY_ID: pay.publicKeyId,
    WECHAT_PAY_API_BASE: pay.url,
    PUBLIC_BASE_URL: 'https://shop.example.com',
  });
  if (!('config' in read)) throw new Error(read.off);
  payments = { wechatPay: new WechatPay(read.config, now) };
  outside = outsideFromEnv({ WECHAT_APPID: wechat.appId, WECHAT_SECRET: wechat.secret, WECHAT_API_BASE: wechat.url }).outside;
}

/** A customer signed in with WeChat in the mini-program (their openid is the payer), with an address. */
async function wechatCustomer(t: TestApp, shopId: string) {
  const openId = `o-payer-${++openIds}-${Date.now()}`;
  wechat.addCode(`code-${openId}`, openId);
  const session = await t.request('POST', `/api/store/${shopId}/wechat-login`, { code: `code-${openId}` });
  expect(session.status).toBe(200);
  const call = (method: string, path: string, body?: unknown) => t.request(method, `/api/store/${shopId}${path}`, body, { authorization: `Bearer ${session.body.token}` });
  const address = await call('POST', '/addresses', { name: '王小姐', phone: '13800000009', region: '广东省 广州市', detail: '体育西路 1 号' });
  return { openId, call, addressId: address.body.items[0].id as string };
}
type Customer = Awaited<ReturnType<typeof wechatCustomer>>;

/** A shop that takes WeChat Pay as sub-merchant SUB_MCHID, with `stock` units of one product for sale at ¥25. */
async function payingShop(t: TestApp, stock: number) {
  const owner = await t.registerShop('微信支付小店');
  const product = await createProduct(owner, { name: '玫瑰面膜', unit: '盒', inboundPrice: '10' });
  expect((await postBill(owner, 'in', [{ productId: product, quantity: stock, unitPrice: '10' }])).status).toBe(201);
  const goods = await owner.post('/api/goods', { productId: product, title: '玫瑰面膜', price: '25', onShelf: true });
  const settings = await owner.put('/api/store-settings', { orderExpiryMinutes: 30, customerHoldCap: '0', wechatPaySubMchid: SUB_MCHID });
  expect(settings.body).toMatchObject({ wechatPaySubMchid: SUB_MCHID, wechatPayEnabled: true, wechatPayOff: null });
  const customer = await wechatCustomer(t, owner.shopId);
  return { owner, product, goodsId: goods.body.id as string, customer };
}

const placeOrder = async (customer: Customer, goodsId: string, quantity: number) => {
  const placed = await customer.call('POST', '/orders', { lines: [{ goodsId, quantity, unitPrice: '25.00' }], addressId: customer.addressId });
  expect(placed.status).toBe(201);
  return placed.body as { id: string; orderNo: string };
};

const notify = (t: TestApp, shopId: string, notification: SignedNotification) => t.request('POST', `/api/pay/wechat/notify/${shopId}`, notification.body, notification.headers);

const saleBills = async (owner: Client) => ((await owner.get('/api/bills?billType=销售出库')).body.items as unknown[]).length;
const verifyIsEmpty = async (owner: Client) => expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);
const paymentProblems = async (owner: Client) => ((await owner.get('/api/notifications')).body.items as Array<{ kind: string; title: string; body: string }>).filter((item) => item.kind === 'paymentProblem');

describeOnDatabase('WeChat Pay for storefront orders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });

  it('creates the payment under the shop as sub-merchant for the signed-in payer and signs requestPayment with the merchant key, reusing a live prepay_id', async () => {
    const { owner, goodsId, customer } = await payingShop(t, 10);
    expect((await customer.call('GET', '')).body).toMatchObject({ wechatPay: true });
    const order = await placeOrder(customer, goodsId, 3);
    const params = await customer.call('POST', `/orders/${order.id}/wechat-pay`);
    expect(params.status).toBe(200);
    const created = pay.transactions.get(order.orderNo)!;
    expect(created).toMatchObject({
      sp_appid: pay.spAppid,
      sp_mchid: pay.spMchid,
      sub_mchid: SUB_MCHID,
      out_trade_no: order.orderNo,
      notify_url: `https://shop.example.com/api/pay/wechat/notify/${owner.shopId}`,
      amount: { total: 7500, currency: 'CNY' },
      payer: { sp_openid: customer.openId },
    });
    const expiresAt = (await customer.call('GET', `/orders/${order.id}`)).body.expiresAt;
    expect(new Date(created.time_expire).getTime()).toBe(Math.floor(new Date(expiresAt).getTime() / 1000) * 1000);
    expect(params.body).toMatchObject({ appId: pay.spAppid, package: `prepay_id=${created.prepay_id}`, signType: 'RSA', timeStamp: String(Math.floor(clockMs / 1000)) });
    const message = `${params.body.appId}\n${params.body.timeStamp}\n${params.body.nonceStr}\n${params.body.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, params.body.paySign, 'base64')).toBe(true);
    expect(createVerify('RSA-SHA256').update(message.replace('prepay_id', 'prepay_ID')).verify(merchant.publicKey, params.body.paySign, 'base64')).toBe(false);
    // A second tap: the same prepay_id, no second order at WeChat Pay.
    const creates = pay.requests.filter((request) => request.path === '/v3/pay/partner/transactions/jsapi').length;
    expect((await customer.call('POST', `/orders/${order.id}/wechat-pay`)).body.package).toBe(params.body.package);
    expect(pay.requests.filter((request) => request.path === '/v3/pay/partner/transactions/jsapi').length).toBe(creates);
  });

  it('says why online payment is off: no sub-merchant number, or a customer who did not sign in with WeChat', async () => {
    const owner = await t.registerShop('未开通小店');
    const product = await createProduct(owner, { name: '面膜' });
    await postBill(owner, 'in', [{ productId: product, quantity: 5, unitPrice: '10' }]);
    const goods = await owner.post('/api/goods', { productId: product, title: '面膜', price: '25', onShelf: true });
    expect((await owner.get('/api/store-settings')).body).toMatchObject({ wechatPayEnabled: false, wechatPayOff: expect.stringContaining('特约商户号') });
    const customer = await wechatCustomer(t, owner.shopId);
    expect((await customer.call('GET', '')).body.wechatPay).toBe(false);
    const order = await placeOrder(customer, goods.body.id, 1);
    const refused = await customer.call('POST', `/orders/${order.id}/wechat-pay`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('特约商户号');
    const badNumber = await owner.put('/api/store-settings', { orderExpiryMinutes: 30, customerHoldCap: '0', wechatPaySubMchid: '12ab' });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error.details).toEqual([expect.objectContaining({ field: 'wechatPaySubMchid' })]);
    await owner.put('/api/store-settings', { orderExpiryMinutes: 30, customerHoldCap: '0', wechatPaySubMchid: SUB_MCHID });
    // A customer with a phone and password has no WeChat account to pay from.
    const registered = await t.request('POST', `/api/store/${owner.shopId}/register`, { phone: '13800000011', password: 'password123', name: '手机顾客' });
    const phoneCall = (method: string, path: string, body?: unknown) => t.request(method, `/api/store/${owner.shopId}${path}`, body, { authorization: `Bearer ${registered.body.token}` });
    const address = await phoneCall('POST', '/addresses', { name: '李', phone: '13800000011', region: '北京市', detail: '1 号' });
    const phoneOrder = await phoneCall('POST', '/orders', { lines: [{ goodsId: goods.body.id, quantity: 1, unitPrice: '25.00' }], addressId: address.body.items[0].id });
    const noOpenId = await phoneCall('POST', `/orders/${phoneOrder.body.id}/wechat-pay`);
    expect(noOpenId.status).toBe(409);
    expect(noOpenId.body.error.message).toContain('微信登录');
  });

  it('applies a verified payment notification once: the hold becomes one sale bill, the money goes to the 微信 account, repeats change nothing', async () => {
    const { owner, product, goodsId, customer } = await payingShop(t, 10);
    const order = await placeOrder(customer, goodsId, 2);
    await customer.call('POST', `/orders/${order.id}/wechat-pay`);
    const paid = pay.pay(order.orderNo);
    const notification = pay.paymentNotification(order.orderNo, { eventId: `EV-${order.orderNo}` });
    expect((await notify(t, owner.shopId, notification)).status).toBe(204);
    const seen = (await owner.get(`/api/orders/${order.id}`)).body;
    expect(seen).toMatchObject({ status: 'paid', paymentMethod: 'wechatPay', transactionId: paid.transaction_id, paymentProblem: null });
    const bill = (await owner.get(`/api/bills/${seen.billId}`)).body;
    expect(bill).toMatchObject({ billType: '销售出库', status: 'confirmed', totalAmount: '50.00', paidAmount: '50.00' });
    const accounts = (await owner.get('/api/payment-accounts')).body.items as Array<{ id: string; name: string; balance: string }>;
    expect(accounts.find((account) => account.name === '微信')).toMatchObject({ id: bill.paymentAccountId, balance: '50.00' });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '8.000' });
    // The same notification again, and the same payment under a new event id: nothing more.
    expect((await notify(t, owner.shopId, notification)).status).toBe(204);
    expect((await notify(t, owner.shopId, pay.paymentNotification(order.orderNo))).status).toBe(204);
    expect(await saleBills(owner)).toBe(1);
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '8.000' });
    expect(await paymentProblems(owner)).toEqual([]);
    await verifyIsEmpty(owner);
  });

  it('refuses forged and stale notifications with 401 and changes nothing', async () => {
    const { owner, goodsId, customer } = await payingShop(t, 10);
    const order = await placeOrder(customer, goodsId, 1);
    await customer.call('POST', `/orders/${order.id}/wechat-pay`);
    pay.pay(order.orderNo);
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await notify(t, owner.shopId, pay.paymentNotification(order.orderNo, { signWith: forger.privateKey }));
    expect(forged.status).toBe(401);
    const genuine = pay.paymentNotification(order.orderNo);
    const tampered = await notify(t, owner.shopId, { headers: genuine.headers, body: genuine.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" ') });
    expect(tampered.status).toBe(401);
    const stale = await notify(t, owner.shopId, pay.paymentNotification(order.orderNo, { timestamp: Math.floor(clockMs / 1000) - 6 * 60 }));
    expect(stale.status).toBe(401);
    const unsigned = await t.request('POST', `/api/pay/wechat/notify/${owner.shopId}`, genuine.body, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);
    expect((await owner.get(`/api/orders/${order.id}`)).body).toMatchObject({ status: 'pendingPayment', transactionId: null });
    const [stored] = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM wechat_pay_notifications WHERE shop_id = $1', [owner.shopId]);
    expect(stored!.count).toBe(0);
    expect(await saleBills(owner)).toBe(0);
  });

  it('records a payment for an unknown order and one of another amount without applying them, and tells the owner', async () => {
    const { owner, goodsId, customer } = await payingShop(t, 10);
    const unknown = pay.notification('TRANSACTION.SUCCESS', {
      sp_mchid: pay.spMchid,
      sub_mchid: SUB_MCHID,
      out_trade_no: 'DD20990101999999',
      transaction_id: '4200000000000000000001',
      trade_state: 'SUCCESS',
      amount: { total: 100, payer_total: 100, currency: 'CNY' },
      payer: { sp_openid: customer.openId },
    });
    expect((await notify(t, owner.shopId, unknown)).status).toBe(204);
    const order = await placeOrder(customer, goodsId, 2);
    await customer.call('POST', `/orders/${order.id}/wechat-pay`);
    pay.pay(order.orderNo, { total: 4900 });
    expect((await notify(t, owner.shopId, pay.paymentNotification(order.orderNo))).status).toBe(204);
    const seen = (await owner.get(`/api/orders/${order.id}`)).body;
    expect(seen).toMatchObject({ status: 'pendingPayment', billId: null, paymentProblem: expect.stringContaining('¥49.00，与订单金额 ¥50.00 不符') });
    const problems = await paymentProblems(owner);
    expect(problems.map((problem) => problem.title).sort()).toEqual([`收款异常：${order.orderNo}`, '收款异常：未知订单 DD20990101999999']);
    const outcomes = await t.db.query<{ outcome: string }>('SELECT outcome FROM wechat_pay_notifications WHERE shop_id = $1 ORDER BY received_at', [owner.shopId]);
    expect(outcomes.map((row) => row.outcome)).toEqual(['unknownOrder', 'amountMismatch']);
    // Settled by the money that came: the query pass does not ask about it again and again.
    const asked = () => pay.requests.filter((request) => request.method === 'GET' && request.path.includes(order.orderNo)).length;
    await checkWechatPayments(t.db, payments, new Date(Date.now() + 10 * 60_000));
    expect(asked()).toBe(0);
    expect(await saleBills(owner)).toBe(0);
    await verifyIsEmpty(owner);
  });

  it('takes a payment that comes after the order expired when its stock can be held again, and refunds it through WeChat Pay when not', async () => {
    const { owner, product, goodsId, customer } = await payingShop(t, 3);
    const expire = async (orderId: string) => {
      await t.db.query(`UPDATE orders SET expires_at = now() - interval '1 minute' WHERE shop_id = $1 AND id = $2`, [owner.shopId, orderId]);
      await expireOrders(t.db);
    };
    const first = await placeOrder(customer, goodsId, 2);
    await customer.call('POST', `/orders/${first.id}/wechat-pay`);
    await expire(first.id);
    pay.pay(first.orderNo);
    expect((await notify(t, owner.shopId, pay.paymentNotification(first.orderNo))).status).toBe(204);
    expect((await owner.get(`/api/orders/${first.id}`)).body).toMatchObject({ status: 'paid', paymentMethod: 'wechatPay' });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '1.000' });

    const second = await placeOrder(customer, goodsId, 1);
    await customer.call('POST', `/orders/${second.id}/wechat-pay`);
    await expire(second.id);
    await postBill(owner, 'out', [{ productId: product, quantity: 1 }]);
    const paid = pay.pay(second.orderNo);
    const late = pay.paymentNotification(second.orderNo);
    expect((await notify(t, owner.shopId, late)).status).toBe(204);
    const seen = (await owner.get(`/api/orders/${second.id}`)).body;
    expect(seen).toMatchObject({ status: 'cancelled', billId: null, transactionId: paid.transaction_id, paymentProblem: expect.stringContaining('已自动原路退款') });
    expect(seen.onlineRefunds).toEqual([expect.objectContaining({ outRefundNo: `${second.orderNo}R0`, amount: '25.00', status: 'pending' })]);
    expect(pay.refunds.get(`${second.orderNo}R0`)).toMatchObject({ sub_mchid: SUB_MCHID, out_trade_no: second.orderNo, amount: { refund: 2500, total: 2500, currency: 'CNY' } });
    expect((await paymentProblems(owner)).map((problem) => problem.title)).toEqual([`收款异常：${second.orderNo}`]);
    // WeChat's retry of the same payment changes nothing, even once stock is back.
    await postBill(owner, 'in', [{ productId: product, quantity: 5, unitPrice: '10' }]);
    expect((await notify(t, owner.shopId, pay.paymentNotification(second.orderNo))).status).toBe(204);
    expect((await owner.get(`/api/orders/${second.id}`)).body.status).toBe('cancelled');
    expect((await notify(t, owner.shopId, pay.refundNotification(`${second.orderNo}R0`, 'SUCCESS'))).status).toBe(204);
    expect((await owner.get(`/api/orders/${second.id}`)).body.onlineRefunds[0].status).toBe('succeeded');
    await verifyIsEmpty(owner);
  });

  it('asks WeChat Pay about a payment no notification has settled and applies it once; closes the WeChat order when the order expires', async () => {
    const { owner, product, goodsId, customer } = await payingShop(t, 10);
    const order = await placeOrder(customer, goodsId, 1);
    await customer.call('POST', `/orders/${order.id}/wechat-pay`);
    pay.pay(order.orderNo);
    // Too early for the background pass: nothing asked yet.
    await checkWechatPayments(t.db, payments, new Date());
    expect((await owner.get(`/api/orders/${order.id}`)).body.status).toBe('pendingPayment');
    await checkWechatPayments(t.db, payments, new Date(Date.now() + 3 * 60_000));
    expect((await owner.get(`/api/orders/${order.id}`)).body).toMatchObject({ status: 'paid', paymentMethod: 'wechatPay' });
    // The notification that comes late changes nothing.
    expect((await notify(t, owner.shopId, pay.paymentNotification(order.orderNo))).status).toBe(204);
    expect(await saleBills(owner)).toBe(1);

    // Back from paying, the customer's read of the order asks WeChat Pay at once.
    const second = await placeOrder(customer, goodsId, 2);
    await customer.call('POST', `/orders/${second.id}/wechat-pay`);
    pay.pay(second.orderNo);
    expect((await customer.call('GET', `/orders/${second.id}`)).body).toMatchObject({ status: 'paid', paymentMethod: 'wechatPay' });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '7.000' });

    const third = await placeOrder(customer, goodsId, 1);
    await customer.call('POST', `/orders/${third.id}/wechat-pay`);
    await t.db.query(`UPDATE orders SET expires_at = now() - interval '1 minute' WHERE shop_id = $1 AND id = $2`, [owner.shopId, third.id]);
    await expireOrders(t.db);
    await checkWechatPayments(t.db, payments, new Date());
    expect(pay.transactions.get(third.orderNo)!.trade_state).toBe('CLOSED');
    const [closed] = await t.db.query<{ closed: boolean }>('SELECT closed_at IS NOT NULL AND settled_at IS NOT NULL AS closed FROM wechat_payments WHERE shop_id = $1 AND order_id = $2', [owner.shopId, third.id]);
    expect(closed!.closed).toBe(true);
    // Closed: a new tap cannot pay the cancelled order.
    expect((await customer.call('POST', `/orders/${third.id}/wechat-pay`)).status).toBe(409);
    await verifyIsEmpty(owner);
  });

  it('sends an approved refund of a WeChat-paid order back through WeChat Pay, pending until its notification says done or failed', async () => {
    const { owner, product, goodsId, customer } = await payingShop(t, 10);
    const refundOf = async (quantity: number) => {
      const order = await placeOrder(customer, goodsId, quantity);
      await customer.call('POST', `/orders/${order.id}/wechat-pay`);
      pay.pay(order.orderNo);
      await notify(t, owner.shopId, pay.paymentNotification(order.orderNo));
      expect((await customer.call('POST', `/orders/${order.id}/refund`, { kind: 'refundOnly', reason: '不想要了' })).body.status).toBe('refunding');
      const approved = await owner.post(`/api/orders/${order.id}/refund/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'refunded', onlineRefunds: [{ outRefundNo: `${order.orderNo}R1`, amount: `${quantity * 25}.00`, status: 'pending', resolvedAt: null }] });
      expect(pay.refunds.get(`${order.orderNo}R1`)).toMatchObject({ sub_mchid: SUB_MCHID, out_trade_no: order.orderNo, amount: { refund: quantity * 2500, total: quantity * 2500 } });
      return order;
    };
    const done = await refundOf(2);
    expect((await notify(t, owner.shopId, pay.refundNotification(`${done.orderNo}R1`, 'SUCCESS'))).status).toBe(204);
    expect((await owner.get(`/api/orders/${done.id}`)).body.onlineRefunds[0]).toMatchObject({ status: 'succeeded', resolvedAt: expect.any(String) });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '10.000' });

    const failed = await refundOf(1);
    expect((await notify(t, owner.shopId, pay.refundNotification(`${failed.orderNo}R1`, 'CLOSED'))).status).toBe(204);
    expect((await owner.get(`/api/orders/${failed.id}`)).body).toMatchObject({ onlineRefunds: [{ status: 'failed' }], paymentProblem: expect.stringContaining('未成功') });
    expect((await paymentProblems(owner)).map((problem) => problem.title)).toEqual([`收款异常：退款失败 ${failed.orderNo}R1`]);

    // WeChat Pay busy: the refund stays pending, the merchant is told, and it is sent again once its claim runs out.
    pay.refuseRefunds(1);
    const busy = await placeOrder(customer, goodsId, 1);
    await customer.call('POST', `/orders/${busy.id}/wechat-pay`);
    pay.pay(busy.orderNo);
    await notify(t, owner.shopId, pay.paymentNotification(busy.orderNo));
    await customer.call('POST', `/orders/${busy.id}/refund`, { kind: 'refundOnly', reason: '拍错了' });
    expect((await owner.post(`/api/orders/${busy.id}/refund/approve`)).body).toMatchObject({ onlineRefunds: [{ status: 'pending' }], paymentProblem: expect.stringContaining('稍后自动重试') });
    expect(pay.refunds.has(`${busy.orderNo}R1`)).toBe(false);
    await checkWechatPayments(t.db, payments, new Date());
    expect(pay.refunds.has(`${busy.orderNo}R1`)).toBe(false);
    await t.db.query(`UPDATE wechat_refunds SET claimed_until = now() - interval '1 second' WHERE shop_id = $1 AND out_refund_no = $2`, [owner.shopId, `${busy.orderNo}R1`]);
    await checkWechatPayments(t.db, payments, new Date());
    expect(pay.refunds.get(`${busy.orderNo}R1`)).toMatchObject({ amount: { refund: 2500, total: 2500 } });
    await verifyIsEmpty(owner);
  });
});

describeOnPostgres('WeChat Pay notifications arriving together', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });

  it('two identical notifications, and a notification racing the query, post one sale bill', async () => {
    const { owner, product, goodsId, customer } = await payingShop(t, 10);
    const order = await placeOrder(customer, goodsId, 3);
    await customer.call('POST', `/orders/${order.id}/wechat-pay`);
    pay.pay(order.orderNo);
    const notification = pay.paymentNotification(order.orderNo);
    const answers = await Promise.all([
      notify(t, owner.shopId, notification),
      notify(t, owner.shopId, notification),
      notify(t, owner.shopId, pay.paymentNotification(order.orderNo)),
      checkWechatPayments(t.db, payments, new Date(Date.now() + 3 * 60_000)),
    ]);
    expect(answers.slice(0, 3).map((answer) => (answer as { status: number }).status)).toEqual([204, 204, 204]);
    expect(await saleBills(owner)).toBe(1);
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '7.000' });
    await verifyIsEmpty(owner);
  });
});
