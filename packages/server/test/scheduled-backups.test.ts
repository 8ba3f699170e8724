import { mkdtemp } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BucketShelf, FolderShelf, type BackupShelf } from '../src/backup/backup-shelf.ts';
import { restoreShop } from '../src/backup/restore-shop.ts';
import { runScheduledBackups } from '../src/jobs/scheduled-backups.ts';
import { startFakeS3, type FakeS3 } from './support/fakes/fake-s3.ts';
import { createTestApp, describeOnDatabase, type TestApp } from './support/harness.ts';
import { createProduct } from './support/stock.ts';

describeOnDatabase('scheduled backups', () => {
  let t: TestApp;
  let s3: FakeS3;
  beforeAll(async () => {
    t = await createTestApp();
    s3 = await startFakeS3();
  });
  afterAll(() => s3.close());

  const at = (day: string) => new Date(`${day}T02:00:00Z`);

  /** Three shop days of backups kept two at a time; the newest restores. `read` gives a kept file's bytes. */
  async function keepsTheNewest(shelf: BackupShelf, name: string, read: (shopId: string, day: string) => Readable) {
    const owner = await t.registerShop(name);
    await createProduct(owner, { name: '绿豆糕' });
    // Other shops of the test database are due too: the pass writes theirs alongside.
    expect(await runScheduledBackups(t.db, { shelf, keep: 2 }, at('2026-12-01'))).toBeGreaterThanOrEqual(1);
    expect(await runScheduledBackups(t.db, { shelf, keep: 2 }, at('2026-12-01'))).toBe(0);
    await runScheduledBackups(t.db, { shelf, keep: 2 }, at('2026-12-02'));
    await runScheduledBackups(t.db, { shelf, keep: 2 }, at('2026-12-03'));
    expect(await shelf.days(owner.shopId)).toEqual(['2026-12-02', '2026-12-03']);

    const restored = await restoreShop(t.db, () => read(owner.shopId, '2026-12-03'), { usernameSuffix: `-${shelf instanceof FolderShelf ? 'folder' : 'bucket'}` });
    expect(restored.name).toBe(name);
    expect(await runScheduledBackups(t.db, { shelf, keep: 0 }, at('2026-12-04'))).toBe(0);
  }

  it('writes each shop’s backup once a shop day to a folder, keeps the newest, and each one restores', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'xiaocang-scheduled-'));
    await keepsTheNewest(new FolderShelf(dir), '每日备份小店', (shopId, day) => createReadStream(path.join(dir, `shop-${shopId}`, `${day}.xcbackup`)));
  });

  it('keeps them in the S3 bucket when the photos are there', async () => {
    await keepsTheNewest(new BucketShelf(s3.config), '桶里备份小店', (shopId, day) => Readable.from([s3.objects.get(`backups/shop-${shopId}/${day}.xcbackup`)!.body]));
    expect(s3.requests.some((request) => request.method === 'DELETE' && /^backups\/shop-\d+\/2026-12-01\.xcbackup$/.test(request.key))).toBe(true);
  });
});
