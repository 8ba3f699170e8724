import { shopDay } from '@xiaocang/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, screenshotPath, see, startStack, type Stack } from './harness';

// A 微商 selling to an agent: several products picked in one go at the agent's price (代理价), part paid,
// the rest settled by a later receipt, and the month's statement at zero. Also how many taps a sale takes.
describeInBrowser('a sale at an agent price, settled later', () => {
  let stack: Stack;
  let token = '';
  let agent = '';
  const owner = { username: `agentshop${Date.now().toString(36)}`, password: 'agent-secret-1' };

  beforeAll(async () => {
    stack = await startStack();
    ({ token } = await callApi<{ token: string }>(stack, 'POST', '/auth/register', { shopName: '小林的护肤小铺', realName: '小林', ...owner }));
    const agentLevel = (await callApi<{ id: string }>(stack, 'POST', '/price-levels', { name: '代理价' }, token)).id;
    const product = async (name: string, inboundPrice: string, outboundPrice: string, agentPrice: string) =>
      callApi(stack, 'POST', '/products', { name, unit: '盒', inboundPrice, outboundPrice, prices: [{ priceLevelId: agentLevel, price: agentPrice }], openingStock: { quantity: '50' } }, token, `product-${inboundPrice}`);
    await product('补水面膜', '40', '69', '55');
    await product('美白精华', '80', '129', '99');
    await product('修护眼霜', '50', '89', '70');
    agent = (await callApi<{ id: string }>(stack, 'POST', '/customers', { name: '代理阿珍', priceLevelId: agentLevel, wechatId: 'azhen_88' }, token)).id;
    await callApi(stack, 'POST', '/customers', { name: '散客老王' }, token);
    // Her earlier order makes her one of the usual customers on a new sale.
    const [mask] = (await callApi<{ items: Array<{ id: string }> }>(stack, 'GET', '/products?q=补水面膜', undefined, token)).items;
    await callApi(stack, 'POST', '/bills', { direction: 'out', billType: '销售出库', billDate: shopDay(new Date()), customerId: agent, lines: [{ productId: mask!.id, quantity: '1' }], confirm: true }, token, 'earlier-sale');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function signIn(): Promise<Phone> {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    return phone;
  }

  it('sells 3 products at 代理价 with part payment, then a receipt settles the rest and the statement closes at zero', async () => {
    const phone = await signIn();
    await (await phone.waitFor('page-home')).locator('.shortcut-new-out').click();
    const sale = await phone.waitFor('page-bill-edit');
    await sale.locator('.recent-party').filter({ hasText: '代理阿珍' }).click();
    await see(sale.locator('.field-partyId .field__value'), /^代理阿珍/);

    await sale.locator('.add-line-button').click();
    const sheet = sale.locator('.sheet');
    for (const name of ['补水面膜', '美白精华', '修护眼霜']) await sheet.locator('.product-option').filter({ hasText: name }).click();
    // One more box of the mask from its stepper.
    await sheet.locator('.product-option').filter({ hasText: '补水面膜' }).locator('.stepper__plus').click();
    await see(sheet.locator('.picker-footer'), /已选\s*3\s*种，共 4 件/);
    await phone.shot('s01-picker-steppers');
    await sheet.locator('.picker-done').click();

    // The agent's prices, and the margin against what the goods cost.
    await expect(sale.locator('.line-price input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).resolves.toEqual(['55.00', '99.00', '70.00']);
    await see(sale.locator('.bill-total'), '¥279.00');
    await see(sale.locator('.bill-margin'), '毛利 ¥69.00');
    await see(sale.locator('.bill-summary'), /3 种 · 共 4 盒/);
    await phone.fill(sale, 'paidAmount', '200');
    await see(sale.locator('.payment-fields .owed'), '其余 ¥79.00 计入客户欠款（应收）');
    await phone.shot('s02-sale-at-agent-price');
    await sale.locator('.save-confirm').click();

    const detail = await phone.waitFor('page-bill-detail');
    await see(detail.locator('.bill-money .owed .kv__v'), '¥79.00');
    await phone.shot('s03-sale-part-paid');

    // Sent to her as a link, an image and a PDF; printed as a 58 mm receipt.
    await detail.locator('.open-share').click();
    await detail.locator('.make-share').click();
    await see(detail.locator('.share-link'), /\/p\/bills\/[A-Za-z0-9_-]{40,}$/);
    await phone.shot('s06-share-sheet');
    const image = await phone.download(detail.locator('.share-image'), 's07-share-image.png');
    expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const pdf = await phone.download(detail.locator('.share-pdf'), 's08-share-a4.pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const link = (await detail.locator('.share-link').textContent())!.trim();
    await detail.locator('.sheet__close').click();
    await detail.locator('.open-print').click();
    const receipt = await phone.download(detail.locator('.print-58'), 's09-receipt-58mm.pdf');
    expect(receipt.subarray(0, 5).toString()).toBe('%PDF-');
    await detail.locator('.sheet__close').click();
    // What she sees when she opens the link: no session needed.
    const viewer = await phone.page.context().browser()!.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
    await viewer.goto(link);
    await viewer.locator('img').first().waitFor();
    await viewer.waitForFunction(() => Array.from(document.images).every((img) => img.complete && img.naturalWidth > 0));
    await viewer.screenshot({ path: screenshotPath('s10-public-view'), fullPage: true });
    await viewer.close();

    await detail.locator('.settle-bill').click();
    const settle = await phone.waitFor('page-money-settle');
    await settle.locator('.settle-all').click();
    await settle.locator('.save-settlement').click();
    const settled = await phone.waitFor('page-bill-detail');
    await see(settled.locator('.bill-money .owed .kv__k'), '已结清');

    // The receipt took the whole balance, this sale and her earlier one: this month's statement closes at zero.
    await phone.back();
    await phone.waitFor('page-home');
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).getByText('客户', { exact: true }).click();
    await (await phone.waitFor('page-master')).locator('.master-row').filter({ hasText: '代理阿珍' }).click();
    await (await phone.waitFor('page-master-edit')).locator('.go-statement').click();
    const statement = await phone.waitFor('page-money-statement');
    await see(statement.locator('.closing'), '¥0.00');
    await phone.shot('s04-statement-settled');
    const books = await callApi<{ closingBalance: string }>(stack, 'GET', `/customers/${agent}/statement?dateFrom=${shopDay(new Date()).slice(0, 8)}01&dateTo=${shopDay(new Date())}`, undefined, token);
    expect(books.closingBalance).toBe('0.00');
    await phone.close();
  });

  it('a new product is entered with its agent price and the stock already on the shelf', async () => {
    const phone = await signIn();
    await phone.tab('商品');
    await (await phone.waitFor('page-products')).locator('.add-product').click();
    const edit = await phone.waitFor('page-product-edit');
    await phone.fill(edit, 'name', '玻尿酸原液');
    await phone.fill(edit, 'inboundPrice', '35');
    await phone.fill(edit, 'outboundPrice', '79');
    await edit.locator('[class*="field-price-"] input').first().fill('60');
    await phone.fill(edit, 'openingQuantity', '24');
    await phone.fill(edit, 'openingCost', '33.5');
    await phone.shot('s05-product-opening-stock');
    await edit.locator('.save-product').click();
    const row = phone.screen('page-products').locator('.product-row').filter({ hasText: '玻尿酸原液' });
    await see(row, /24/);
    const [created] = (await callApi<{ items: Array<{ stockQuantity: string; avgCost: string; prices: Array<{ price: string }> }> }>(stack, 'GET', '/products?q=玻尿酸原液', undefined, token)).items;
    expect(created).toMatchObject({ stockQuantity: '24.000', avgCost: '33.5000', prices: [{ price: '60.00' }] });

    // The list as a spreadsheet, filtered as the screen is.
    const products = await phone.waitFor('page-products');
    const sheet = await phone.download(products.locator('.export-products'), 's11-products.xlsx');
    expect(sheet.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    // The owner's forecast learns from whole days: a product first sold today has none yet, and says so.
    await products.locator('.product-row').filter({ hasText: '补水面膜' }).click();
    const mask = await phone.waitFor('page-product-edit');
    await see(mask.locator('.forecast .card__title'), /销量预测/);
    await see(mask.locator('.forecast-none'), /卖出后第二天开始预测/);
    await mask.locator('.forecast').scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: screenshotPath('s12-product-forecast') });
    await phone.close();
  });

  it('a sale of 2 products to a usual customer, paid in full, takes 8 taps', async () => {
    const phone = await signIn();
    await phone.page.evaluate(() => {
      (window as unknown as { taps: number }).taps = 0;
      document.addEventListener('click', () => (window as unknown as { taps: number }).taps++, true);
    });
    await (await phone.waitFor('page-home')).locator('.shortcut-new-out').click();
    const sale = await phone.waitFor('page-bill-edit');
    await sale.locator('.recent-party').filter({ hasText: '代理阿珍' }).click();
    await sale.locator('.add-line-button').click();
    const sheet = sale.locator('.sheet');
    await sheet.locator('.product-option').filter({ hasText: '补水面膜' }).click();
    await sheet.locator('.product-option').filter({ hasText: '修护眼霜' }).click();
    await sheet.locator('.picker-done').click();
    await sale.locator('.pay-all').click();
    await see(sale.locator('.bill-total'), '¥125.00');
    await sale.locator('.save-confirm').click();
    const detail = await phone.waitFor('page-bill-detail');
    await see(detail.locator('.bill-money .owed .kv__k'), '已结清');
    const taps = await phone.page.evaluate(() => (window as unknown as { taps: number }).taps);
    console.log(`A sale of 2 products to a usual customer, paid in full: ${taps} taps.`);
    expect(taps).toBeLessThanOrEqual(8);
    await phone.close();
  });
});
