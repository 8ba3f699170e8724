import { generateKeyPairSync } from 'node:crypto';
import { shopDay } from '@xiaocang/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, seeCount, startStack, type Stack } from './harness';

interface OrderList {
  total: number;
  items: Array<{ id: string; status: string; orderNo: string }>;
}

// A customer's whole journey in the storefront H5 pages, with the merchant's side done through the API.
describeInBrowser('the customer storefront', () => {
  let stack: Stack;
  let token: string;
  let shopId: string;
  let goodsId: string;
  const owner = { username: `shop${Date.now().toString(36)}`, password: 'storefront-secret-1' };
  const customer = { phone: '13912345678', password: 'customer-pass-9', name: '小美' };
  const stockOf = async () =>
    (await callApi<{ items: Array<{ goodsId: string; stockQuantity: string; reservedQuantity: string }> }>(stack, 'GET', '/goods/status', undefined, token)).items.find(
      (item) => item.goodsId === goodsId,
    )!;

  beforeAll(async () => {
    // WeChat Pay configured and the shop a sub-merchant: even so the H5 storefront offers no online payment, since
    // Taro's H5 requestPayment would pretend to succeed. No call reaches WeChat Pay here.
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    stack = await startStack({
      WECHAT_PAY_SP_MCHID: '1900000109',
      WECHAT_PAY_SP_APPID: 'wxsp0123456789abcd',
      WECHAT_PAY_MERCHANT_SERIAL: '5157F09EFDC096DE15EBE81A47057A72',
      WECHAT_PAY_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      WECHAT_PAY_APIV3_KEY: '0123456789abcdef0123456789abcdef',
      WECHAT_PAY_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      WECHAT_PAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0119000001092026',
      WECHAT_PAY_API_BASE: 'http://127.0.0.1:9',
      PUBLIC_BASE_URL: 'https://shop.example.com',
    });
    const session = await callApi<{ token: string; shop: { id: string } }>(stack, 'POST', '/auth/register', { shopName: '阿玲的面膜铺', realName: '阿玲', ...owner });
    token = session.token;
    shopId = session.shop.id;
    const categoryId = (await callApi<{ id: string }>(stack, 'POST', '/categories', { name: '面膜' }, token)).id;
    const mask = (await callApi<{ id: string }>(stack, 'POST', '/products', { name: '玫瑰面膜', unit: '盒', inboundPrice: '10', outboundPrice: '25', categoryId }, token)).id;
    const cleanser = (await callApi<{ id: string }>(stack, 'POST', '/products', { name: '氨基酸洁面乳', unit: '支', inboundPrice: '20', outboundPrice: '49' }, token)).id;
    await callApi(stack, 'POST', '/bills', { direction: 'in', billType: '采购入库', billDate: shopDay(new Date()), lines: [{ productId: mask, quantity: '10', unitPrice: '10' }], confirm: true }, token, 'stock-in');
    goodsId = (
      await callApi<{ id: string }>(
        stack,
        'POST',
        '/goods',
        { productId: mask, title: '玫瑰补水面膜（10 片）', price: '25', onShelf: true, maxPerOrder: '5', description: '玫瑰精华，补水保湿。\n每盒 10 片，独立包装。' },
        token,
      )
    ).id;
    await callApi(stack, 'POST', '/goods', { productId: cleanser, title: '氨基酸洁面乳 120g', price: '49', onShelf: true }, token);
    const settings = await callApi<{ wechatPayEnabled: boolean }>(stack, 'PUT', '/store-settings', { orderExpiryMinutes: 30, customerHoldCap: '0', wechatPaySubMchid: '1900000201' }, token);
    expect(settings.wechatPayEnabled).toBe(true);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('signs up from the shop link, orders once despite a double tap, follows the shipment, confirms and gets a refund', async () => {
    const phone = await Phone.open(stack);
    const { page } = phone;
    await page.goto(`${stack.baseUrl}/#/sub/shop/home/index?shopId=${shopId}`);

    // Not signed in: the login screen first, then back to the shop.
    const login = await phone.waitFor('page-shop-login');
    await see(login.locator('.shop-name'), '阿玲的面膜铺');
    await phone.shot('c01-login');
    await login.locator('.seg-register').click();
    await phone.fill(login, 'phone', customer.phone);
    await phone.fill(login, 'password', customer.password);
    await phone.fill(login, 'name', customer.name);
    await login.locator('.submit-login').click();

    const home = await phone.waitFor('page-shop-home');
    await see(home.locator('.shop-name'), '阿玲的面膜铺');
    await seeCount(home.locator('.goods-card'), 2);
    await see(home.locator('.goods-card').filter({ hasText: '洁面乳' }).locator('.soldout'), '已售罄');
    await see(home.locator('.category-chip').nth(1), '面膜');
    await phone.shot('c02-home');
    await home.locator('.search input').fill('玫瑰');
    await seeCount(home.locator('.goods-card'), 1);
    await home.locator('.goods-card').first().click();

    const goods = await phone.waitFor('page-shop-goods');
    await see(goods.locator('.goods-title'), '玫瑰补水面膜（10 片）');
    await see(goods.locator('.goods-stock'), /库存 10.*限购 5/);
    await goods.locator('.stepper-plus').click();
    await see(goods.locator('.stepper__value'), '2');
    await phone.shot('c03-goods');
    await goods.locator('.add-to-cart').click();
    await goods.locator('.go-cart').click();

    const cart = await phone.waitFor('page-shop-cart');
    await see(cart.locator('.cart-total'), '¥50.00');
    await phone.shot('c04-cart');
    await cart.locator('.go-checkout').click();

    const checkout = await phone.waitFor('page-shop-checkout');
    await see(checkout.locator('.checkout-total'), '¥50.00');
    await checkout.locator('.add-address').click();
    const addresses = await phone.waitFor('page-shop-addresses');
    await addresses.locator('.new-address').click();
    const form = addresses.locator('.address-form');
    await phone.fill(form, 'name', '小美');
    await phone.fill(form, 'phone', '1391234');
    await phone.fill(form, 'region', '广东省 广州市 天河区');
    await phone.fill(form, 'detail', '体育西路 100 号 8 楼');
    await form.locator('.save-address').click();
    await see(form.locator('.field-phone .field__error'), '请输入 11 位手机号');
    await phone.fill(form, 'phone', customer.phone);
    await phone.shot('c05-address-form');
    await form.locator('.save-address').click();

    // The new address is chosen for the order.
    await phone.waitFor('page-shop-checkout');
    await see(checkout.locator('.checkout-address'), /小美.*体育西路 100 号/);
    await phone.fill(checkout, 'note', '请周末送');
    await phone.shot('c06-checkout');
    await checkout.locator('.place-order').dblclick();

    const order = await phone.waitFor('page-shop-order');
    await see(order.locator('.order-detail-status'), '待付款');
    await see(order.locator('.time-left'), /还剩 .*分钟付款/);
    await see(order.locator('.pay-note'), /微信支付请在微信小程序中进行；也可以与店家联系付款/);
    expect(await order.locator('.wechat-pay').count()).toBe(0);
    await phone.shot('c07-order-pending');
    // Let a second request, had there been one, arrive before counting.
    await page.waitForTimeout(1_000);
    const placed = await callApi<OrderList>(stack, 'GET', '/orders?tab=pendingPayment', undefined, token);
    expect(placed.total).toBe(1);
    const orderId = placed.items[0]!.id;
    expect(await callApi(stack, 'GET', `/orders/${orderId}`, undefined, token)).toMatchObject({
      totalAmount: '50.00',
      note: '请周末送',
      lines: [expect.objectContaining({ goodsId, quantity: '2.000' })],
      address: { name: '小美', phone: customer.phone, region: '广东省 广州市 天河区', detail: '体育西路 100 号 8 楼' },
    });
    expect((await stockOf()).reservedQuantity).toBe('2.000');
    expect(await callApi<unknown[]>(stack, 'GET', `/store/${shopId}/orders`).catch((error: Error) => error.message)).toMatch(/UNAUTHENTICATED/);

    // The order list, with its tab counts.
    await order.locator('.bar .link').click();
    const orders = await phone.waitFor('page-shop-orders');
    await see(orders.locator('.order-tab-pendingPayment .order-tab__count'), '1');
    await see(orders.locator('.order-card .order-status'), '待付款');
    await phone.shot('c08-orders');

    // The merchant is paid (a WeChat transfer) and ships.
    const accounts = await callApi<{ items: Array<{ id: string; name: string }> }>(stack, 'GET', '/payment-accounts', undefined, token);
    await callApi(stack, 'POST', `/orders/${orderId}/mark-paid`, { paymentAccountId: accounts.items.find((account) => account.name === '微信')!.id }, token);
    // One of the two goes first: the order is still 待发货, shown 部分发货 with the parcel and what is left.
    await callApi(stack, 'POST', `/orders/${orderId}/ship`, { carrier: '顺丰', trackingNo: 'SF1234567890', lines: [{ lineNo: 1, quantity: 1 }] }, token);
    expect((await stockOf()).stockQuantity).toBe('8.000');
    await orders.locator('.order-tab-toShip').click();
    await see(orders.locator('.order-card .order-status'), '部分发货');
    await orders.locator('.order-card').first().click();
    const partly = await phone.waitFor('page-shop-order');
    await see(partly.locator('.order-detail-status'), '部分发货');
    await see(partly.locator('.shipment-line'), /× 1$/);
    await see(partly.locator('.shipping-left'), /^待发：.+ × 1$/);
    await seeCount(partly.locator('.confirm-receipt'), 0);
    await phone.shot('c12-order-partly-shipped');
    await phone.back();
    await phone.waitFor('page-shop-orders');
    await callApi(stack, 'POST', `/orders/${orderId}/ship`, { carrier: '中通', trackingNo: 'ZT5566778899' }, token);

    await orders.locator('.order-tab-toReceive').click();
    await see(orders.locator('.order-tab-toReceive .order-tab__count'), '1');
    await orders.locator('.order-card').first().click();
    const shipped = await phone.waitFor('page-shop-order');
    await see(shipped.locator('.order-detail-status'), '待收货');
    await see(shipped.locator('.tracking-no'), 'SF1234567890');
    await see(shipped.locator('.tracking-no').nth(1), 'ZT5566778899');
    await phone.shot('c09-order-shipped');
    await shipped.locator('.confirm-receipt').click();
    await phone.confirmDialog();
    await see(shipped.locator('.order-detail-status'), '已完成');

    // Return and refund, with the return's tracking number.
    await shipped.locator('.request-refund').click();
    const refund = shipped.locator('.refund-form');
    await refund.locator('.refund-kind-returnAndRefund').click();
    await phone.fill(refund, 'reason', '颜色不喜欢');
    await phone.fill(refund, 'returnTrackingNo', 'YT9876543210');
    await phone.shot('c10-refund-form');
    await refund.locator('.submit-refund').click();
    await see(shipped.locator('.order-detail-status'), '售后中');
    await see(shipped.locator('.refund-info'), /退货退款.*颜色不喜欢.*YT9876543210/);
    await phone.shot('c11-order-refunding');
    expect(await callApi(stack, 'GET', `/orders/${orderId}`, undefined, token)).toMatchObject({
      status: 'refunding',
      refund: { kind: 'returnAndRefund', reason: '颜色不喜欢', returnTrackingNo: 'YT9876543210' },
    });

    // The merchant approves: the stock is back.
    await callApi(stack, 'POST', `/orders/${orderId}/refund/approve`, {}, token);
    expect(await stockOf()).toMatchObject({ stockQuantity: '10.000', reservedQuantity: '0.000' });
    await page.reload();
    await see((await phone.waitFor('page-shop-order')).locator('.order-detail-status'), '已退款');
    await phone.close();
  });
});
