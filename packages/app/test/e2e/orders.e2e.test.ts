import { shopDay } from '@xiaocang/domain';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, screenshotPath, see, seeCount, startStack, type Stack } from './harness';

const UPLOADED = /^\/uploads\/\d+\/[\w-]{32}\.jpg$/;
const rosePhoto = (background: { r: number; g: number; b: number }) => sharp({ create: { width: 800, height: 800, channels: 3, background } }).jpeg().toBuffer();

interface Order {
  id: string;
  orderNo: string;
  status: string;
  billId: string | null;
  refundBillId: string | null;
  shipping: string;
  shipments: Array<{ carrier: string; trackingNo: string; lines: Array<{ lineNo: number; quantity: string }> }>;
}

// A customer's order from the storefront, handled by the owner in the app: seen on home and in the list, paid
// (a 销售出库 bill takes the stock), shipped in two parcels with a packing slip printed, refunded (the stock comes
// back); and goods put on the shelf.
describeInBrowser('storefront orders in the merchant app', () => {
  let stack: Stack;
  let token: string;
  let shopId: string;
  let mask: string;
  let customerToken: string;
  let order: Order;
  const owner = { username: `orders${Date.now().toString(36)}`, password: 'orders-secret-1' };

  const ownerApi = <T,>(method: string, path: string, body?: unknown) => callApi<T>(stack, method, path, body, token);
  const customerApi = <T,>(method: string, path: string, body?: unknown, key?: string) => callApi<T>(stack, method, `/store/${shopId}${path}`, body, customerToken, key);
  const stockOfMask = async () => (await ownerApi<{ items: Array<{ quantity: string }> }>('GET', `/inventory?productId=${mask}`)).items[0]?.quantity;
  /** What the server says, asked again until it is `done` or 20 s pass. */
  async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 20_000;
    let value = await ask();
    while (!done(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      value = await ask();
    }
    return value;
  }
  const orderWhen = (done: (o: Order) => boolean) => eventually(() => ownerApi<Order>('GET', `/orders/${order.id}`), done);

  beforeAll(async () => {
    stack = await startStack();
    const session = await callApi<{ token: string; shop: { id: string } }>(stack, 'POST', '/auth/register', { shopName: '小林的面膜铺', realName: '小林', ...owner });
    token = session.token;
    shopId = session.shop.id;
    mask = (await ownerApi<{ id: string }>('POST', '/products', { name: '玫瑰面膜', unit: '盒', inboundPrice: '10', outboundPrice: '25' })).id;
    await callApi(stack, 'POST', '/bills', { direction: 'in', billType: '采购入库', billDate: shopDay(new Date()), lines: [{ productId: mask, quantity: '10', unitPrice: '10' }], confirm: true }, token, 'stock-in');
    const goods = await ownerApi<{ id: string }>('POST', '/goods', { productId: mask, title: '玫瑰面膜（10 片）', price: '25', onShelf: true });

    const customer = await callApi<{ token: string }>(stack, 'POST', `/store/${shopId}/register`, { phone: '13800001234', password: 'customer-secret-1', name: '王小姐' });
    customerToken = customer.token;
    const addresses = await customerApi<{ items: Array<{ id: string }> }>('POST', '/addresses', { name: '王小姐', phone: '13800001234', region: '广东省 广州市 天河区', detail: '体育西路 1 号', isDefault: true });
    order = await customerApi<Order>('POST', '/orders', { lines: [{ goodsId: goods.id, quantity: '2', unitPrice: '25.00' }], addressId: addresses.items[0]!.id, note: '请用纸箱装' }, 'order-1');
    expect(order.status).toBe('pendingPayment');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('takes the payment (a 销售出库 bill), ships in two parcels, prints a packing slip, and approves the refund the customer asks for', async () => {
    // The unpaid order holds 2 of the 10 on hand: the stock list says so (on a phone of its own, so that the
    // order's pages below keep a history of their own).
    const glance = await Phone.open(stack);
    await glance.signIn(owner);
    await glance.tab('库存');
    await see((await glance.waitFor('page-stock')).locator('.inventory-held'), '订单占用 2 · 可用 8');
    await glance.shot('o15-stock-held');
    await glance.close();

    const phone = await Phone.open(stack);
    const home = await phone.signIn(owner);
    await see(home.locator('.home-new-orders'), '新订单 1');
    await see(home.locator('.home-to-ship'), '待发货 0');
    await phone.shot('o00-home-orders');
    await home.locator('.home-orders').click();

    const list = await phone.waitFor('page-orders');
    await see(list.locator('.order-tab--pendingPayment.order-tab--on'), /待付款\s*1/);
    await see(list.locator('.order-row .order-customer'), '王小姐');
    await see(list.locator('.order-row .order-total'), '¥50.00');
    await phone.shot('o01-orders-list');
    await list.locator('.order-row').first().click();

    const detail = await phone.waitFor('page-order-detail');
    await see(detail.locator('.order-status'), '待付款');
    await see(detail.locator('.order-expiry'), /等待付款，还剩/);
    await see(detail.locator('.order-note'), '备注：请用纸箱装');
    await seeCount(detail.locator('.open-ship'), 0);
    await phone.shot('o02-order-unpaid');

    await detail.locator('.open-pay').click();
    const pay = detail.locator('.sheet');
    await see(pay.locator('.pay-note'), /销售出库/);
    await pay.locator('.pay-account').filter({ hasText: '微信' }).click();
    await phone.shot('o03-order-pay');
    await pay.locator('.confirm-pay').click();
    await see(detail.locator('.order-status'), '待发货');
    const paid = await orderWhen((o) => o.status === 'paid');
    expect(paid.billId).toBeTruthy();
    const bill = await ownerApi<{ billType: string; status: string; totalAmount: string; paidAmount: string }>('GET', `/bills/${paid.billId}`);
    expect(bill).toMatchObject({ billType: '销售出库', status: 'confirmed', totalAmount: '50.00', paidAmount: '50.00' });
    expect(await stockOfMask()).toBe('8.000');
    await see(detail.locator('.order-paid-note'), /已记销售出库单/);
    await phone.shot('o04-order-paid');

    // The bill the payment posted opens from the order.
    await detail.locator('.order-bill').click();
    await phone.waitFor('page-bill-detail');
    await phone.back();
    const detailAgain = await phone.waitFor('page-order-detail');

    // Shipped in two parcels: one box now (the form offers all that remains, 2), the other later.
    await detailAgain.locator('.open-ship').click();
    const ship = detailAgain.locator('.sheet');
    await expect.poll(() => ship.locator('.field-ship-line-1 input').inputValue()).toBe('2');
    await ship.locator('.confirm-ship').click();
    await see(ship.locator('.field-trackingNo .field__error'), '请填写快递单号');
    await phone.fill(ship, 'ship-line-1', '3');
    await ship.locator('.carrier').filter({ hasText: '顺丰' }).click();
    await phone.fill(ship, 'trackingNo', 'SF1234567890');
    await ship.locator('.confirm-ship').click();
    // More than remains: the server's refusal sits under the line.
    await see(ship.locator('.field-ship-line-1 .field__error'), '只剩 2 待发');
    await phone.fill(ship, 'ship-line-1', '1');
    await phone.shot('o05-order-ship');
    await ship.locator('.confirm-ship').click();
    await see(detailAgain.locator('.order-status'), '部分发货');
    await see(detailAgain.locator('.line-shipping'), '已发 1，待发 1');
    await see(detailAgain.locator('.shipping-left'), /还有商品待发/);
    const partly = await orderWhen((o) => o.shipments.length === 1);
    expect(partly).toMatchObject({ status: 'paid', shipping: 'partial', shipments: [{ carrier: '顺丰', trackingNo: 'SF1234567890', lines: [{ lineNo: 1, quantity: '1.000' }] }] });
    await phone.shot('o11-order-partly-shipped');

    // 打印发货单: the first parcel's slip as an 80 mm PDF.
    await detailAgain.locator('.open-packing-slip').click();
    const print = detailAgain.locator('.sheet');
    await print.locator('.slip-parcel').filter({ hasText: '包裹 1' }).click();
    await phone.shot('o12-packing-slip-print');
    const slip = await phone.download(print.locator('.print-80'), 'o13-packing-slip-80mm.pdf');
    expect(slip.subarray(0, 5).toString()).toBe('%PDF-');
    await print.locator('.sheet__close').click();

    // The customer sees the first parcel, and cannot confirm receipt of half an order.
    expect(await customerApi<Order>('GET', `/orders/${order.id}`)).toMatchObject({ status: 'paid', shipping: 'partial', shipments: [{ trackingNo: 'SF1234567890' }] });
    await expect(customerApi('POST', `/orders/${order.id}/confirm-receipt`, {})).rejects.toThrow(/INVALID_STATE/);

    await detailAgain.locator('.open-ship').click();
    const rest = detailAgain.locator('.sheet');
    await expect.poll(() => rest.locator('.field-ship-line-1 input').inputValue()).toBe('1');
    await rest.locator('.carrier').filter({ hasText: '中通' }).click();
    await phone.fill(rest, 'trackingNo', 'ZT5566778899');
    await rest.locator('.confirm-ship').click();
    await see(detailAgain.locator('.order-status'), '待收货');
    await see(detailAgain.locator('.order-shipment').nth(1).locator('.shipment-no'), 'ZT5566778899');
    await phone.shot('o14-order-shipped-two-parcels');
    // Below the fold: both parcels with their lines.
    await detailAgain.locator('.order-shipments').screenshot({ path: screenshotPath('o14b-order-parcels') });
    expect((await orderWhen((o) => o.status === 'shipped')).shipments).toMatchObject([
      { carrier: '顺丰', trackingNo: 'SF1234567890' },
      { carrier: '中通', trackingNo: 'ZT5566778899', lines: [{ lineNo: 1, quantity: '1.000' }] },
    ]);

    // The customer sends the goods back and asks for the money; the owner sees it on the order and agrees.
    await customerApi('POST', `/orders/${order.id}/refund`, { kind: 'returnAndRefund', reason: '不想要了', returnTrackingNo: 'YT998877' });
    await phone.page.reload();
    const refunding = await phone.waitFor('page-order-detail');
    await see(refunding.locator('.order-status'), '售后中');
    await see(refunding.locator('.kv-refund-reason .kv__v'), '不想要了');
    await phone.shot('o06-order-refund-requested');
    await refunding.locator('.approve-refund').click();
    await phone.confirmDialog();
    await see(refunding.locator('.order-status'), '已退款');
    const refunded = await orderWhen((o) => o.status === 'refunded');
    expect(refunded.refundBillId).toBeTruthy();
    expect(await stockOfMask()).toBe('10.000');
    await phone.close();
  });

  it('puts new goods on the shelf from 商城商品, shows them against the stock, and keeps the store settings', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).locator('.menu-goodsList').click();
    const list = await phone.waitFor('page-goods');
    await see(list.locator('.goods-row .goods-title'), '玫瑰面膜（10 片）');
    await list.locator('.add-goods').click();

    const edit = await phone.waitFor('page-goods-edit');
    await edit.locator('.save-goods').click();
    await see(edit.locator('.field-product .field__error'), /请选择仓库商品/);
    await edit.locator('.pick-product').click();
    await edit.locator('.sheet .search input').fill('玫瑰');
    await edit.locator('.sheet .product-option').filter({ hasText: '玫瑰面膜' }).first().click();
    await expect.poll(() => edit.locator('.field-title input').inputValue()).toBe('玫瑰面膜');
    await phone.fill(edit, 'title', '玫瑰面膜 单片装');
    await phone.fill(edit, 'price', '3.5');
    // Two pictures from the album at once, each uploaded and shown as a thumbnail.
    const [chooser] = await Promise.all([phone.page.waitForEvent('filechooser'), edit.locator('.field-images .image-tile--add').click()]);
    await chooser.setFiles([
      { name: 'rose-1.jpg', mimeType: 'image/jpeg', buffer: await rosePhoto({ r: 230, g: 120, b: 150 }) },
      { name: 'rose-2.jpg', mimeType: 'image/jpeg', buffer: await rosePhoto({ r: 200, g: 60, b: 90 }) },
    ]);
    await seeCount(edit.locator('.field-images .image-tile img'), 2);
    await phone.fill(edit, 'maxPerOrder', '5');
    await phone.shot('o08-goods-edit');
    await edit.locator('.save-goods').click();

    const back = await phone.waitFor('page-goods');
    await see(back.locator('.goods-row .goods-title').filter({ hasText: '单片装' }), '玫瑰面膜 单片装');
    const all = await ownerApi<{ items: Array<{ title: string; price: string; images: string[]; maxPerOrder: string; onShelf: boolean; productId: string }> }>('GET', '/goods');
    expect(all.items.find((g) => g.title === '玫瑰面膜 单片装')).toMatchObject({
      price: '3.50',
      images: [expect.stringMatching(UPLOADED), expect.stringMatching(UPLOADED)],
      maxPerOrder: '5.000',
      onShelf: true,
      productId: mask,
    });
    await phone.shot('o07-goods-list');

    // Goods already ordered cannot be deleted: the server's reason is shown.
    await back.locator('.goods-row').filter({ hasText: '10 片' }).click();
    const ordered = await phone.waitFor('page-goods-edit');
    await expect.poll(() => ordered.locator('.field-title input').inputValue()).toBe('玫瑰面膜（10 片）');
    await ordered.locator('.delete-goods').click();
    await phone.confirmDialog();
    await see(ordered.locator('.goods-error'), /已经有人下过单，不能删除/);
    await phone.back();

    await (await phone.waitFor('page-goods')).locator('.goods-status-link').click();
    const check = await phone.waitFor('page-goods-status');
    await seeCount(check.locator('.goods-check'), 2);
    await phone.shot('o09-goods-status');
    await phone.back();
    await phone.waitFor('page-goods');
    await phone.back();

    await (await phone.waitFor('page-mine')).locator('.menu-storeSettings').click();
    const settings = await phone.waitFor('page-store-settings');
    await see(settings.locator('.store-h5-link'), `${stack.baseUrl}/#/sub/shop/home/index?shopId=${shopId}`);
    await see(settings.locator('.store-mini-path'), `sub/shop/home/index?shopId=${shopId}`);
    await phone.fill(settings, 'orderExpiryMinutes', '2');
    await settings.locator('.save-store-settings').click();
    await see(settings.locator('.field-orderExpiryMinutes .field__error'), /5 到 10080/);
    await phone.fill(settings, 'orderExpiryMinutes', '45');
    await phone.fill(settings, 'customerHoldCap', '20');
    await settings.locator('.save-store-settings').click();
    const saved = await eventually(() => ownerApi<{ orderExpiryMinutes: number; customerHoldCap: string }>('GET', '/store-settings'), (s) => s.orderExpiryMinutes === 45);
    expect(saved).toMatchObject({ orderExpiryMinutes: 45, customerHoldCap: '20.000' });
    // The 已保存 toast has gone before the picture is taken.
    await phone.page.waitForTimeout(2_000);
    await phone.shot('o10-store-settings');
    await phone.close();
  });
});
