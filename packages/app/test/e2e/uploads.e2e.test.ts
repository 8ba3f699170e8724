import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, seeCount, startStack, type Stack } from './harness';

/** A product photo as a phone takes it: 1200 × 900, a tea-green field with a darker band. */
async function photo(): Promise<Buffer> {
  const band = await sharp({ create: { width: 1200, height: 300, channels: 3, background: { r: 40, g: 90, b: 50 } } }).png().toBuffer();
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 150, g: 200, b: 120 } } })
    .composite([{ input: band, left: 0, top: 300 }])
    .jpeg()
    .toBuffer();
}

// A product photo from the phone: chosen through the file input, uploaded with its progress, shown as a
// thumbnail in the form and the product list; a file that is no picture and a lost network said in words.
describeInBrowser('uploading a product photo in the app', () => {
  let stack: Stack;
  const owner = { username: `photo${Date.now().toString(36)}`, password: 'photo-secret-1' };

  beforeAll(async () => {
    stack = await startStack();
    await callApi(stack, 'POST', '/auth/register', { shopName: '拍照的茶铺', realName: '阿青', ...owner });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('uploads a photo through the file input, survives a refused file and a lost network, and shows it in the list', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('商品');
    await (await phone.waitFor('page-products')).locator('.add-product').click();
    const edit = await phone.waitFor('page-product-edit');
    await phone.fill(edit, 'name', '明前龙井');
    const picker = edit.locator('.field-imageUrl');
    const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const [chooser] = await Promise.all([phone.page.waitForEvent('filechooser'), picker.locator('.image-tile--add').click()]);
      await chooser.setFiles(file);
    };

    // A text file named like a photo: refused by the server, said under the field, the form kept.
    await choose({ name: 'tea.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') });
    await see(picker.locator('.field__error'), '这不是可用的图片，请选择 JPG、PNG 或 WebP 照片');
    await picker.locator('.image-tile--failed .image-tile__remove').click();

    // The network drops during the upload: the tile says so and offers 重试, which works once it is back.
    await phone.page.route('**/api/uploads**', (route) => route.abort('internetdisconnected'));
    await choose({ name: 'longjing.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await see(picker.locator('.field__error'), '网络中断，图片没有上传，请重试');
    await phone.shot('u01-photo-network-lost');
    await phone.page.unroute('**/api/uploads**');
    await picker.locator('.image-tile__retry').click();
    const thumbnail = picker.locator('.image-tile img').first();
    await thumbnail.waitFor({ state: 'visible' });
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320);
    expect(await thumbnail.getAttribute('src')).toMatch(/\/uploads\/\d+\/[\w-]{32}-thumb\.jpg$/);
    await expect(picker.locator('.image-tile--add').count()).resolves.toBe(0);
    await expect(phone.page.locator('.field-name input').inputValue()).resolves.toBe('明前龙井');
    await phone.shot('u02-product-photo');

    await edit.locator('.save-product').click();
    const list = await phone.waitFor('page-products');
    const row = list.locator('.product-row').filter({ hasText: '明前龙井' });
    const listed = row.locator('.thumb img');
    await listed.waitFor({ state: 'visible' });
    await expect.poll(() => listed.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320);
    await phone.shot('u03-product-list-photo');

    // The server kept the full copy at 1200 × 900 (under 1600 px, so not enlarged) and the thumbnail beside it.
    const { token } = await callApi<{ token: string }>(stack, 'POST', '/auth/login', owner);
    const { items } = await callApi<{ items: Array<{ name: string; imageUrl: string }> }>(stack, 'GET', '/products', undefined, token);
    const stored = items.find((product) => product.name === '明前龙井')!;
    const full = Buffer.from(await (await fetch(`${stack.baseUrl}${stored.imageUrl}`)).arrayBuffer());
    expect(await sharp(full).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 900 });
    await phone.close();
  });

  it("attaches a receipt to an inbound bill and shows it on the bill with the session, while the address alone shows nothing", async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await (await phone.waitFor('page-home')).locator('.shortcut-new-in').click();
    const inbound = await phone.waitFor('page-bill-edit');
    await phone.pickProduct(inbound, '明前龙井');
    await inbound.locator('.line-0 .line-quantity input').fill('2');
    const receipts = inbound.locator('.field-attachments');
    const [chooser] = await Promise.all([phone.page.waitForEvent('filechooser'), receipts.locator('.image-tile--add').click()]);
    await chooser.setFiles({ name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await seeCount(receipts.locator('.image-tile img'), 1);
    await phone.shot('u04-bill-receipt');
    await inbound.locator('.save-confirm').click();

    const detail = await phone.waitFor('page-bill-detail');
    const shown = detail.locator('.bill-attachments img');
    await shown.waitFor({ state: 'visible' });
    // Fetched with the session and shown from a local copy: an <img> alone could not send it.
    expect(await shown.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => shown.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320);
    await phone.shot('u05-bill-detail-receipt');

    const { token } = await callApi<{ token: string }>(stack, 'POST', '/auth/login', owner);
    const { items } = await callApi<{ items: Array<{ id: string }> }>(stack, 'GET', '/bills?direction=in', undefined, token);
    const bill = await callApi<{ attachments: Array<{ fileId: string }> }>(stack, 'GET', `/bills/${items[0]!.id}`, undefined, token);
    const address = bill.attachments[0]!.fileId;
    expect(address).toMatch(/^\/uploads\/\d+\/[\w-]{32}\.jpg$/);
    expect((await fetch(`${stack.baseUrl}${address}`)).status).toBe(404);
    expect((await fetch(`${stack.baseUrl}${address}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await phone.close();
  });
});
