import { shopDay } from '@xiaocang/domain';
import { afterAll, beforeAll, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, startStack, type Stack } from './harness';

// The morning list: what to reorder from whom, and one tap to a draft purchase bill.
describeInBrowser('replenishment in the app', () => {
  let stack: Stack;
  const owner = { username: `restock${Date.now().toString(36)}`, password: 'restock-secret-1' };

  beforeAll(async () => {
    stack = await startStack();
    const { token } = await callApi<{ token: string }>(stack, 'POST', '/auth/register', { shopName: '阿玲的面膜铺', realName: '阿玲', ...owner });
    const supplierId = (await callApi<{ id: string }>(stack, 'POST', '/suppliers', { name: '广州面膜厂' }, token)).id;
    const mask = (await callApi<{ id: string }>(stack, 'POST', '/products', { name: '补水面膜', unit: '盒', inboundPrice: '12.5', outboundPrice: '30', supplierId }, token)).id;
    const dayAgo = (n: number) => shopDay(new Date(Date.now() - n * 86_400_000));
    await callApi(stack, 'POST', '/bills', { direction: 'in', billType: '采购入库', billDate: dayAgo(41), supplierId, lines: [{ productId: mask, quantity: '220' }], confirm: true }, token, 'stock-in');
    for (let n = 40; n >= 1; n--) {
      await callApi(stack, 'POST', '/bills', { direction: 'out', billType: '销售出库', billDate: dayAgo(n), lines: [{ productId: mask, quantity: '5' }], confirm: true }, token, `sale-${n}`);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the product that will run out within the lead time and makes its draft purchase bill in one tap', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).getByText('补货建议').click();
    const restock = await phone.waitFor('page-restock');
    await see(restock.locator('.restock-group .card__title'), /广州面膜厂/);
    await see(restock.locator('.restock-line'), /补水面膜/);
    await phone.shot('p01-restock-suggestions');
    await restock.locator('.make-drafts').click();
    const draft = await phone.waitFor('page-bill-detail');
    await see(draft.locator('.status'), '草稿');
    await see(draft.locator('.bill-head'), /广州面膜厂/);
    await phone.shot('p02-restock-draft');
    await phone.close();
  });
});
