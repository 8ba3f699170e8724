import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, startStack, type Stack } from './harness';

// Selling on credit: a sale to a customer, part paid now, then the same again (再来一单); the bills and the
// home screen say what is owed.
describeInBrowser('money in the merchant app', () => {
  let stack: Stack;
  const owner = { username: `seller${Date.now().toString(36)}`, password: 'seller-secret-1' };

  beforeAll(async () => {
    stack = await startStack();
    const { token } = await callApi<{ token: string }>(stack, 'POST', '/auth/register', { shopName: '小美的面膜店', realName: '小美', ...owner });
    const mask = (await callApi<{ id: string }>(stack, 'POST', '/products', { name: '补水面膜', unit: '盒', inboundPrice: '40', outboundPrice: '69' }, token)).id;
    await callApi(stack, 'POST', '/bills', { direction: 'in', billType: '采购入库', billDate: '2026-11-01', lines: [{ productId: mask, quantity: '20', unitPrice: '40' }], confirm: true }, token, 'seed-in');
    await callApi(stack, 'POST', '/customers', { name: '代理阿珍' }, token);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sells 3 boxes to a customer, 100 paid by WeChat, and the same again: each bill shows what she owes, and home shows 应收', async () => {
    const phone = await Phone.open(stack);
    const home = await phone.signIn(owner);
    await see(home.locator('.tile-receivable .tile__value'), '¥0.00');

    await home.locator('.shortcut-new-out').click();
    const sale = await phone.waitFor('page-bill-edit');
    await phone.choose(sale, 'partyId', '代理阿珍');
    await phone.pickProduct(sale, '补水面膜');
    await sale.locator('.line-0 .line-quantity input').fill('3');
    await see(sale.locator('.bill-total'), '¥207.00');
    await phone.fill(sale, 'paidAmount', '100');
    await sale.locator('.save-confirm').click();

    const detail = await phone.waitFor('page-bill-detail');
    await see(detail.locator('.bill-money .paid .kv__v'), '¥100.00 · 微信');
    await see(detail.locator('.bill-money .owed .kv__k'), '客户尚欠（应收）');
    await see(detail.locator('.bill-money .owed .kv__v'), '¥107.00');
    await phone.shot('m01-sale-on-credit');

    // 再来一单: the same customer and boxes on a new bill of today, nothing paid this time.
    await detail.locator('.copy-bill').click();
    const again = await phone.waitFor('page-bill-edit');
    await see(again.locator('.field-partyId .field__value'), /^代理阿珍/);
    await expect(again.locator('.line-0 .line-quantity input').inputValue()).resolves.toBe('3');
    await expect(again.locator('.line-0 .line-price input').inputValue()).resolves.toBe('69.00');
    await see(again.locator('.bill-total'), '¥207.00');
    await phone.shot('m02-copy-bill');
    await again.locator('.save-confirm').click();
    const second = await phone.waitFor('page-bill-detail');
    await see(second.locator('.bill-no'), /^OUT\d{8}0002$/);
    await see(second.locator('.bill-money .owed .kv__v'), '¥207.00');

    // Back past the first bill to home: the copy opened on top of it.
    await phone.back();
    await phone.waitFor('page-bill-detail');
    await phone.back();
    const after = await phone.waitFor('page-home');
    await see(after.locator('.tile-receivable .tile__value'), '¥314.00');
    await see(after.locator('.tile-payable .tile__value'), '¥0.00');
    await phone.shot('m03-home-receivable');
    await after.locator('.tile-receivable').click();
    const parties = await phone.waitFor('page-money-parties');
    await parties.getByText('代理阿珍').waitFor();
    await phone.close();
  });
});
