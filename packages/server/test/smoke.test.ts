import { expect, it } from 'vitest';
import { createTestApp, describeOnDatabase } from './support/harness.ts';

describeOnDatabase('smoke', () => {
  it('registers a shop and reads it back', async () => {
    const t = await createTestApp();
    const owner = await t.registerShop('小店');
    const me = await owner.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.shop.name).toBe('小店');
  });
});
