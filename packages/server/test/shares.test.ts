import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { layoutBill } from '../src/render/bill-layout.ts';
import { measureText } from '../src/render/fonts.ts';
import { paintSheet } from '../src/use-cases/shares/bill-sheet.ts';
import { createTestApp, describeOnDatabase, randomAddress, type ApiResponse, type Client, type Json, type TestApp } from './support/harness.ts';
import { setMemberSwitches } from './support/rich-shop.ts';
import { pngSize, readPdf } from './support/sheets.ts';
import { createProduct, postBill } from './support/stock.ts';

const BASE = 'http://127.0.0.1:3000';

const ok = <T = Json>(response: ApiResponse<T>, status = 201): T => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
};

describeOnDatabase('share links and printable bills', () => {
  let t: TestApp;
  /** A request with no session, from one address per test unless given. */
  const anonymous = (url: string, address = randomAddress(), headers: Record<string, string> = {}) => t.request('GET', url, undefined, headers, address);

  beforeAll(async () => {
    t = await createTestApp();
  });

  /** A shop with stock, a customer, and a sale of two lines on credit, part paid by WeChat. */
  async function shopWithSale(name = '小仓分享店') {
    const owner = await t.registerShop(name);
    const a = await createProduct(owner, { name: '农夫山泉饮用天然水 550ml×24瓶', code: 'NF550', inboundPrice: '23.45', outboundPrice: '36.00' });
    const b = await createProduct(owner, { name: '卫龙辣条', inboundPrice: '1.23', outboundPrice: '2.50' });
    const supplier = ok(await owner.post('/api/suppliers', { name: '义乌批发' })).id as string;
    const purchase = ok(await postBill(owner, 'in', [{ productId: a, quantity: 50, unitPrice: '23.45' }, { productId: b, quantity: 100, unitPrice: '1.23' }], { supplierId: supplier }));
    const customer = ok(await owner.post('/api/customers', { name: '王小明' })).id as string;
    const wechat = (await owner.get('/api/payment-accounts')).body.items.find((x: Json) => x.name === '微信').id as string;
    const sale = ok(
      await postBill(owner, 'out', [{ productId: a, quantity: 3 }, { productId: b, quantity: '2.5', unitPrice: '2.80' }], {
        customerId: customer,
        paidAmount: '50',
        paymentAccountId: wechat,
      }),
    );
    return { owner, a, b, customer, supplier, purchase, sale };
  }

  const share = (client: Client, billId: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    client.post(`/api/bills/${billId}/share`, body, headers);

  it('a link lives from sharing to revoking: the public JSON, image and PDFs, then the usual 404', async () => {
    const { owner, sale } = await shopWithSale();
    const link = ok(await share(owner, sale.id));
    expect(link).toEqual({ billId: sale.id, token: expect.stringMatching(/^[\w-]{43}$/), url: `/p/bills/${link.token}`, link: `${BASE}/p/bills/${link.token}`, showPrices: true, createdAt: expect.any(String) });

    const view = ok(await anonymous(link.url), 200);
    expect(view).toEqual({
      shopName: '小仓分享店',
      billNo: sale.billNo,
      billDate: '2026-11-20',
      billType: '销售出库',
      direction: 'out',
      kind: 'normal',
      status: 'confirmed',
      customerName: '王小明',
      supplierName: null,
      reversalOfBillNo: null,
      reversedByBillNo: null,
      lines: [
        { lineNo: 1, productName: '农夫山泉饮用天然水 550ml×24瓶', productCode: 'NF550', specification: '', unit: '个', quantity: '3.000', unitPrice: '36.0000', amount: '108.00' },
        { lineNo: 2, productName: '卫龙辣条', productCode: null, specification: '', unit: '个', quantity: '2.500', unitPrice: '2.8000', amount: '7.00' },
      ],
      totalQuantity: '5.500',
      totalAmount: '115.00',
      paidAmount: '50.00',
      outstandingAmount: '65.00',
      showPrices: true,
    });
    // Nothing the public should not see: no costs, stock, accounts, remarks or staff.
    expect(JSON.stringify(view)).not.toMatch(/cost|stock|account|createdBy|remarks|23\.45/i);

    const png = await anonymous(`${link.url}.png`);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(pngSize(png.body).width).toBe(750);
    // The image is the layout of exactly this view, with its QR code: the same bytes painted here.
    expect(png.body.equals((await paintSheet(view, 'image', link.link)).data)).toBe(true);

    for (const [layout, width] of [['a4', 595.28], ['80', 226.77], ['58', 164.41]] as const) {
      const pdf = await anonymous(`${link.url}.pdf?layout=${layout}`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const { text, pages } = await readPdf(pdf.body);
      expect(pages[0]!.width).toBeCloseTo(width, 1);
      for (const shown of ['小仓分享店', '销售出库', sale.billNo, '王小明', '卫龙辣条', '¥115.00', '¥50.00', '¥65.00', '¥108.00']) expect(text, `${layout}: ${shown}`).toContain(shown);
      // A receipt is as tall as its content; A4 is A4.
      if (layout === 'a4') expect(pages[0]!.height).toBeCloseTo(841.89, 1);
      else expect(pages[0]!.height).toBeLessThan(700);
      expect(pdf.body.length).toBeLessThan(200_000);
      // The same bill gives the same bytes (dated by the bill, not by the moment of painting).
      expect((await anonymous(`${link.url}.pdf?layout=${layout}`)).body.equals(pdf.body)).toBe(true);
    }
    // A browser opening the link (or the QR code) gets a page showing the image, with the PDFs to download.
    const page = await anonymous(link.url, randomAddress(), { accept: 'text/html,application/xhtml+xml' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body.toString()).toContain(`<img src="./${link.token}.png"`);
    expect(page.headers['cache-control']).toBe('no-store');

    ok(await owner.delete(`/api/bills/${sale.id}/share`), 200);
    for (const url of [link.url, `${link.url}.png`, `${link.url}.pdf?layout=58`]) {
      expect((await anonymous(url)).body).toEqual({ error: { code: 'NOT_FOUND', message: 'Bill not found' } });
    }
    // Revoking again is no error; sharing again makes a new link.
    ok(await owner.delete(`/api/bills/${sale.id}/share`), 200);
    const again = ok(await share(owner, sale.id, { showPrices: false }));
    expect(again.token).not.toBe(link.token);
    // A request with no body at all shares with prices, as `{}` does.
    const bare = await t.app.inject({ method: 'POST', url: `/api/bills/${sale.id}/share`, headers: { authorization: `Bearer ${owner.token}` } });
    expect([bare.statusCode, JSON.parse(bare.body).showPrices]).toEqual([201, true]);
    const latest = ok(await share(owner, sale.id, { showPrices: false }));
    expect((await anonymous(again.url)).status).toBe(404);
    expect(ok(await anonymous(latest.url), 200)).toMatchObject({ showPrices: false, totalQuantity: '5.500' });
  });

  it('sharing again replaces the live link; the database keeps only hashes, and a retried request gets a working token', async () => {
    const { owner, sale } = await shopWithSale();
    const first = ok(await share(owner, sale.id));
    const second = ok(await share(owner, sale.id));
    expect((await anonymous(first.url)).status).toBe(404);
    expect((await anonymous(second.url)).status).toBe(200);

    const key = { 'idempotency-key': 'share-once' };
    const sent = ok(await share(owner, sale.id, {}, key));
    const retried = await share(owner, sale.id, {}, key);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    // The same share (created once), with a new token: the first was never stored, so it cannot be given again.
    expect(retried.body).toMatchObject({ billId: sale.id, createdAt: sent.createdAt, showPrices: true });
    expect(retried.body.token).not.toBe(sent.token);
    expect((await anonymous(retried.body.url)).status).toBe(200);
    expect((await anonymous(sent.url)).status).toBe(404);
    const rows = await t.db.query<{ live: number; all: number }>(
      'SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live, count(*)::int AS all FROM bill_shares WHERE shop_id = $1 AND bill_id = $2',
      [owner.shopId, sale.id],
    );
    expect(rows).toEqual([{ live: 1, all: 3 }]);

    // No token is anywhere in the database: not in the shares, their index, the retry record or the audit log.
    const tokens = [first.token, second.token, sent.token, retried.body.token];
    const dump = await t.db.query<{ text: string }>(
      `SELECT concat_ws(' ', (SELECT string_agg(s::text, ' ') FROM bill_shares s WHERE shop_id = $1),
                             (SELECT string_agg(encode(token_hash, 'escape'), ' ') FROM share_tokens WHERE shop_id = $1),
                             (SELECT string_agg(k::text, ' ') FROM idempotency_keys k WHERE shop_id = $1),
                             (SELECT string_agg(a::text, ' ') FROM audit_log a WHERE shop_id = $1)) AS text`,
      [owner.shopId],
    );
    for (const token of tokens) expect(dump[0]!.text).not.toContain(token);
    expect(dump[0]!.text).toContain('"shareId"');
  });

  it("another shop's bill, an unknown or malformed token: the usual 404", async () => {
    const { sale } = await shopWithSale();
    const other = await t.registerShop();
    expect((await share(other, sale.id)).status).toBe(404);
    expect((await other.delete(`/api/bills/${sale.id}/share`)).status).toBe(404);
    expect((await other.get(`/api/bills/${sale.id}/share.png`)).status).toBe(404);
    expect((await other.get(`/api/bills/${sale.id}/print.pdf?layout=80`)).status).toBe(404);
    const notFound = { error: { code: 'NOT_FOUND', message: 'Bill not found' } };
    for (const url of ['/p/bills/' + 'A'.repeat(43), '/p/bills/short', '/p/bills/x.png', '/p/bills/%E4%BD%A0.pdf', '/p/bills/a.b.c']) {
      const response = await anonymous(url);
      expect([url, response.status, response.body]).toEqual([url, 404, notFound]);
    }
    expect((await anonymous('/p/bills/abc.pdf?layout=a5')).status).toBe(400);
  });

  it('a draft or a bill waiting for approval cannot be shared or printed (409)', async () => {
    const { owner, a, customer } = await shopWithSale();
    const draft = ok(await postBill(owner, 'out', [{ productId: a, quantity: 1 }], { customerId: customer, confirm: false }));
    expect(draft.status).toBe('draft');
    for (const response of [await share(owner, draft.id), await owner.get(`/api/bills/${draft.id}/print.pdf`), await owner.get(`/api/bills/${draft.id}/share.png`)]) {
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/posted/) });
    }
    expect((await t.db.query('SELECT 1 FROM bill_shares WHERE shop_id = $1', [owner.shopId])).length).toBe(0);
  });

  it('staff who may not see inbound prices make links, images and PDFs without them; the owner sees them', async () => {
    const { owner, purchase, sale } = await shopWithSale();
    const staff = await t.addStaff(owner);
    await setMemberSwitches(owner, staff.userId, { hideInboundPrice: true });
    const secrets = ['23.45', '1.23', '1,172.50', '1172.50', '123.00', '1,295.50', '1295.50'];

    // Asked to show prices, the link of an inbound bill shows none.
    const link = ok(await share(staff, purchase.id, { showPrices: true }));
    expect(link.showPrices).toBe(false);
    const view = ok(await anonymous(link.url), 200);
    expect(view).toMatchObject({ supplierName: '义乌批发', showPrices: false, totalQuantity: '150.000' });
    for (const field of ['totalAmount', 'paidAmount', 'outstandingAmount']) expect(view).not.toHaveProperty(field);
    for (const line of view.lines) expect(Object.keys(line).sort()).toEqual(['lineNo', 'productCode', 'productName', 'quantity', 'specification', 'unit']);
    for (const secret of secrets) expect(JSON.stringify(view)).not.toContain(secret);
    // The image is painted from that view: no money at all on it.
    const png = (await anonymous(`${link.url}.png`)).body as Buffer;
    expect(png.equals((await paintSheet(view, 'image', link.link)).data)).toBe(true);
    const drawn = layoutBill(view, 'image', measureText, link.link).pages.flatMap((page) => page.boxes.flatMap((box) => (box.kind === 'text' ? [box.text] : [])));
    expect(drawn).toEqual(expect.arrayContaining(['义乌批发', '本单不显示价格']));
    expect(drawn.filter((text) => text.includes('¥'))).toEqual([]);
    for (const layout of ['a4', '58', '80']) {
      const { text } = await readPdf((await anonymous(`${link.url}.pdf?layout=${layout}`)).body);
      expect(text).toContain('义乌批发');
      for (const secret of secrets) expect(text, `${layout} shows ${secret}`).not.toContain(secret);
    }
    // Printing without a link: the same for the staff member, and the owner's PDF has the prices (so the checks above can fail).
    const staffPdf = await readPdf((await staff.get(`/api/bills/${purchase.id}/print.pdf?layout=a4`)).body);
    const ownerPdf = await readPdf((await owner.get(`/api/bills/${purchase.id}/print.pdf?layout=a4`)).body);
    expect(ownerPdf.text).toContain('¥23.45');
    expect(ownerPdf.text).toContain('¥1,295.50');
    for (const secret of secrets) expect(staffPdf.text).not.toContain(secret);
    expect(pngSize((await staff.get(`/api/bills/${purchase.id}/share.png`)).body).width).toBe(750);

    // A sale's prices are the staff member's to see and to share.
    const saleLink = ok(await share(staff, sale.id));
    expect(saleLink.showPrices).toBe(true);
    expect(ok(await anonymous(saleLink.url), 200).totalAmount).toBe('115.00');
    // The owner's link of the purchase shows prices; a staff link made while the switch was off loses them once it is on.
    expect(ok(await anonymous(ok(await share(owner, purchase.id)).url), 200).totalAmount).toBe('1295.50');
    await setMemberSwitches(owner, staff.userId, { hideInboundPrice: false });
    const before = ok(await share(staff, purchase.id));
    expect(ok(await anonymous(before.url), 200).totalAmount).toBe('1295.50');
    await setMemberSwitches(owner, staff.userId, { hideInboundPrice: true });
    const after = ok(await anonymous(before.url), 200);
    expect(after.showPrices).toBe(false);
    expect(after).not.toHaveProperty('totalAmount');
  });

  it("a staff member limited to their own records cannot share or print the owner's bill", async () => {
    const { owner, sale } = await shopWithSale();
    const staff = await t.addStaff(owner);
    await setMemberSwitches(owner, staff.userId, { ownRecordsOnly: true });
    expect((await share(staff, sale.id)).status).toBe(404);
    expect((await staff.get(`/api/bills/${sale.id}/print.pdf`)).status).toBe(404);
  });

  it('a reversed bill says 已冲红 on its link, image and PDF', async () => {
    const { owner, sale } = await shopWithSale();
    const link = ok(await share(owner, sale.id));
    const reversal = ok(await owner.post(`/api/bills/${sale.id}/reverse`));
    const view = ok(await anonymous(link.url), 200);
    expect(view).toMatchObject({ status: 'reversed', reversedByBillNo: reversal.billNo, outstandingAmount: '0.00' });
    const { text } = await readPdf((await anonymous(`${link.url}.pdf?layout=80`)).body);
    expect(text).toContain(`已冲红（${reversal.billNo}）`);
    const drawn = layoutBill(view, 'image', measureText).pages[0]!.boxes.filter((box) => box.kind === 'text' && box.tone === 'alert');
    expect(drawn).toEqual([expect.objectContaining({ text: `已冲红（${reversal.billNo}）` })]);
    // The reversal itself can be shared too, and says which bill it undoes.
    const reversalView = ok(await anonymous(ok(await share(owner, reversal.id)).url), 200);
    expect(reversalView).toMatchObject({ kind: 'reversal', status: 'confirmed', reversalOfBillNo: sale.billNo });
  });

  it('the public view is rate limited per address, hits and misses alike', async () => {
    const { owner, sale } = await shopWithSale();
    const link = ok(await share(owner, sale.id));
    const address = randomAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await anonymous(i % 2 ? link.url : '/p/bills/nothing', address)).status);
    expect(new Set(statuses)).toEqual(new Set([200, 404]));
    const throttled = await anonymous(link.url, address);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(throttled.headers['retry-after']).toBeDefined();
    // Another address is not held back.
    expect((await anonymous(link.url)).status).toBe(200);
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('defaults to the listen address (this machine for every interface) and loses a trailing slash', () => {
    expect(readConfig({}).publicBaseUrl).toBe('http://127.0.0.1:3000');
    expect(readConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicBaseUrl).toBe('http://127.0.0.1:8080');
    expect(readConfig({ HOST: '::1' }).publicBaseUrl).toBe('http://[::1]:3000');
    expect(readConfig({ PUBLIC_BASE_URL: 'https://xc.example.com/' }).publicBaseUrl).toBe('https://xc.example.com');
  });
});
