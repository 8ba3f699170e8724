import { beforeAll, expect, it } from 'vitest';
import { clearExpired } from '../src/jobs/clear-expired.ts';
import { createTestApp, describeOnDatabase, type TestApp } from './support/harness.ts';

describeOnDatabase('clearing what has expired', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('clears ended sessions, spent keys and messages sent long ago, and keeps everything still in use', async () => {
    const owner = await t.registerShop();
    const shop = owner.shopId;
    const oldLogin = await t.request('POST', '/api/auth/login', { username: owner.username, password: 'password123' });
    const oldClient = t.clientFor(oldLogin.body.token, shop, owner.userId, owner.username);
    for (const key of ['old-key', 'new-key']) {
      expect((await owner.post('/api/categories', { name: key }, { 'Idempotency-Key': key })).status).toBe(201);
    }
    const [notification] = await t.db.query<{ id: string }>(
      `INSERT INTO notifications (shop_id, user_id, kind, source, title, body) VALUES ($1, $2, 'warning', 'test', '库存不足', '可乐') RETURNING id::text`,
      [shop, owner.userId],
    );
    await t.db.query(
      `INSERT INTO notification_deliveries (shop_id, notification_id, channel, address, status, sent_at) VALUES
         ($1, $2, 'email', 'a@example.com', 'sent', now() - interval '40 days'),
         ($1, $2, 'sms', '13800000000', 'sent', now() - interval '2 days'),
         ($1, $2, 'wechat', 'openid', 'failed', NULL)`,
      [shop, notification!.id],
    );
    // A week and a half later for the old ones.
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '10 days' WHERE shop_id = $1 AND token_hash <> ALL (SELECT token_hash FROM sessions WHERE shop_id = $1 ORDER BY created_at LIMIT 1)`, [shop]);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '10 days' WHERE shop_id = $1 AND key = 'old-key'`, [shop]);

    const cleared = await clearExpired(t.db);
    expect(cleared.sessions).toBeGreaterThanOrEqual(1);
    expect(cleared.idempotency_keys).toBeGreaterThanOrEqual(1);
    expect(cleared.notification_deliveries).toBeGreaterThanOrEqual(1);

    expect((await owner.get('/api/shop')).status).toBe(200);
    expect((await oldClient.get('/api/shop')).status).toBe(401);
    const keys = await t.db.query<{ key: string }>('SELECT key FROM idempotency_keys WHERE shop_id = $1 ORDER BY key', [shop]);
    expect(keys.map((row) => row.key)).toEqual(['new-key']);
    const deliveries = await t.db.query<{ channel: string }>('SELECT channel FROM notification_deliveries WHERE shop_id = $1 ORDER BY channel', [shop]);
    expect(deliveries.map((row) => row.channel)).toEqual(['sms', 'wechat']);
    // A second pass finds nothing more of this shop's to clear.
    await clearExpired(t.db);
    expect(await t.db.query('SELECT key FROM idempotency_keys WHERE shop_id = $1', [shop])).toHaveLength(1);
  });
});
