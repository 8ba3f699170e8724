/**
 * How long the purchase suggestions (learning every product in the request, then from the nightly pass's kept
 * forecasts, and that pass itself) and the ABC × demand classification take for a shop whose products all sold
 * lately: N products with 60 days of daily sales (one N-line sale a day), on a fresh PGlite database in memory or
 * on DATABASE_URL.
 *
 *   npm run bench:suggestions [-- --products 200 --days 60]
 */
import { parseArgs } from 'node:util';
import { ClassificationQuery, CreateBillRequest, SuggestionQuery, type PurchaseSuggestions } from '@xiaocang/contracts';
import { DEFAULT_STAFF_PERMISSIONS, shopDay, type Actor } from '@xiaocang/domain';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { registerShop } from '../src/use-cases/accounts/register-shop.ts';
import { getClassification } from '../src/use-cases/analytics/get-classification.ts';
import { purchaseSuggestions } from '../src/use-cases/analytics/purchase-suggestions.ts';
import { createBill } from '../src/use-cases/bills/create-bill.ts';
import { runNightlyForecasts } from '../src/jobs/nightly-forecasts.ts';

const { values } = parseArgs({ options: { products: { type: 'string', default: '200' }, days: { type: 'string', default: '60' } } });
const productCount = Number(values.products);
const days = Number(values.days);

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
await migrate(db);
const session = await registerShop(db, { shopName: '补货测速', username: `restock${Date.now()}`, password: 'password123', realName: '店主' });
const owner: Actor = { shopId: session.shop.id, userId: session.user.id, role: 'owner', staffPermissions: DEFAULT_STAFF_PERMISSIONS };
const ids = await db.query<{ id: string }>(
  `INSERT INTO products (shop_id, name, unit, inbound_price, outbound_price) SELECT $1, '商品 ' || n, '个', 10, 20 FROM generate_series(1, $2::int) n RETURNING id::text`,
  [owner.shopId, productCount],
);
const dayAgo = (n: number) => shopDay(new Date(Date.now() - n * 86_400_000));
/** One bill per 1,000 products (a bill's most lines) of the day. */
async function post(direction: 'in' | 'out', billDate: string, quantity: (i: number) => number) {
  for (let first = 0; first < ids.length; first += 1000) {
    const lines = ids.slice(first, first + 1000).map((p, i) => ({ productId: p.id, quantity: String(quantity(first + i)) }));
    await db.transaction((tx) => createBill(tx, owner, CreateBillRequest.parse({ direction, billType: direction === 'in' ? '采购入库' : '销售出库', billDate, lines, confirm: true })));
  }
}
// Two a day on average: some products end near their reorder point, others far above it.
await post('in', dayAgo(days + 1), (i) => 2 * days + 10 + (i % 9) * 20);
for (let n = days; n >= 1; n--) await post('out', dayAgo(n), (i) => 1 + ((i + n) % 3));

/** `runs` answers of the suggestions: their times, and the answer (the same each time). */
async function suggest(runs: number) {
  const times: number[] = [];
  let answer: PurchaseSuggestions | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    answer = await purchaseSuggestions(db, owner, SuggestionQuery.parse({}));
    times.push(performance.now() - start);
  }
  return { times: times.sort((a, b) => a - b), answer: answer! };
}
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const learnt = await suggest(3);
const lines = learnt.answer.groups.reduce((sum, group) => sum + group.lines.length, 0);
console.log(`${productCount} products, ${days} days of sales each, on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite in memory'}:`);
console.log(`  purchase suggestions, every product learnt in the request: ${learnt.times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')} (${lines} lines suggested)`);
const nightStart = performance.now();
const keptCount = await runNightlyForecasts(db);
console.log(`  nightly pass, forecasts learnt and kept: ${keptCount} in ${((performance.now() - nightStart) / 1000).toFixed(1)} s`);
const fromKept = await suggest(30);
if (JSON.stringify(fromKept.answer) !== JSON.stringify(learnt.answer)) throw new Error('The suggestions from kept forecasts differ from those learnt in the request');
console.log(`  purchase suggestions from kept forecasts (30 runs): p50 ${quantile(fromKept.times, 0.5).toFixed(0)} ms, p95 ${quantile(fromKept.times, 0.95).toFixed(0)} ms (the same answer)`);
const classified: number[] = [];
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  await getClassification(db, owner, ClassificationQuery.parse({}));
  classified.push(performance.now() - start);
}
console.log(`  classification (a year): ${classified.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`);
await db.close();
