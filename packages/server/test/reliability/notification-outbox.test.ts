import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientOf, registerOwner } from '../../bench/http.ts';
import { startFakeSmtp, type FakeSmtp } from '../support/fakes/fake-smtp.ts';
import { describeOnDatabase, describeOnPostgres } from '../support/harness.ts';
import { createProcessStore, type ProcessStore } from './processes.ts';

/** The servers send email to the fake; a delivery taken by a killed process is free again after 3 s. */
const mailEnv = (smtp: FakeSmtp) => ({ SMTP_URL: smtp.url, SMTP_FROM: '小仓 <noreply@xiaocang.test>', DELIVERY_LEASE_MS: '3000' });

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** An owner who gets warnings by email, with `count` products that are low as soon as one of each comes in. */
async function shopWithWarnings(url: string, count: number) {
  const owner = await registerOwner(url, '发信小店');
  const email = `owner-${owner.shopId}-${Date.now()}@example.com`;
  await owner.request('PUT', '/api/notifications/preferences', { email });
  const products: string[] = [];
  for (let i = 0; i < count; i++) products.push((await owner.request<{ id: string }>('POST', '/api/products', { name: `缺货商品${i}`, unit: '个', warningStock: '2' })).body.id);
  const receive = () =>
    owner.request('POST', '/api/bills', { direction: 'in', billType: '采购入库', billDate: '2026-11-30', lines: products.map((productId) => ({ productId, quantity: 1, unitPrice: '1' })), confirm: true });
  return { owner, email, receive };
}

describeOnDatabase('the outbox when its server is killed', () => {
  let store: ProcessStore;
  let smtp: FakeSmtp;
  beforeAll(async () => {
    [store, smtp] = await Promise.all([createProcessStore(), startFakeSmtp()]);
  });
  afterAll(async () => Promise.all([store?.dispose(), smtp?.close()]));

  it('SIGKILL while an email is on the wire, restart: the same message (same Message-ID) arrives once', async () => {
    let server = await store.start(mailEnv(smtp));
    const { owner, email, receive } = await shopWithWarnings(server.url, 1);
    const held = smtp.holdNext();
    expect((await receive()).status).toBe(201);
    const interrupted = await held;
    await server.kill();
    expect(smtp.received.filter((mail) => mail.to.includes(email))).toHaveLength(0);

    server = await store.start(mailEnv(smtp));
    await until(() => smtp.received.some((mail) => mail.to.includes(email)), 'the email arrives after the restart');
    // A few more passes of the worker: nothing else comes.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const arrived = smtp.received.filter((mail) => mail.to.includes(email));
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.parsed.messageId).toBe(interrupted.parsed.messageId);
    const again = clientOf(server.url, owner.token, owner.shopId, owner.userId);
    const deliveries = (await again.request<{ items: Array<{ status: string; attempts: number }> }>('GET', '/api/notifications/deliveries')).body.items;
    expect(deliveries).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
    await server.stop();
  }, 300_000);
});

describeOnPostgres('the outbox with two server processes', () => {
  let store: ProcessStore;
  let smtp: FakeSmtp;
  beforeAll(async () => {
    [store, smtp] = await Promise.all([createProcessStore(), startFakeSmtp({ delayMs: 50 })]);
  });
  afterAll(async () => Promise.all([store?.dispose(), smtp?.close()]));

  it('two processes polling one outbox send each of 60 messages exactly once', async () => {
    const [first, second] = await Promise.all([store.start(mailEnv(smtp)), store.start(mailEnv(smtp))]);
    const { email, receive } = await shopWithWarnings(first.url, 60);
    expect((await receive()).status).toBe(201);
    const mine = () => smtp.received.filter((mail) => mail.to.includes(email));
    await until(() => mine().length >= 60, '60 emails arrive');
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const ids = mine().map((mail) => mail.parsed.messageId);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    await Promise.all([first.stop(), second.stop()]);
  }, 300_000);
});
