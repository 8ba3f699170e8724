import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocalDiskStore } from '../src/integrations/storage/local-disk.ts';
import { S3Store } from '../src/integrations/storage/s3.ts';
import { sweepOrphanUploads } from '../src/jobs/sweep-uploads.ts';
import type { FileStore } from '../src/integrations/storage/file-store.ts';
import { startFakeS3, type FakeS3 } from './support/fakes/fake-s3.ts';
import { createTestApp, describeOnDatabase, type ApiResponse, type Client, type TestApp } from './support/harness.ts';
import { setSwitches } from './support/rich-shop.ts';
import { upload } from './support/upload-files.ts';
import { createProduct, postBill } from './support/stock.ts';

// Real image bytes, made here with sharp.
const RED = { r: 220, g: 20, b: 20 };
const BLUE = { r: 20, g: 20, b: 220 };

/** 400 × 200: the left half red, the right half blue, with the EXIF orientation given. */
async function twoColourJpeg(orientation?: number): Promise<Buffer> {
  const half = (colour: typeof RED) => sharp({ create: { width: 200, height: 200, channels: 3, background: colour } }).png().toBuffer();
  const image = sharp({ create: { width: 400, height: 200, channels: 3, background: RED } }).composite([{ input: await half(BLUE), left: 200, top: 0 }]);
  return (orientation ? image.jpeg().withMetadata({ orientation }).withExifMerge({ IFD0: { Make: 'TestPhone', Copyright: 'secret-exif' } }) : image.jpeg()).toBuffer();
}

function plainImage(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif', alpha = false): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { r: 0, g: 128, b: 0, alpha: 0 } : { r: 90, g: 140, b: 60 } } });
  return image[format]().toBuffer();
}

/** A small real PNG whose header (IHDR, with its CRC made right) claims width × height pixels. */
async function pixelBomb(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await plainImage(1, 1, 'png'));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

const fieldsOf = (response: ApiResponse) => (response.body.error?.details ?? []).map((detail: { field: string }) => detail.field);

async function pixelAt(image: Buffer, x: number, y: number) {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return { r: data[at]!, g: data[at + 1]!, b: data[at + 2]! };
}

/** The same tests on each store: the data folder and an S3 bucket (a fake S3 endpoint on this machine). */
function uploadTests(storeName: string, makeStore: () => Promise<{ store: FileStore; keys: () => Promise<string[]>; close: () => Promise<void> }>) {
  describeOnDatabase(`uploads, ${storeName}`, () => {
    let t: TestApp;
    let store: FileStore;
    let keys: () => Promise<string[]>;
    let close: () => Promise<void>;
    let owner: Client;
    let other: Client;
    const uploadsOf = async (shop: Client) =>
      (await t.db.query<{ count: string }>('SELECT count(*)::text AS count FROM uploads WHERE shop_id = $1', [shop.shopId]))[0]!.count;

    beforeAll(async () => {
      ({ store, keys, close } = await makeStore());
      t = await createTestApp(undefined, { uploads: { store, maxBytes: 2 * 1024 * 1024 } });
      owner = await t.registerShop('图片店');
      other = await t.registerShop('别家店');
    });
    afterAll(async () => {
      await t.close();
      await close();
    });

    it('turns a phone photo upright by its EXIF orientation, strips its metadata, and serves it and its thumbnail', async () => {
      const created = await upload(owner, await twoColourJpeg(6));
      expect(created.status).toBe(201);
      const { id, url, thumbUrl, width, height, bytes } = created.body;
      expect(id).toMatch(/^\d+$/);
      expect(url).toMatch(new RegExp(`^/uploads/${owner.shopId}/[A-Za-z0-9_-]{32}\\.jpg$`));
      expect(thumbUrl).toBe(url.replace('.jpg', '-thumb.jpg'));
      // Orientation 6 is a quarter turn clockwise: 400 × 200 stands up as 200 × 400, the red left half on top.
      expect([width, height]).toEqual([200, 400]);
      const served = await t.request('GET', url);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.body.length).toBe(bytes);
      const meta = await sharp(served.body).metadata();
      expect([meta.width, meta.height, meta.format, meta.orientation, meta.exif]).toEqual([200, 400, 'jpeg', undefined, undefined]);
      expect(served.body.includes('secret-exif')).toBe(false);
      const top = await pixelAt(served.body, 100, 50);
      const bottom = await pixelAt(served.body, 100, 350);
      expect(top.r).toBeGreaterThan(180);
      expect(top.b).toBeLessThan(60);
      expect(bottom.b).toBeGreaterThan(180);
      expect(bottom.r).toBeLessThan(60);
      const thumb = await t.request('GET', thumbUrl);
      expect(thumb.status).toBe(200);
      expect(await sharp(thumb.body).metadata()).toMatchObject({ width: 160, height: 320 });
      expect(await keys()).toEqual(expect.arrayContaining([url.slice('/uploads/'.length), thumbUrl.slice('/uploads/'.length)]));
    });

    it('resizes a large picture to 1600 px and a 320 px thumbnail; takes PNG (transparency on white) and WebP', async () => {
      const large = await upload(owner, await plainImage(4000, 3000, 'jpeg'));
      expect(large.status).toBe(201);
      expect(large.body).toMatchObject({ width: 1600, height: 1200, contentType: 'image/jpeg' });
      expect(await sharp((await t.request('GET', large.body.thumbUrl)).body).metadata()).toMatchObject({ width: 320, height: 240 });

      const png = await upload(owner, await plainImage(300, 100, 'png', true), 'goods', { fileName: 'logo.png', contentType: 'image/png' });
      expect(png.status).toBe(201);
      expect(png.body).toMatchObject({ purpose: 'goods', width: 300, height: 100 });
      expect(await pixelAt((await t.request('GET', png.body.url)).body, 10, 10)).toEqual({ r: 255, g: 255, b: 255 });

      const webp = await upload(owner, await plainImage(64, 48, 'webp'), 'product', { fileName: 'x.webp', contentType: 'image/webp' });
      expect(webp.status).toBe(201);
      expect(webp.body).toMatchObject({ width: 64, height: 48 });
    });

    it('refuses what is not a picture, a damaged one, a pixel bomb, SVG, GIF and a file too large, naming the field file, and writes nothing', async () => {
      const rowsBefore = await uploadsOf(owner);
      const keysBefore = await keys();
      const jpeg = await twoColourJpeg();
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
      const cases: Array<[string, Buffer, RegExp]> = [
        ['text renamed .jpg', Buffer.from('这不是图片，只是文字。'.repeat(20)), /not a picture/],
        ['truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2)), /damaged or incomplete/],
        ['pixel bomb', await pixelBomb(60_000, 60_000), /more than 100 megapixels/],
        ['SVG', svg, /not a picture/],
        ['GIF', await plainImage(10, 10, 'gif'), /GIF/],
        ['empty', Buffer.alloc(0), /not a picture/],
      ];
      for (const [what, data, message] of cases) {
        const refused = await upload(owner, data);
        expect(refused.status, what).toBe(400);
        expect(fieldsOf(refused), what).toEqual(['file']);
        expect(refused.body.error.message, what).toMatch(message);
      }
      const tooLarge = await upload(owner, Buffer.concat([jpeg, Buffer.alloc(3 * 1024 * 1024)]));
      expect(tooLarge.status).toBe(413);
      expect(fieldsOf(tooLarge)).toEqual(['file']);
      const wrongField = await upload(owner, jpeg, 'product', { field: 'photo' });
      expect(wrongField.status).toBe(400);
      expect(fieldsOf(wrongField)).toEqual(['file']);
      const json = await owner.post('/api/uploads?purpose=product', { file: 'abc' });
      expect(json.status).toBe(400);
      const badPurpose = await upload(owner, jpeg, 'avatar');
      expect(badPurpose.status).toBe(400);
      expect(fieldsOf(badPurpose)).toEqual(['purpose']);
      expect(await uploadsOf(owner)).toBe(rowsBefore);
      expect(await keys()).toEqual(keysBefore);
    });

    it('keeps shops apart: another shop cannot reach a token under its own id, nor use another shop\'s upload', async () => {
      const photo = (await upload(owner, await twoColourJpeg())).body;
      const token = photo.url.split('/')[3];
      expect((await t.request('GET', `/uploads/${other.shopId}/${token}`)).status).toBe(404);
      expect((await other.get(`/uploads/${other.shopId}/${token}`)).status).toBe(404);
      expect((await t.request('GET', `/uploads/${owner.shopId}/${'A'.repeat(32)}.jpg`)).status).toBe(404);

      const refused = await other.post('/api/products', { name: '借图', unit: '个', imageUrl: photo.url });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused)).toEqual(['imageUrl']);
      const productId = await createProduct(other);
      const update = await other.put(`/api/products/${productId}`, { imageUrl: photo.thumbUrl });
      expect(fieldsOf(update)).toEqual(['imageUrl']);
      const goods = await other.post('/api/goods', { title: '借图商品', price: '9.9', ownStock: '5', images: ['https://example.com/a.jpg', photo.url] });
      expect(goods.status).toBe(400);
      expect(fieldsOf(goods)).toEqual(['images.1']);
      const bill = await postBill(other, 'in', [{ productId, quantity: '1', unitPrice: '1' }], { attachments: [{ fileId: photo.url, name: '票据' }] });
      expect(bill.status).toBe(400);
      expect(fieldsOf(bill)).toEqual(['attachments.0.fileId']);
      expect((await other.get('/api/products')).body.total).toBe(1);

      // The owner's own shop takes it, in a product, on goods, and an outside link still works.
      const own = await owner.post('/api/products', { name: '自家图', unit: '个', imageUrl: photo.url });
      expect(own.status).toBe(201);
      expect(own.body.imageUrl).toBe(photo.url);
      const ownGoods = await owner.post('/api/goods', { title: '自家商品', price: '9.9', ownStock: '5', images: [photo.url, photo.thumbUrl] });
      expect(ownGoods.status).toBe(201);
      expect((await owner.post('/api/products', { name: '外链图', unit: '个', imageUrl: 'https://example.com/x.jpg' })).status).toBe(201);
    });

    it("serves a bill's attachment to its shop's session only, and keeps receipts and pictures apart", async () => {
      const receipt = await upload(owner, await twoColourJpeg(), 'bill');
      expect(receipt.status).toBe(201);
      const { url } = receipt.body;
      expect((await t.request('GET', url)).status).toBe(404);
      expect((await other.get(url)).status).toBe(404);
      const read = await owner.get(url);
      expect(read.status).toBe(200);
      expect(read.headers['cache-control']).toBe('private, max-age=86400');

      const productId = await createProduct(owner);
      const bill = await postBill(owner, 'in', [{ productId, quantity: '2', unitPrice: '3' }], { attachments: [{ fileId: url, name: '进货单' }, { fileId: receipt.body.thumbUrl, name: '' }] });
      expect(bill.status).toBe(201);
      expect(bill.body.attachments).toEqual([{ fileId: url, name: '进货单' }, { fileId: receipt.body.thumbUrl, name: '' }]);
      // A receipt is never a product's public picture, nor a picture a receipt.
      const asPicture = await owner.post('/api/products', { name: '票据当图', unit: '个', imageUrl: url });
      expect(fieldsOf(asPicture)).toEqual(['imageUrl']);
      const picture = (await upload(owner, await twoColourJpeg())).body;
      const asReceipt = await postBill(owner, 'in', [{ productId, quantity: '1', unitPrice: '1' }], { attachments: [{ fileId: picture.url, name: '' }] });
      expect(fieldsOf(asReceipt)).toEqual(['attachments.0.fileId']);

      // Staff see others' receipts unless the shop keeps them to their own records.
      const staff = await t.addStaff(owner);
      expect((await staff.get(url)).status).toBe(200);
      await setSwitches(owner, { ownRecordsOnly: true });
      expect((await staff.get(url)).status).toBe(404);
      const ownReceipt = await upload(staff, await twoColourJpeg(), 'bill');
      expect((await staff.get(ownReceipt.body.url)).status).toBe(200);
      // Who may not edit products may not upload their pictures, but may still attach receipts to bills.
      await setSwitches(owner, { ownRecordsOnly: false, disableProductEdit: true });
      const forbidden = await upload(staff, await twoColourJpeg(), 'product');
      expect(forbidden.status).toBe(403);
      expect((await upload(staff, await twoColourJpeg(), 'bill')).status).toBe(201);
      await setSwitches(owner, { disableProductEdit: false });
    });

    it('removes uploads nothing refers to after a day, files and row, and keeps those a product, goods or bill use', async () => {
      const made = async (purpose = 'product') => (await upload(owner, await twoColourJpeg(), purpose)).body;
      const [forProduct, forGoods, forBill, orphan, fresh] = [await made(), await made('goods'), await made('bill'), await made(), await made()];
      expect((await owner.post('/api/products', { name: '有图', unit: '个', imageUrl: forProduct.url })).status).toBe(201);
      expect((await owner.post('/api/goods', { title: '有图商品', price: '1', ownStock: '1', images: [forGoods.thumbUrl] })).status).toBe(201);
      const productId = await createProduct(owner);
      expect((await postBill(owner, 'in', [{ productId, quantity: '1', unitPrice: '1' }], { attachments: [{ fileId: forBill.url, name: '' }] })).status).toBe(201);
      await t.db.query(`UPDATE uploads SET created_at = now() - interval '2 days' WHERE shop_id = $1 AND id = ANY($2::bigint[])`, [
        owner.shopId,
        [forProduct, forGoods, forBill, orphan].map((u) => u.id),
      ]);
      const keyOf = (address: string) => address.slice('/uploads/'.length);

      expect(await sweepOrphanUploads(t.db, store)).toBe(1);
      const left = await t.db.query<{ id: string }>('SELECT id::text FROM uploads WHERE shop_id = $1 AND id = ANY($2::bigint[])', [
        owner.shopId,
        [forProduct, forGoods, forBill, orphan, fresh].map((u) => u.id),
      ]);
      expect(left.map((row) => row.id).sort()).toEqual([forProduct, forGoods, forBill, fresh].map((u) => u.id).sort());
      const stored = await keys();
      expect(stored).not.toContain(keyOf(orphan.url));
      expect(stored).not.toContain(keyOf(orphan.thumbUrl));
      for (const kept of [forProduct, forGoods, forBill, fresh]) expect(stored).toEqual(expect.arrayContaining([keyOf(kept.url), keyOf(kept.thumbUrl)]));
      expect((await t.request('GET', orphan.url)).status).toBe(404);
      expect(await sweepOrphanUploads(t.db, store)).toBe(0);
    });
  });
}

uploadTests('on the local disk', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'xiaocang-uploads-'));
  const keys = async () =>
    (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort();
  return { store: new LocalDiskStore(root), keys, close: () => rm(root, { recursive: true, force: true }) };
});

/** The real S3 client, path-style, pointed at a fake endpoint on this machine. */
const storeOn = (fake: FakeS3) => new S3Store(fake.config);

let fakeS3: FakeS3;
uploadTests('in an S3 bucket', async () => {
  fakeS3 = await startFakeS3();
  return { store: storeOn(fakeS3), keys: async () => [...fakeS3.objects.keys()].sort(), close: () => fakeS3.close() };
});

describeOnDatabase('uploads, a store that fails half-way', () => {
  let t: TestApp;
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3();
    t = await createTestApp(undefined, { uploads: { store: storeOn(s3), maxBytes: 1024 * 1024 } });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it('signs its requests to the bucket, and leaves neither a row nor an object when a put fails', async () => {
    const owner = await t.registerShop();
    const made = await upload(owner, await twoColourJpeg());
    expect(made.status).toBe(201);
    const key = made.body.url.slice('/uploads/'.length);
    expect(s3.requests.slice(0, 2)).toEqual([
      { method: 'PUT', bucket: s3.bucket, key, status: 200 },
      { method: 'PUT', bucket: s3.bucket, key: key.replace('.jpg', '-thumb.jpg'), status: 200 },
    ]);
    expect(s3.objects.get(key)?.contentType).toBe('image/jpeg');
    expect((await t.request('GET', made.body.url)).body).toEqual(s3.objects.get(key)!.body);
    expect(s3.requests.at(-1)).toMatchObject({ method: 'GET', key, status: 200 });

    // The thumbnail's put fails, and so do the SDK's two retries: the copy already put is deleted again.
    s3.requests.length = 0;
    s3.failPuts(3, 1);
    const failed = await upload(owner, await twoColourJpeg());
    expect(failed.status).toBe(500);
    expect(s3.requests.filter((request) => request.method === 'PUT').map((request) => request.status)).toEqual([200, 500, 500, 500]);
    expect(s3.requests.filter((request) => request.method === 'DELETE')).toHaveLength(2);
    expect([...s3.objects.keys()]).toEqual([key, key.replace('.jpg', '-thumb.jpg')]);
    const rows = await t.db.query<{ count: string }>('SELECT count(*)::text AS count FROM uploads WHERE shop_id = $1', [owner.shopId]);
    expect(rows).toEqual([{ count: '1' }]);
  });
});
