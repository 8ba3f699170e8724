import { shopDay } from '@xiaocang/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, seeCount, startStack, type Stack } from './harness';

interface Badges {
  unreadCount: number;
  openWarningCount?: number;
}

// A warning from the rule the owner sets to the badge on home, the warning list and the notification center;
// the owner's own notification settings, with the server's refusal of a bad phone number under its field.
describeInBrowser('stock warnings and notifications in the app', () => {
  let stack: Stack;
  let token: string;
  let mask: string;
  const owner = { username: `notify${Date.now().toString(36)}`, password: 'notify-secret-1' };

  /** What the server says, asked again until it is `done` (a save on screen, a warning after the sale) or 30 s pass. */
  async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 30_000;
    let value = await ask();
    while (!done(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      value = await ask();
    }
    return value;
  }
  const badgesWhen = (done: (badges: Badges) => boolean) => eventually(() => callApi<Badges>(stack, 'GET', '/notifications/badges', undefined, token), done);

  beforeAll(async () => {
    stack = await startStack();
    ({ token } = await callApi<{ token: string }>(stack, 'POST', '/auth/register', { shopName: '阿玲的面膜铺', realName: '阿玲', ...owner }));
    mask = (await callApi<{ id: string }>(stack, 'POST', '/products', { name: '补水面膜', unit: '盒', inboundPrice: '12.5', outboundPrice: '30' }, token)).id;
    await callApi(stack, 'POST', '/bills', { direction: 'in', billType: '采购入库', billDate: shopDay(new Date()), lines: [{ productId: mask, quantity: '8' }], confirm: true }, token, 'stock-in');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('warns when a sale takes a product to the threshold the owner set, on home, in the warnings and in the notification center', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).locator('.menu-warningRules').click();
    const rules = await phone.waitFor('page-warning-rules');
    await see(rules.locator('.recipient-row'), /阿玲/);
    await rules.locator('.rule-lowStockThreshold input').fill('5');
    await rules.locator('.save-rules').click();
    const threshold = await eventually(
      async () => Number((await callApi<{ shop: { lowStockThreshold: string } }>(stack, 'GET', '/warnings/rules', undefined, token)).shop.lowStockThreshold),
      (value) => value === 5,
    );
    expect(threshold).toBe(5);
    await see(rules.locator('.rule--lowStock .list-item__title'), '库存不足');
    await phone.shot('n03-warning-rules');

    // A product of its own: slow sellers after 30 days instead of 90; its threshold stays its own warning stock.
    await rules.locator('.add-product-override').click();
    await rules.locator('.sheet .search input').fill('补水面膜');
    await rules.locator('.sheet .product-option').filter({ hasText: '补水面膜' }).first().click();
    const sheet = rules.locator('.sheet').filter({ hasText: '商品：补水面膜' });
    await see(sheet.locator('.share-note').last(), /自己的预警库存/);
    await seeCount(sheet.locator('.rule--lowStock'), 0);
    await sheet.locator('.rule-staleDays input').fill('30');
    await phone.shot('n03b-warning-override');
    await sheet.locator('.save-override').click();
    await see(rules.locator('.override-product .list-item__meta'), '30 天未出库');
    const overrides = await callApi<{ overrides: Array<{ scope: string; id: string; staleDays: number | null; coverDays: number | null }> }>(stack, 'GET', '/warnings/rules', undefined, token);
    expect(overrides.overrides).toMatchObject([{ scope: 'product', id: mask, staleDays: 30, coverDays: null }]);

    // 8 on hand, 4 sold: 4 is not above 5.
    await callApi(stack, 'POST', '/bills', { direction: 'out', billType: '销售出库', billDate: shopDay(new Date()), lines: [{ productId: mask, quantity: '4' }], confirm: true }, token, 'sale-1');
    const badges = await badgesWhen((b) => b.unreadCount > 0 && (b.openWarningCount ?? 0) > 0);
    expect(badges.openWarningCount).toBeGreaterThan(0);

    await phone.back();
    await phone.waitFor('page-mine');
    await phone.tab('首页');
    const home = await phone.waitFor('page-home');
    await see(home.locator('.home-unread'), String(badges.unreadCount));
    await see(home.locator('.home-warnings'), `库存预警 ${badges.openWarningCount}`);
    await phone.shot('n00-home-badges');

    await home.locator('.home-warnings').click();
    const list = await phone.waitFor('page-warnings');
    const row = list.locator('.warning-row--lowStock');
    await see(row.locator('.warning-product'), '补水面膜');
    await see(row.locator('.warning-kind'), '库存不足');
    await see(list.locator('.kind-lowStock'), '库存不足 1');
    await phone.shot('n02-warnings');
    await row.click();
    await phone.waitFor('page-ledger');
    await phone.back();
    await phone.waitFor('page-warnings');
    await phone.back();

    await (await phone.waitFor('page-home')).locator('.home-bell').click();
    const center = await phone.waitFor('page-notifications');
    await see(center.locator('.notice-row--unread .notice-title'), /补水面膜/);
    await phone.shot('n01-notifications');
    await center.locator('.read-all').click();
    await seeCount(center.locator('.notice-row--unread'), 0);
    await seeCount(center.locator('.notice-row--read'), badges.unreadCount);
    expect((await callApi<Badges>(stack, 'GET', '/notifications/badges', undefined, token)).unreadCount).toBe(0);
    await phone.back();
    const homeAgain = await phone.waitFor('page-home');
    await seeCount(homeAgain.locator('.home-unread'), 0);
    await see(homeAgain.locator('.home-warnings'), `库存预警 ${badges.openWarningCount}`);
    await phone.close();
  });

  it('saves an email in 通知设置, shows the server’s complaint under a bad phone number, and reports the warning', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).locator('.menu-notifySettings').click();
    const settings = await phone.waitFor('page-notify-settings');
    await see(settings.locator('.wechat-h5-note'), /只能在小程序里开启/);
    await phone.fill(settings, 'phone', '12345');
    await settings.locator('.save-addresses').click();
    await see(settings.locator('.field-phone .field__error'), '请输入 11 位手机号');
    await phone.fill(settings, 'phone', '');
    await phone.fill(settings, 'email', 'aling@example.com');
    await settings.locator('.save-addresses').click();
    await seeCount(settings.locator('.field__error'), 0);
    await see(settings.locator('.save-addresses'), /保存邮箱和手机号/);
    const prefs = await callApi<{ email: string; phone: string }>(stack, 'GET', '/notifications/preferences', undefined, token);
    expect(prefs).toMatchObject({ email: 'aling@example.com', phone: '' });
    await phone.shot('n04-notify-settings');

    await phone.back();
    await (await phone.waitFor('page-mine')).locator('.menu-warningReport').click();
    const report = await phone.waitFor('page-warning-report');
    await see(report.locator('.report-kind-lowStock .report-table__num').first(), '1');
    await see(report.locator('.top-product'), /补水面膜/);
    await phone.shot('n05-warning-report');
    await phone.close();
  });
});
