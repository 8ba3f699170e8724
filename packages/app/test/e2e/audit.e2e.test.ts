import { shopDay } from '@xiaocang/domain';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, seeCount, startStack, type Stack } from './harness';

// The owner's audit trail: a price changed in the app shows on the product's 修改记录 with its old and new value,
// and the shop's 操作记录 shows what a staff member did, filtered to that person; the owner downloads the shop's backup.
describeInBrowser('the audit trail in the app', () => {
  let stack: Stack;
  const owner = { username: `audit${Date.now().toString(36)}`, password: 'audit-secret-1' };

  beforeAll(async () => {
    stack = await startStack();
    const { token } = await callApi<{ token: string }>(stack, 'POST', '/auth/register', { shopName: '小美的零食铺', realName: '小美', ...owner });
    const chips = (await callApi<{ id: string }>(stack, 'POST', '/products', { name: '海苔薯片', unit: '袋', inboundPrice: '4', outboundPrice: '8' }, token)).id;
    const clerk = { username: `clerk${Date.now().toString(36)}`, password: 'clerk-secret-1' };
    await callApi(stack, 'POST', '/staff', { ...clerk, realName: '阿强' }, token);
    const { token: clerkToken } = await callApi<{ token: string }>(stack, 'POST', '/auth/login', clerk);
    const day = shopDay(new Date());
    await callApi(stack, 'POST', '/bills', { direction: 'in', billType: '采购入库', billDate: day, lines: [{ productId: chips, quantity: '20', unitPrice: '4' }], confirm: true }, clerkToken, 'clerk-in');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows a product’s changes with before and after, and the shop’s trail by person', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('商品');
    await (await phone.waitFor('page-products')).locator('.product-row').filter({ hasText: '海苔薯片' }).click();
    const edit = await phone.waitFor('page-product-edit');
    await phone.fill(edit, 'outboundPrice', '9.5');
    await edit.locator('.save-product').click();
    await phone.waitFor('page-products');
    await phone.screen('page-products').locator('.product-row').filter({ hasText: '海苔薯片' }).click();
    await (await phone.waitFor('page-product-edit')).locator('.go-history').click();
    const history = await phone.waitFor('page-audit');
    await see(history.locator('.audit-entry').first(), /小美 修改商品「海苔薯片」/);
    await see(history.locator('.audit-entry').first().locator('.audit-change'), '零售价：8.00 → 9.50');
    await see(history.locator('.audit-entry').last(), /新建商品/);
    await phone.shot('a01-record-history');

    await phone.back();
    await phone.back();
    await phone.waitFor('page-products');
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).locator('.menu-audit').click();
    const trail = await phone.waitFor('page-audit');
    await see(trail.locator('.audit-entry').first(), /小美 修改商品/);
    await trail.locator('.audit-person .chip').filter({ hasText: '阿强' }).click();
    await seeCount(trail.locator('.audit-entry'), 2);
    await see(trail.locator('.audit-entry').first(), /阿强 确认过账单据/);
    await see(trail.locator('.audit-entry').last(), /阿强 新建单据/);
    await phone.shot('a02-audit-trail');

    // The owner's own copy of the shop, from 我的.
    await phone.back();
    const mine = await phone.waitFor('page-mine');
    const backup = await phone.download(mine.locator('.menu-backup'), 'shop.xcbackup');
    expect(JSON.parse(gunzipSync(backup).toString('utf8').split('\n')[0]!)).toMatchObject({ format: 'xiaocang-shop-backup', shop: { name: '小美的零食铺' } });
    await phone.close();
  });
});
