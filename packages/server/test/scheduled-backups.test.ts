import { mkdtemp, readdir } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { restoreShop } from '../src/backup/restore-shop.ts';
import { runScheduledBackups } from '../src/jobs/scheduled-backups.ts';
import { createTestApp, describeOnDatabase, type TestApp } from './support/harness.ts';
import { createProduct } from './support/stock.ts';

describeOnDatabase('scheduled backups', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('writes each shop’s backup once a shop day, keeps the newest, and each one restores', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'xiaocang-scheduled-'));
    const owner = await t.registerShop('每日备份小店');
    await createProduct(owner, { name: '绿豆糕' });
    const folder = path.join(dir, `shop-${owner.shopId}`);
    const at = (day: string) => new Date(`${day}T02:00:00Z`);

    expect(await runScheduledBackups(t.db, { dir, keep: 2 }, at('2026-12-01'))).toBeGreaterThanOrEqual(1);
    expect(await runScheduledBackups(t.db, { dir, keep: 2 }, at('2026-12-01'))).toBe(0);
    await runScheduledBackups(t.db, { dir, keep: 2 }, at('2026-12-02'));
    await runScheduledBackups(t.db, { dir, keep: 2 }, at('2026-12-03'));
    expect((await readdir(folder)).sort()).toEqual(['2026-12-02.xcbackup', '2026-12-03.xcbackup']);

    const restored = await restoreShop(t.db, () => createReadStream(path.join(folder, '2026-12-03.xcbackup')), { usernameSuffix: '-daily' });
    expect(restored.name).toBe('每日备份小店');
    expect(await runScheduledBackups(t.db, { dir, keep: 0 }, at('2026-12-04'))).toBe(0);
  });
});
