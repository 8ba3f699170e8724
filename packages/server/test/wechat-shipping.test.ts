import { afterAll, beforeAll, expect, it } from 'vitest';
import { WechatApi } from '../src/integrations/wechat/wechat-api.ts';
import { uploadShippingInfo } from '../src/jobs/upload-shipping-info.ts';
import { startFakeWechat, type FakeWechat } from './support/fakes/fake-wechat.ts';
import { createTestApp, describeOnDatabase, type TestApp } from './support/harness.ts';
import { paidOrder } from './support/storefront.ts';

describeOnDatabase('telling WeChat of each parcel of an order paid with WeChat Pay', () => {
  let t: TestApp;
  let fake: FakeWechat;
  let wechat: WechatApi;
  beforeAll(async () => {
    t = await createTestApp();
    fake = await startFakeWechat();
    wechat = new WechatApi({ appId: fake.appId, secret: fake.secret, apiBase: fake.url });
  });
  afterAll(async () => {
    await fake.close();
  });

  /** A paid order of `quantity`, as WeChat Pay would have left it: its transaction and the payer's openid. */
  async function wechatPaidOrder(quantity: number, phone: string, transactionId: string) {
    const shop = await paidOrder(t, 10, quantity, phone);
    await t.db.query(`UPDATE orders SET payment_method = 'wechatPay', transaction_id = $3 WHERE shop_id = $1 AND id = $2`, [shop.owner.shopId, shop.placed.id, transactionId]);
    await t.db.query(`UPDATE customer_accounts SET open_id = $3 WHERE shop_id = $1 AND phone = $2`, [shop.owner.shopId, phone, `openid_${phone}`]);
    return shop;
  }
  const uploadsFor = (transactionId: string) =>
    fake.shippingUploads.filter((upload) => (upload.order_key as { transaction_id: string }).transaction_id === transactionId);
  const shipmentsOf = async (shop: Awaited<ReturnType<typeof wechatPaidOrder>>) => (await shop.owner.get(`/api/orders/${shop.placed.id}`)).body.shipments;

  it('uploads a split order parcel by parcel, the last as all delivered, and shows the merchant it is done', async () => {
    const shop = await wechatPaidOrder(3, '13900000001', '4200000001202612020000000001');
    expect((await shop.owner.post(`/api/orders/${shop.placed.id}/ship`, { carrier: '中通', trackingNo: 'ZT100', lines: [{ lineNo: 1, quantity: '1' }] })).status).toBe(200);
    expect((await shipmentsOf(shop))[0]).toMatchObject({ wechatUpload: 'pending' });
    await uploadShippingInfo(t.db, wechat);
    expect((await shop.owner.post(`/api/orders/${shop.placed.id}/ship`, { carrier: '顺丰', trackingNo: 'SF200' })).status).toBe(200);
    await uploadShippingInfo(t.db, wechat);

    const [first, last] = uploadsFor('4200000001202612020000000001');
    expect(first).toMatchObject({
      order_key: { order_number_type: 2, transaction_id: '4200000001202612020000000001' },
      logistics_type: 1,
      delivery_mode: 2,
      is_all_delivered: false,
      shipping_list: [{ tracking_no: 'ZT100', express_company: 'ZTO', item_desc: '玫瑰面膜（10 片）×1', contact: { receiver_contact: '139****0001' } }],
      payer: { openid: 'openid_13900000001' },
    });
    expect(last).toMatchObject({ delivery_mode: 2, is_all_delivered: true, shipping_list: [{ tracking_no: 'SF200', express_company: 'SF', item_desc: '玫瑰面膜（10 片）×2' }] });
    expect((await shipmentsOf(shop)).map((shipment: { wechatUpload: string }) => shipment.wechatUpload)).toEqual(['uploaded', 'uploaded']);
    // Nothing is sent twice.
    await uploadShippingInfo(t.db, wechat);
    expect(uploadsFor('4200000001202612020000000001')).toHaveLength(2);
  });

  it('tells an order sent whole at once as one delivery; an order paid offline is not WeChat’s to hear of', async () => {
    const whole = await wechatPaidOrder(2, '13900000002', '4200000001202612020000000002');
    await whole.owner.post(`/api/orders/${whole.placed.id}/ship`, { carrier: '圆通', trackingNo: 'YT300' });
    const offline = await paidOrder(t, 10, 1, '13900000003');
    await offline.owner.post(`/api/orders/${offline.placed.id}/ship`, { carrier: '圆通', trackingNo: 'YT301' });
    await uploadShippingInfo(t.db, wechat);
    expect(uploadsFor('4200000001202612020000000002')).toEqual([expect.objectContaining({ delivery_mode: 1 })]);
    expect(uploadsFor('4200000001202612020000000002')[0]).not.toHaveProperty('is_all_delivered');
    expect((await shipmentsOf(offline))[0]).toMatchObject({ wechatUpload: null, wechatUploadError: null });
  });

  it('tries again later when WeChat is busy, and shows the merchant what cannot be uploaded', async () => {
    const busy = await wechatPaidOrder(1, '13900000004', '4200000001202612020000000004');
    fake.failFor('4200000001202612020000000004', 45011, 1);
    await busy.owner.post(`/api/orders/${busy.placed.id}/ship`, { carrier: '韵达', trackingNo: 'YD400' });
    await uploadShippingInfo(t.db, wechat);
    expect((await shipmentsOf(busy))[0]).toMatchObject({ wechatUpload: 'pending', wechatUploadError: expect.stringContaining('45011') });
    expect(uploadsFor('4200000001202612020000000004')).toHaveLength(0);
    // The next try is a minute later.
    await uploadShippingInfo(t.db, wechat, new Date(Date.now() + 61_000));
    expect((await shipmentsOf(busy))[0]).toMatchObject({ wechatUpload: 'uploaded' });
    expect(uploadsFor('4200000001202612020000000004')).toHaveLength(1);

    const other = await wechatPaidOrder(1, '13900000005', '4200000001202612020000000005');
    await other.owner.post(`/api/orders/${other.placed.id}/ship`, { carrier: '其他', trackingNo: 'X500' });
    const refused = await wechatPaidOrder(1, '13900000006', '4200000001202612020000000006');
    fake.failFor('4200000001202612020000000006', 10060001, 1);
    await refused.owner.post(`/api/orders/${refused.placed.id}/ship`, { carrier: '申通', trackingNo: 'ST600' });
    await uploadShippingInfo(t.db, wechat);
    expect((await shipmentsOf(other))[0]).toMatchObject({ wechatUpload: 'failed', wechatUploadError: expect.stringContaining('手动录入') });
    expect((await shipmentsOf(refused))[0]).toMatchObject({ wechatUpload: 'failed', wechatUploadError: expect.stringContaining('10060001') });
  });
});
