import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientOf, registerOwner } from '../../bench/http.ts';
import { describeOnDatabase } from '../support/harness.ts';
import { createProcessStore, type ProcessStore } from './processes.ts';

const ROWS = 10_000;

/** The template filled with ROWS products, each with opening stock. */
async function bigSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('商品');
  sheet.addRow(['名称*', '编码/条码', '分类', '单位*', '规格', '供应商', '进货价', '销售价', '预警库存', '期初数量', '期初成本单价', '备注']);
  for (let i = 1; i <= ROWS; i++) sheet.addRow([`商品 ${i}`, `SKU-${i}`, `分类 ${i % 20}`, '个', '', '', 10, 20, '', 5, '', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const send = (url: string, token: string, file: Buffer, dryRun: boolean) =>
  fetch(`${url}/api/imports/products?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    body: file,
  });

describeOnDatabase('a server killed in the middle of an import', () => {
  let store: ProcessStore;
  beforeAll(async () => {
    store = await createProcessStore();
  });
  afterAll(async () => store?.dispose());

  it('SIGKILL while 10,000 products go in, restart: none or all of them, no drift, and the import then completes once', async () => {
    let server = await store.start();
    const owner = await registerOwner(server.url, '搬家小店');
    const file = await bigSheet();
    // The check reads and checks the whole file: killing that long after the import starts lands in its writing.
    const started = performance.now();
    expect((await send(server.url, owner.token, file, true)).status).toBe(200);
    const checkMs = performance.now() - started;
    const importing = send(server.url, owner.token, file, false).then(
      (response) => response.status,
      () => 'cut off' as const,
    );
    await new Promise((resolve) => setTimeout(resolve, checkMs + 1000));
    await server.kill();
    const outcome = await importing;

    server = await store.start();
    const again = clientOf(server.url, owner.token, owner.shopId, owner.userId);
    const products = (await again.request<{ total: number }>('GET', '/api/products')).body.total;
    const bills = (await again.request<{ total: number }>('GET', '/api/bills')).body.total;
    // Whatever the moment, the import is one transaction: nothing of it, or all of it.
    expect([0, ROWS]).toContain(products);
    expect(bills).toBe(products === 0 ? 0 : ROWS / 1000);
    if (outcome === 200) expect(products).toBe(ROWS);
    expect((await again.request<{ drift: unknown[] }>('GET', '/api/inventory/verify')).body.drift).toEqual([]);

    const retried = await send(server.url, owner.token, file, false);
    expect(retried.status).toBe(200);
    const result = (await retried.json()) as { created: number; skipped: unknown[] };
    expect(result.created + result.skipped.length).toBe(ROWS);
    expect((await again.request<{ total: number }>('GET', '/api/products')).body.total).toBe(ROWS);
    console.log(`import killed after ${Math.round(checkMs + 1000)} ms: ${outcome === 'cut off' ? 'cut off' : `answered ${outcome}`}, ${products} products after the restart`);
    await server.stop();
  }, 240_000);
});
