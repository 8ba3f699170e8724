import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { writeShopBackup } from '../src/backup/backup-shop.ts';
import { restoreShop } from '../src/backup/restore-shop.ts';
import { openPglite } from '../src/db/database.ts';
import type { FileStore } from '../src/integrations/storage/file-store.ts';
import { LocalDiskStore } from '../src/integrations/storage/local-disk.ts';
import { migrate } from '../src/db/migrate.ts';
import { createTestApp, describeOnDatabase, describeOnPostgres, type TestApp } from './support/harness.ts';
import { buildRichShop, getRoutes, urlsForRoute, type RichShop } from './support/rich-shop.ts';
import { comparable, signIn } from './support/shop-answers.ts';
import { createProduct, postBill } from './support/stock.ts';
import { upload } from './support/upload-files.ts';

async function backupOf(t: TestApp, shopId: string, store?: FileStore): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeShopBackup(t.db, shopId, out, { store });
  return Buffer.concat(chunks);
}

const restoreFrom = (t: TestApp, file: Buffer, usernameSuffix?: string, store?: FileStore) => restoreShop(t.db, () => Readable.from([file]), { usernameSuffix, store });

/** The backup's lines, changed by `edit` and packed again. */
function edited(file: Buffer, edit: (lines: string[]) => string[]): Buffer {
  const lines = gunzipSync(file).toString('utf8').split('\n');
  return gzipSync(Buffer.from(edit(lines).join('\n')));
}

describeOnDatabase('backing up and restoring one shop', () => {
  let t: TestApp;
  let shop: RichShop;
  let file: Buffer;
  beforeAll(async () => {
    t = await createTestApp();
    shop = await buildRichShop(t, '备份样板店');
    file = await backupOf(t, shop.owner.shopId);
  }, 300_000);

  it('restores a shop whose every answer, balance, ledger row and money figure equals the original, with verify empty', async () => {
    const restored = await restoreFrom(t, file, '-copy');
    expect(restored.shopId).not.toBe(shop.owner.shopId);
    expect(restored.name).toBe('备份样板店');
    expect(restored.rows.stock_ledger_live).toBeGreaterThan(10);
    const copy = { owner: await signIn(t, `${shop.owner.username}-copy`, restored.shopId), staff: await signIn(t, `${shop.staff.username}-copy`, restored.shopId) };

    const routes = getRoutes(t);
    let compared = 0;
    for (const [who, original] of [['owner', shop.owner], ['staff', shop.staff]] as const) {
      for (const route of routes) {
        for (const url of urlsForRoute(shop, route)) {
          const [before, after] = [await original.get(url), await copy[who].get(url)];
          expect(comparable(url, after, { id: restored.shopId, usernames: [copy.owner.username, copy.staff.username] }), `${who} ${url}`).toEqual(
            comparable(url, before, { id: shop.owner.shopId, usernames: [shop.owner.username, shop.staff.username] }),
          );
          if (before.status === 200) compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect((await copy.owner.get('/api/inventory/verify')).body.drift).toEqual([]);

    // The copy lives on by itself: a sale posts, numbers continue, and the original is untouched.
    const sale = await postBill(copy.owner, 'out', [{ productId: shop.productA.id, quantity: '1' }], { billDate: shop.today });
    expect(sale.status, JSON.stringify(sale.body)).toBe(201);
    expect((await shop.owner.get(`/api/bills/${sale.body.id}`)).status).toBe(404);
  }, 300_000);

  it('gives the owner their shop’s backup to download, which restores; staff get none', async () => {
    expect((await shop.staff.get('/api/shop/backup')).status).toBe(403);
    const download = await shop.owner.get('/api/shop/backup');
    expect(download.status).toBe(200);
    expect(String(download.headers['content-disposition'])).toMatch(/attachment; filename="xiaocang-shop-\d+-\d{4}-\d{2}-\d{2}\.xcbackup"/);
    const restored = await restoreFrom(t, download.body as Buffer, '-download');
    expect(restored.rows).toEqual((await restoreFrom(t, file, '-file')).rows);
  });

  it('carries the shop’s photos, and the restored records show the copy’s own', async () => {
    const store = new LocalDiskStore(await mkdtemp(path.join(tmpdir(), 'xiaocang-backup-photos-')));
    const app = await createTestApp(undefined, { uploads: { maxBytes: 10 * 1024 * 1024, store } });
    const owner = await app.registerShop('照片小店');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
    const uploaded = (await upload(owner, photo)).body;
    const product = await createProduct(owner, { name: '红茶', imageUrl: uploaded.url });
    const backup = await backupOf(app, owner.shopId, store);
    const restored = await restoreFrom(app, backup, '-photos', store);
    const copy = await signIn(app, `${owner.username}-photos`, restored.shopId);
    const { imageUrl } = (await copy.get(`/api/products/${product}`)).body;
    expect(imageUrl).toBe(uploaded.url.replace(`/uploads/${owner.shopId}/`, `/uploads/${restored.shopId}/`));
    const served = await copy.get(imageUrl);
    expect(served.status).toBe(200);
    expect(served.body).toEqual((await owner.get(uploaded.url)).body);
    // The copy's record is its own: saving it unchanged is accepted.
    expect((await copy.put(`/api/products/${product}`, { imageUrl })).status).toBe(200);
  });

  it('refuses the same usernames twice, a changed file, a cut file, a newer version and a file that is not a backup, and writes nothing', async () => {
    const shopsBefore = await t.db.query<{ count: string }>('SELECT count(*)::text AS count FROM shops');
    await expect(restoreFrom(t, file)).rejects.toThrow(/usernames are taken/);
    const changed = edited(file, (lines) => lines.map((line) => line.replace('"quantity":', '"quantity":1')));
    await expect(restoreFrom(t, changed, '-x')).rejects.toThrow(/checksum/);
    await expect(restoreFrom(t, file.subarray(0, Math.floor(file.length / 2)), '-x')).rejects.toThrow(/not a readable backup|cut short/);
    const newer = edited(file, ([header, ...rest]) => [header!.replace('"migrations":[', '"migrations":["999_from_the_future.sql",'), ...rest]);
    await expect(restoreFrom(t, newer, '-x')).rejects.toThrow(/newer version/);
    await expect(restoreFrom(t, Buffer.from('name,quantity\n可乐,3\n'), '-x')).rejects.toThrow(/not a readable backup/);
    await expect(restoreFrom(t, gzipSync(Buffer.from('{"hello":1}\n')), '-x')).rejects.toThrow(/not a Xiaocang shop backup/);
    expect(await t.db.query<{ count: string }>('SELECT count(*)::text AS count FROM shops')).toEqual(shopsBefore);
  });
});

describeOnPostgres('a backup taken on PGlite restored on PostgreSQL', () => {
  it('comes out with the same books', async () => {
    const source = await createTestApp(await openPglite(undefined).then(async (db) => (await migrate(db), db)));
    const owner = await source.registerShop('搬家小店');
    const tea = await createProduct(owner, { name: '乌龙茶', inboundPrice: '3.33' });
    await postBill(owner, 'in', [{ productId: tea, quantity: '12.5', unitPrice: '3.3333' }]);
    await postBill(owner, 'out', [{ productId: tea, quantity: '2.125', unitPrice: '9.99' }]);
    const file = await backupOf(source, owner.shopId);
    const ledgerBefore = (await owner.get(`/api/products/${tea}/ledger`)).body;
    await source.close();

    const target = await createTestApp();
    const restored = await restoreFrom(target, file);
    const copy = await signIn(target, owner.username, restored.shopId);
    expect((await copy.get(`/api/products/${tea}/ledger`)).body).toEqual(ledgerBefore);
    expect((await copy.get('/api/inventory/verify')).body.drift).toEqual([]);
  }, 120_000);
});
