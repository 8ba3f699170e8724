import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, SCREENSHOTS, see, seeCount, startStack, type Stack } from './harness';

// The app never loses work and never dead-ends: leaving a half-filled form, a wrong password, an expired
// session, a dropped network, and the ledger of a product kept in two stock points.
describeInBrowser('the merchant app when things go wrong', () => {
  let stack: Stack;
  const owner = { username: `keeper${Date.now().toString(36)}`, password: 'keeper-secret-1' };

  const api = <T = unknown>(method: string, path: string, body?: unknown, token?: string, key?: string) => callApi<T>(stack, method, path, body, token, key);

  // A shop with green tea in two stock points: 10 received at the warehouse, 4 moved to the shop front,
  // 1 sold there and 2 sold from the warehouse.
  beforeAll(async () => {
    stack = await startStack();
    const { token } = await api<{ token: string }>('POST', '/auth/register', { shopName: '青山茶行', realName: '林青山', ...owner });
    const warehouse = (await api<{ items: Array<{ id: string }> }>('GET', '/stock-points', undefined, token)).items[0]!.id;
    const front = (await api<{ id: string }>('POST', '/stock-points', { name: '门店仓' }, token)).id;
    const tea = (await api<{ id: string }>('POST', '/products', { name: '明前龙井', unit: '罐', inboundPrice: '60', outboundPrice: '98' }, token)).id;
    const bill = (direction: 'in' | 'out', stockPointId: string, quantity: string, billDate: string, key: string) =>
      api('POST', '/bills', { direction, billType: direction === 'in' ? '采购入库' : '销售出库', billDate, stockPointId, lines: [{ productId: tea, quantity, unitPrice: direction === 'in' ? '60' : '98' }], confirm: true }, token, key);
    await bill('in', warehouse, '10', '2026-11-01', 'seed-in');
    await api('POST', '/transfers', { fromStockPointId: warehouse, toStockPointId: front, billDate: '2026-11-02', lines: [{ productId: tea, quantity: '4' }] }, token, 'seed-transfer');
    await bill('out', front, '1', '2026-11-03', 'seed-out-front');
    await bill('out', warehouse, '2', '2026-11-04', 'seed-out-warehouse');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function login(phone: Phone, password = owner.password) {
    const page = await phone.waitFor('page-login');
    await phone.fill(page, 'username', owner.username);
    await phone.fill(page, 'password', password);
    await page.locator('.submit-login').click();
  }

  const question = (phone: Phone) => phone.page.getByText('确定放弃编辑？').filter({ visible: true });
  const answer = (phone: Phone, text: '放弃' | '继续编辑') => phone.page.getByText(text, { exact: true }).filter({ visible: true }).click();

  it('shows why a sign-in failed, in words, instead of calling it an expired session', async () => {
    const phone = await Phone.open(stack);
    await login(phone, 'not-the-password');
    const page = await phone.waitFor('page-login');
    await see(page.locator('.login-error'), '账号或密码错误，或账号已停用');
    await expect(phone.page.getByText('登录已失效，请重新登录').count()).resolves.toBe(0);
    await phone.shot('r01-login-wrong-password');
    await login(phone);
    await phone.waitFor('page-home');
    await phone.close();
  });

  it('asks before backing out of a half-filled bill, product or supplier form', async () => {
    const phone = await Phone.open(stack);
    await login(phone);

    // Untouched: leaves at once.
    await (await phone.waitFor('page-home')).locator('.shortcut-new-in').click();
    await (await phone.waitFor('page-bill-edit')).locator('.save-draft').waitFor();
    await phone.back();
    await phone.waitFor('page-home');
    await expect(question(phone).count()).resolves.toBe(0);

    // Half-filled: the browser's back button asks; staying keeps every line.
    await (await phone.waitFor('page-home')).locator('.shortcut-new-in').click();
    const bill = await phone.waitFor('page-bill-edit');
    await phone.pickProduct(bill, '明前龙井');
    await bill.locator('.line-0 .line-quantity input').fill('6');
    await phone.back();
    await question(phone).waitFor();
    await phone.shot('r02-leave-bill-form');
    await answer(phone, '继续编辑');
    await expect(bill.locator('.line-0 .line-quantity input').inputValue()).resolves.toBe('6');
    await expect(phone.page.evaluate(() => window.location.hash)).resolves.toContain('/sub/bill/edit/index');
    // The title bar's back arrow asks too; giving up leaves.
    await phone.page.locator('.taro-navigation-bar-back').filter({ visible: true }).click();
    await question(phone).waitFor();
    await answer(phone, '放弃');
    await phone.waitFor('page-home');

    await phone.tab('商品');
    await (await phone.waitFor('page-products')).locator('.add-product').click();
    const product = await phone.waitFor('page-product-edit');
    await phone.fill(product, 'name', '碧螺春');
    await phone.back();
    await question(phone).waitFor();
    await answer(phone, '放弃');
    await phone.waitFor('page-products');

    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).locator('.menu-masterList-suppliers').click();
    await (await phone.waitFor('page-master')).locator('.add-master').click();
    const supplier = await phone.waitFor('page-master-edit');
    await phone.fill(supplier, 'name', '西湖茶农合作社');
    await phone.back();
    await question(phone).waitFor();
    await answer(phone, '继续编辑');
    // Saving is not leaving: no question, and the supplier is there.
    await supplier.locator('.save-master').click();
    await phone.screen('page-master').locator('.master-row').filter({ hasText: '西湖茶农合作社' }).waitFor();
    await expect(question(phone).count()).resolves.toBe(0);
    await phone.close();
  });

  it('keeps a half-filled bill through an expired session and reopens it after signing in again', async () => {
    const phone = await Phone.open(stack);
    await login(phone);
    await (await phone.waitFor('page-home')).locator('.shortcut-new-out').click();
    const bill = await phone.waitFor('page-bill-edit');
    await phone.pickProduct(bill, '明前龙井');
    await bill.locator('.line-0 .line-quantity input').fill('2');
    await phone.fill(bill, 'remarks', '老客户周五来取');

    // The session ends behind the app's back (signed out elsewhere, or expired).
    const token = await phone.page.evaluate(() => (JSON.parse(localStorage.getItem('xiaocang.token') ?? '{}') as { data?: string }).data);
    await api('POST', '/auth/logout', {}, token);
    await bill.locator('.save-draft').click();
    await phone.waitFor('page-login');
    await login(phone);

    const reopened = await phone.waitFor('page-bill-edit');
    await expect(reopened.locator('.field-remarks textarea').inputValue()).resolves.toBe('老客户周五来取');
    await expect(reopened.locator('.line-0 .line-quantity input').inputValue()).resolves.toBe('2');
    await phone.shot('r03-form-kept-after-login');
    await reopened.locator('.save-draft').click();
    const detail = await phone.waitFor('page-bill-detail');
    await see(detail.locator('.status'), '草稿');
    await detail.getByText('老客户周五来取').waitFor();
    await phone.close();
  });

  it('says the network is down in the bill form and the product picker, and its retry works', async () => {
    const phone = await Phone.open(stack);
    await login(phone);
    // The screen's code is loaded once while online (H5 fetches each screen's code on first use).
    await (await phone.waitFor('page-home')).locator('.shortcut-new-out').click();
    await (await phone.waitFor('page-bill-edit')).locator('.save-draft').waitFor();
    await phone.back();
    await phone.waitFor('page-home');

    const network = phone.page.context();
    await network.setOffline(true);
    await (await phone.waitFor('page-home')).locator('.shortcut-new-out').click();
    const bill = await phone.waitFor('page-bill-edit');
    const failed = bill.locator('.load-failed');
    await see(failed.locator('.state__text'), '网络不通，请检查网络后重试');
    await phone.shot('r04-bill-form-offline');
    await bill.locator('.add-line .dashed').first().click();
    const sheet = bill.locator('.sheet');
    await see(sheet.locator('.state--error .state__text'), '网络不通，请检查网络后重试');
    await phone.shot('r05-product-picker-offline');

    await network.setOffline(false);
    await sheet.locator('.state-retry').click();
    await sheet.locator('.product-option').filter({ hasText: '明前龙井' }).click();
    await sheet.locator('.picker-done').click();
    await failed.locator('.state-retry').click();
    await see(bill.locator('.field-billType .field__value'), /销售出库/);
    await seeCount(bill.locator('.load-failed'), 0);
    await bill.locator('.save-draft').click();
    await see((await phone.waitFor('page-bill-detail')).locator('.status'), '草稿');
    await phone.close();
  });

  it('shows the ledger per stock point, out in red and in in green, and opens every screen at the top', async () => {
    const phone = await Phone.open(stack);
    await login(phone);
    await phone.tab('库存');
    const stock = await phone.waitFor('page-stock');
    await stock.locator('.inventory-row').filter({ hasText: '门店仓' }).click();

    // Opened from the shop front's row: that stock point only, with its own running balance.
    const ledger = await phone.waitFor('page-ledger');
    await see(ledger.locator('.ledger-point-filter .chip--on'), '门店仓');
    await seeCount(ledger.locator('.ledger-row'), 2);
    await expect(ledger.locator('.ledger-qty').allTextContents()).resolves.toEqual(['-1', '+4']);
    await expect(ledger.locator('.ledger-balance').allTextContents()).resolves.toEqual(['结存 3', '结存 4']);
    await phone.shot('r06-ledger-one-stock-point');

    await ledger.locator('.chip').filter({ hasText: '全部库存点' }).click();
    await seeCount(ledger.locator('.ledger-row'), 5);
    await expect(ledger.locator('.ledger-balance').allTextContents()).resolves.toEqual([
      '默认仓库 结存 4',
      '门店仓 结存 3',
      expect.stringMatching(/^(默认仓库 结存 6|门店仓 结存 4)$/),
      expect.stringMatching(/^(默认仓库 结存 6|门店仓 结存 4)$/),
      '默认仓库 结存 10',
    ]);
    const colour = (selector: string) => ledger.locator(selector).first().evaluate((element) => getComputedStyle(element).color);
    await expect(colour('.ledger-qty.in')).resolves.toBe('rgb(15, 139, 108)');
    await expect(colour('.ledger-qty.out')).resolves.toBe('rgb(214, 69, 65)');
    await phone.shot('r07-ledger-all-stock-points');
    await ledger.locator('.chip').filter({ hasText: '默认仓库' }).click();
    await seeCount(ledger.locator('.ledger-row'), 3);

    // A focused field used to scroll the whole document, and the next screen opened cut off at the top.
    await phone.back();
    await phone.tab('首页');
    await (await phone.waitFor('page-home')).locator('.shortcut-new-in').click();
    const bill = await phone.waitFor('page-bill-edit');
    await phone.pickProduct(bill, '明前龙井');
    await bill.locator('.field-remarks textarea').click();
    await phone.fill(bill, 'remarks', '到货后先验');
    await bill.locator('.save-draft').click();
    const detail = await phone.waitFor('page-bill-detail');
    await see(detail.locator('.bill-no'), /^IN\d{12}$/);
    await expect(phone.page.evaluate(() => document.scrollingElement?.scrollTop)).resolves.toBe(0);
    const titleBar = await phone.page.locator('.taro-navigation-bar-show').boundingBox();
    const billNo = await detail.locator('.bill-no').boundingBox();
    expect(billNo!.y).toBeGreaterThanOrEqual(titleBar!.y + titleBar!.height);
    // Not phone.shot(): it scrolls to the top first, which would hide the fault.
    await phone.page.waitForTimeout(400);
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'r08-bill-detail-opens-at-top.png') });
    await phone.close();
  });
});
