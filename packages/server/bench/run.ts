/**
 * `npm run bench`: the real server (a child process, as `npm start` runs it) on a new PostgreSQL database
 * on the server DATABASE_URL names, otherwise on PGlite in a temporary folder. Measures posting through
 * HTTP on that fresh database next to the reference floor, then, over a seeded history, posting next to
 * the bench's own floor (the same write set as hand-written SQL), a backdated posting and report
 * latencies and what judging the stock warnings adds to a posting; prints a table and writes the figures to bench-results/latest.json (BENCH_OUTPUT to change).
 * Knobs: BENCH_FRESH_BILLS, BENCH_PRODUCTS, BENCH_BILLS_C1, BENCH_BILLS_C16, BENCH_LEDGER_ROWS,
 * BENCH_BACKDATE_ROWS, BENCH_REPORT_RUNS, BENCH_ORDERS_C1, BENCH_ORDERS_C64, BENCH_VERIFY=1 to also verify the whole shop (replays every
 * ledger row: about a minute).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { InventoryList, InventoryVerification, LedgerEntry, List } from '@xiaocang/contracts';
import { shopDay } from '@xiaocang/domain';
import { openPglite, openPostgres, type Database } from '../src/db/database.ts';
import { postFloorBill } from './floor.ts';
import { measureFreshPosting, type FreshPosting } from './fresh-posting.ts';
import { clientOf, registerOwner, type HttpClient } from './http.ts';
import { seedHistory, spreadOverCategoriesAndCustomers } from './seed-history.ts';
import { keepReportTotalsTimed, timeAnalytics } from './analytics-latency.ts';
import { claimShopDay, finishShopDay } from '../src/jobs/shop-day-claims.ts';
import { keepShopForecasts } from '../src/jobs/nightly-forecasts.ts';
import { runReportTotals } from '../src/jobs/keep-report-totals.ts';
import { refreshStaleForecasts } from '../src/jobs/refresh-stale-forecasts.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { measureOrderPlacement, type OrderPlacement } from './order-placement.ts';
import { measureWarningCost, type WarningCost } from './warning-cost.ts';
import { makeBills, runConcurrently, timeRepeated, type BillSpec, type Product, type RunFigures } from './workload.ts';

const env = process.env;
// The server under load gets a connection for each of the 16 concurrent clients (and some to spare).
env.DATABASE_POOL_SIZE ??= '20';
// The server's check of a PGlite folder at start-up would replay the history while the bench measures.
env.CHECK_BOOKS_ON_START ??= '0';
const knob = (name: string, fallback: number) => Number(env[name] ?? fallback);
const settings = {
  freshBills: knob('BENCH_FRESH_BILLS', 600),
  freshOnly: env.BENCH_FRESH_ONLY === '1',
  products: knob('BENCH_PRODUCTS', 2000),
  billsAtConcurrency1: knob('BENCH_BILLS_C1', 300),
  billsAtConcurrency16: knob('BENCH_BILLS_C16', 1500),
  ledgerRows: knob('BENCH_LEDGER_ROWS', 1_000_000),
  backdateRows: knob('BENCH_BACKDATE_ROWS', 100_000),
  reportRuns: knob('BENCH_REPORT_RUNS', 30),
  verify: env.BENCH_VERIFY === '1',
  ordersAtConcurrency1: knob('BENCH_ORDERS_C1', 200),
  ordersAtConcurrency64: knob('BENCH_ORDERS_C64', 1000),
};
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const output = path.resolve(REPO_ROOT, env.BENCH_OUTPUT ?? 'bench-results/latest.json');
const serverUrl = env.DATABASE_URL || undefined;
/** A database of its own on that server, created here and dropped at the end: fresh, as a new user has it. */
const databaseUrl = serverUrl && Object.assign(new URL(serverUrl), { pathname: `/xiaocang_bench_${process.pid}` }).href;
const dataDir = databaseUrl ? undefined : mkdtempSync(path.join(tmpdir(), 'xiaocang-bench-'));
const databaseLabel = databaseUrl ? `PostgreSQL (${new URL(databaseUrl).host}${new URL(databaseUrl).pathname})` : `PGlite (${dataDir})`;

const log = (message: string) => console.log(`[bench] ${message}`);
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const expectStatus = (what: string, response: { status: number; body: unknown }, status: number) => {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
};

let server: ServerProcess | undefined;
/** PostgreSQL serves the server and the bench at once; a PGlite folder has one owner, so the server steps aside. */
async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  if (databaseUrl) {
    const db = openPostgres(databaseUrl, 16);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }
  await server!.stop();
  const db = await openPglite(dataDir);
  try {
    return await work(db);
  } finally {
    await db.close();
    server = await startServerProcess({ dataDir });
  }
}

/** Creates (or, with `drop`, removes) the bench's own database on the PostgreSQL server. */
async function ownDatabase(drop = false) {
  if (!serverUrl || !databaseUrl) return;
  const admin = openPostgres(serverUrl, 1);
  const name = new URL(databaseUrl).pathname.slice(1);
  try {
    await admin.query(drop ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)` : `CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
}

async function main() {
  log(`database: ${databaseLabel}`);
  await ownDatabase();
  server = await startServerProcess({ databaseUrl, dataDir });
  const fresh = await measureFreshPosting({ url: server.url, pid: server.child.pid }, settings.freshBills, databaseUrl, log);
  if (settings.freshOnly) {
    await server.stop();
    await cleanUp();
    writeResults({ freshPosting: fresh });
    printRows(freshRows(fresh));
    return;
  }
  const today = shopDay(new Date());
  const year = Number(today.slice(0, 4));

  let t0 = performance.now();
  let owner: HttpClient & { shopId: string; userId: string } = await registerOwner(server.url, '压测小店');
  const floorOwner = await registerOwner(server.url, '基线小店');
  const products: Product[] = await createProducts(owner, settings.products);
  log(`shop ${owner.shopId} with ${products.length} products created through HTTP in ${seconds(t0)} s`);
  const hot = products[0]!;

  t0 = performance.now();
  // Two years up to yesterday: the reports, the classification and the forecasts all read the last year.
  const firstDay = shopDay(new Date(Date.now() - 730 * 86_400_000));
  const { seeded, nightly, keptTotals, floorProducts, floorShop } = await withDatabase(async (db) => {
    const [point] = await db.query<{ id: string }>('SELECT id FROM stock_points WHERE shop_id = $1 AND is_default', [owner.shopId]);
    const seeded = await db.transaction((tx) =>
      seedHistory(tx, {
        shopId: owner.shopId,
        userId: owner.userId,
        stockPointId: point!.id,
        hotProductId: hot.id,
        ledgerRows: settings.ledgerRows,
        hotRows: settings.backdateRows,
        firstDay,
        days: 730,
      }),
    );
    await db.transaction((tx) => spreadOverCategoriesAndCustomers(tx, owner.shopId, { categories: 20, customers: 200 }));
    // As autovacuum leaves a freshly loaded table: hint bits set, statistics current. The checkpoint
    // writes the load back now rather than during whichever measurement comes first (it needs a
    // superuser or pg_checkpoint; without one the bench goes on).
    await db.query('VACUUM ANALYZE');
    await db.query('CHECKPOINT').catch(() => log('no CHECKPOINT allowed: the load is written back during the first measurements'));
    // The server's own daily passes over these shops (a backup, the warning check) would read the million rows
    // while the bench measures: they are marked done for today, as a server that ran them last night has them.
    await db.query(
      `INSERT INTO daily_runs (shop_id, job, day, finished_at) SELECT shop, job, $3, now() FROM unnest($1::bigint[]) shop, unnest($2::text[]) job
       ON CONFLICT DO NOTHING`,
      [[owner.shopId, floorOwner.shopId], ['backup', 'warnings'], today],
    );
    // The nightly pass over the whole history, as the server runs it once a shop day (claimed here, so that the
    // server's own pass leaves this shop alone).
    await claimShopDay(db, owner.shopId, 'forecast', today);
    const nightlyStart = performance.now();
    const forecastsKept = await keepShopForecasts(db, owner.shopId, today);
    const nightly = { products: forecastsKept, ms: Math.round(performance.now() - nightlyStart) };
    await finishShopDay(db, owner.shopId, 'forecast', today);
    // The report totals, as the server's pass keeps them. It would take in the bench's postings while they are
    // measured: the bench holds the shop's claim on them until it keeps them again itself, before the reports.
    const keptTotals = await keepReportTotalsTimed(db, owner.shopId, today);
    await db.query('UPDATE kept_report_state SET building_since = now() WHERE shop_id = $1', [owner.shopId]);
    return { seeded, nightly, keptTotals, ...(await prepareFloorShop(db, owner.shopId, floorOwner)) };
  });
  if (!databaseUrl) owner = clientOf(server.url, owner.token, owner.shopId, owner.userId);
  const seedSeconds = seconds(t0);
  log(`seeded ${seeded.ledgerRows.toLocaleString()} ledger rows in ${seeded.bills.toLocaleString()} bills with set-based SQL in ${seedSeconds} s`);
  log(`nightly forecasts of ${nightly.products.toLocaleString()} products over that history: ${(nightly.ms / 1000).toFixed(1)} s`);
  log(`report totals kept for ${keptTotals.days.toLocaleString()} days of that history: ${(keptTotals.ms / 1000).toFixed(1)} s`);
  // One hot line per bill at most: a small BENCH_LEDGER_ROWS caps the backdating target's rows.
  await checkSample(owner, products, Math.min(settings.backdateRows, seeded.bills));
  log('checked a sample of the seeded history through the API: balances and running balances agree');

  const warmUp = makeBills(products, 30, today, 7);
  await runConcurrently(warmUp, 4, (bill) => postThroughHttp(owner, bill));
  const all = makeBills(products, settings.billsAtConcurrency1 + settings.billsAtConcurrency16, today);
  const serial = all.slice(0, settings.billsAtConcurrency1);
  const parallel = all.slice(settings.billsAtConcurrency1);
  // Each HTTP run is followed at once by its floor run, so that both meet the machine in the same state.
  const onFloor = (bill: BillSpec): BillSpec => ({ ...bill, lines: bill.lines.map((line) => ({ ...line, productId: floorProducts.get(line.productId)! })) });
  const onTheFloor = async (bills: readonly BillSpec[], concurrency: number, firstNumber: number, warm = false) => {
    const figures = await withDatabase(async (db) => {
      const post = (bill: BillSpec, number: number) => postFloorBill(db, floorShop, onFloor(bill), `FLOOR${number}`);
      if (warm) await runConcurrently(warmUp, 4, (bill, index) => post(bill, 1_000_000 + index));
      return runConcurrently(bills, concurrency, (bill, index) => post(bill, firstNumber + index));
    });
    if (!databaseUrl) owner = clientOf(server!.url, owner.token, owner.shopId, owner.userId);
    return figures;
  };
  const http1 = await runConcurrently(serial, 1, (bill) => postThroughHttp(owner, bill));
  const floor1 = await onTheFloor(serial, 1, 0, true);
  log(`concurrency 1: HTTP ${http1.perSecond} bills/s, floor (hand-written SQL) ${floor1.perSecond} bills/s`);
  const http16 = await runConcurrently(parallel, 16, (bill) => postThroughHttp(owner, bill));
  const floor16 = await onTheFloor(parallel, 16, serial.length);
  log(`concurrency 16: HTTP ${http16.perSecond} bills/s, floor (hand-written SQL) ${floor16.perSecond} bills/s`);
  const warningCost = await withDatabase((db) => measureWarningCost(db, owner.shopId, serial, today));
  if (!databaseUrl) owner = clientOf(server.url, owner.token, owner.shopId, owner.userId);
  const warnings = { ...warningCost, shareOfPosting: Math.round((warningCost.msPerPosting / (1000 / http1.perSecond)) * 1000) / 1000 };
  const orders = await measureOrderPlacement(server.url, owner, hot.id, { concurrency1: settings.ordersAtConcurrency1, concurrency64: settings.ordersAtConcurrency64 });
  log(`storefront orders on one item: c=1 ${orders.concurrency1.perSecond} orders/s, c=64 ${orders.concurrency64.perSecond} orders/s`);
  log(`stock warnings judged at posting: ${warnings.msPerPosting} ms per posting, ${Math.round(warnings.shareOfPosting * 1000) / 10} % of a posting at c=1; daily check ${warnings.dailyCheckMs} ms`);

  const laterRows = await owner.request<List<LedgerEntry>>('GET', `/api/products/${hot.id}/ledger?pageSize=1`);
  t0 = performance.now();
  const backdated = await owner.request('POST', '/api/bills', {
    direction: 'in',
    billType: '采购入库',
    billDate: `${year - 3}-12-31`,
    lines: [{ productId: hot.id, quantity: 5, unitPrice: '0.01' }],
    confirm: true,
  });
  const backdatedMs = Math.round(performance.now() - t0);
  expectStatus('backdated bill', backdated, 201);
  log(`backdated bill before ${laterRows.body.total.toLocaleString()} ledger rows: ${backdatedMs} ms`);
  // The backdated bill made the kept report totals stale from its day (and today's postings are to be taken in).
  const mendedTotals = await withDatabase(async (db) => {
    await db.query('UPDATE kept_report_state SET building_since = NULL WHERE shop_id = $1', [owner.shopId]);
    const mended = await keepReportTotalsTimed(db, owner.shopId, today);
    // The other shops' too (the floor's, the fresh ones'), and the statistics the server's keeper takes after a pass
    // of its own: the server would otherwise do both during the timings.
    await runReportTotals(db);
    await db.query('ANALYZE kept_report_state, kept_in_out_totals, kept_sales_by_product, kept_sales_by_customer, kept_stock_days');
    return mended;
  });
  if (!databaseUrl) owner = clientOf(server.url, owner.token, owner.shopId, owner.userId);
  log(`report totals kept again after the backdated bill: ${mendedTotals.days.toLocaleString()} days in ${(mendedTotals.ms / 1000).toFixed(1)} s`);
  // It also made the backdated product's kept forecast stale: the server's frequent pass learns it again within
  // minutes, as here before the timings (without it, classification and suggestions read that product's year).
  const refreshedForecasts = await withDatabase(async (db) => {
    const start = performance.now();
    const products = await refreshStaleForecasts(db);
    return { products, ms: Math.round(performance.now() - start) };
  });
  if (!databaseUrl) owner = clientOf(server.url, owner.token, owner.shopId, owner.userId);
  log(`stale forecasts learnt again after the backdated bill: ${refreshedForecasts.products} in ${refreshedForecasts.ms} ms`);

  const report = (url: string) => timeRepeated(settings.reportRuns, async () => expectStatus(url, await owner.request('GET', url), 200));
  const reports = {
    inventorySummary: await report('/api/inventory'),
    productLedgerPage: await report(`/api/products/${hot.id}/ledger?page=1&pageSize=20`),
    monthlyStats: await report(`/api/stats/monthly?year=${year - 1}`),
    dashboard: await report('/api/dashboard'),
  };
  // The seeded shop is overstocked: most of 200 products' stock is written off, so that the suggestions have lines to work out.
  const shortProducts = await leaveShort(owner, products.slice(100, 300), today);
  log(`stock of ${shortProducts} products written off to 2 each, for the purchase suggestions`);
  const analytics = await timeAnalytics(owner, hot.id, products[1]!.id, today);
  let verification: { ms: number; checkedLedgerRows: number; drift: number } | null = null;
  if (settings.verify) {
    t0 = performance.now();
    const verified = await owner.request<InventoryVerification>('GET', '/api/inventory/verify');
    expectStatus('verify', verified, 200);
    verification = { ms: Math.round(performance.now() - t0), checkedLedgerRows: verified.body.checkedLedgerRows, drift: verified.body.drift.length };
    if (verification.drift > 0) throw new Error(`verify found drift: ${JSON.stringify(verified.body.drift.slice(0, 5))}`);
  }
  await server.stop();
  await cleanUp();

  const results = {
    freshPosting: fresh,
    seeding: { method: 'set-based SQL straight into the tables, checked by sample through the API', seconds: seedSeconds, ...seeded },
    posting: {
      http: { concurrency1: http1, concurrency16: http16 },
      floor: { concurrency1: floor1, concurrency16: floor16 },
      ratio: { concurrency1: ratio(http1, floor1), concurrency16: ratio(http16, floor16) },
    },
    warnings,
    orders,
    backdated: { laterLedgerRows: laterRows.body.total, ms: backdatedMs },
    reports,
    nightly,
    reportTotals: { kept: keptTotals, afterBackdating: mendedTotals },
    refreshedForecasts,
    analytics,
    verification,
  };
  writeResults(results);
  printTable(results);
}

function writeResults(figures: object) {
  const results = { when: new Date().toISOString(), database: databaseUrl ? 'postgres' : 'pglite', machine: { node: process.version, cpus: os.cpus().length }, settings, ...figures };
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
  log(`figures written to ${path.relative(process.cwd(), output) || output}`);
}

async function cleanUp() {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await ownDatabase(true);
}

const ratio = (http: RunFigures, floor: RunFigures) => Math.round((http.perSecond / floor.perSecond) * 100) / 100;

async function createProducts(owner: HttpClient, count: number): Promise<Product[]> {
  const specs = Array.from({ length: count }, (_, i) => {
    const inbound = (1 + (i % 97) + 0.25).toFixed(2);
    return { name: `压测商品${String(i).padStart(4, '0')}`, code: `B${String(i).padStart(5, '0')}`, unit: '个', inboundPrice: inbound, outboundPrice: (Number(inbound) * 1.5).toFixed(2) };
  });
  const products: Product[] = new Array(count);
  await runConcurrently(specs, 8, async (spec, index) => {
    const created = await owner.request<{ id: string }>('POST', '/api/products', spec);
    expectStatus('product', created, 201);
    products[index] = { id: created.body.id, inboundPrice: spec.inboundPrice, outboundPrice: spec.outboundPrice };
  });
  return products;
}

/** Writes off all but 2 of each product's stock in one 报损出库 bill; returns how many products it took stock from. */
async function leaveShort(owner: HttpClient, products: readonly Product[], today: string): Promise<number> {
  const lines: Array<{ productId: string; quantity: string; unitPrice: string }> = [];
  for (const product of products) {
    const stock = await owner.request<InventoryList>('GET', `/api/inventory?productId=${product.id}`);
    expectStatus('inventory', stock, 200);
    const quantity = stock.body.items.reduce((sum, item) => sum + Number(item.quantity), 0) - 2;
    if (quantity > 0) lines.push({ productId: product.id, quantity: quantity.toFixed(3), unitPrice: '0' });
  }
  const bill = await owner.request('POST', '/api/bills', { direction: 'out', billType: '报损出库', billDate: today, lines, confirm: true });
  expectStatus('write-off', bill, 201);
  return lines.length;
}

/** The floor's own shop: the same products (copied by SQL) with an opening stock, so issues never run short. */
async function prepareFloorShop(db: Database, fromShopId: string, floorOwner: { shopId: string; userId: string }) {
  const ids = await db.query<{ from_id: string; id: string }>(
    `WITH source AS (SELECT id, name, code, unit, inbound_price, outbound_price FROM products WHERE shop_id = $1),
          copied AS (INSERT INTO products (shop_id, name, code, unit, inbound_price, outbound_price)
                     SELECT $2, name, code, unit, inbound_price, outbound_price FROM source RETURNING id, code)
     SELECT s.id AS from_id, c.id FROM source s JOIN copied c ON c.code = s.code`,
    [fromShopId, floorOwner.shopId],
  );
  const [point] = await db.query<{ id: string }>('SELECT id FROM stock_points WHERE shop_id = $1 AND is_default', [floorOwner.shopId]);
  await db.query(
    `INSERT INTO inventory_balances (shop_id, stock_point_id, product_id, quantity, avg_cost, total_cost)
     SELECT $1, $2, p.id, 100000, p.inbound_price, 100000 * p.inbound_price FROM products p WHERE p.shop_id = $1`,
    [floorOwner.shopId, point!.id],
  );
  return {
    floorProducts: new Map(ids.map((row) => [row.from_id, row.id])),
    floorShop: { shopId: floorOwner.shopId, userId: floorOwner.userId, stockPointId: point!.id },
  };
}

/** Seeded rows must look to the API exactly like posted ones: each running balance follows from the one before. */
async function checkSample(owner: HttpClient, products: Product[], hotRows: number) {
  for (const product of [products[0]!, products[1]!, products[products.length - 1]!]) {
    const [balance, ledger] = await Promise.all([
      owner.request<InventoryList>('GET', `/api/inventory?productId=${product.id}`),
      owner.request<List<LedgerEntry>>('GET', `/api/products/${product.id}/ledger?pageSize=50`),
    ]);
    const rows = ledger.body.items;
    const fail = (why: string) => {
      throw new Error(`seeded history of product ${product.id} is inconsistent: ${why}`);
    };
    if (rows[0]?.balanceQuantity !== balance.body.items[0]?.quantity) fail('balance differs from the last ledger row');
    rows.slice(0, -1).forEach((row, i) => {
      if (Number(row.balanceQuantity) !== Number(rows[i + 1]!.balanceQuantity) + Number(row.quantity)) fail(`running balance at row ${i}`);
      if ((Number(row.balanceQuantity) * Number(row.balanceAvgCost)).toFixed(2) !== row.balanceAmount) fail(`balance amount at row ${i}`);
    });
    if (product === products[0] && ledger.body.total !== hotRows) fail(`expected ${hotRows} rows, found ${ledger.body.total}`);
  }
}

async function postThroughHttp(owner: HttpClient, bill: BillSpec) {
  const response = await owner.request('POST', '/api/bills', {
    direction: bill.direction,
    billType: bill.direction === 'in' ? '采购入库' : '销售出库',
    billDate: bill.billDate,
    lines: bill.lines,
    confirm: true,
  });
  expectStatus('posting', response, 201);
}

function printTable(results: {
  freshPosting: FreshPosting;
  posting: { http: Record<string, RunFigures>; floor: Record<string, RunFigures>; ratio: Record<string, number> };
  warnings: WarningCost & { shareOfPosting: number };
  orders: OrderPlacement;
  backdated: { laterLedgerRows: number; ms: number };
  reports: Record<string, { firstMs: number; p50Ms: number; p95Ms: number }>;
  nightly: { products: number; ms: number };
  reportTotals: Record<'kept' | 'afterBackdating', { days: number; ms: number }>;
  refreshedForecasts: { products: number; ms: number };
  analytics: Record<string, { firstMs: number; p50Ms: number; p95Ms: number }>;
  verification: { ms: number; checkedLedgerRows: number } | null;
}) {
  const rows = freshRows(results.freshPosting);
  for (const key of ['concurrency1', 'concurrency16'] as const) {
    const http = results.posting.http[key]!;
    const floor = results.posting.floor[key]!;
    const c = http.concurrency;
    rows.push([`post 5-line bill, HTTP, c=${c}`, `${http.perSecond} bills/s`, `${http.p50Ms}`, `${http.p95Ms}`, `${http.p99Ms}`, '']);
    rows.push([`  floor (hand-written SQL), c=${c}`, `${floor.perSecond} bills/s`, `${floor.p50Ms}`, `${floor.p95Ms}`, `${floor.p99Ms}`, '']);
    const r = results.posting.ratio[key]!;
    rows.push([`  HTTP / floor, c=${c}`, `${Math.round(r * 100)} %`, '', '', '', `≥ 60 % ${r >= 0.6 ? 'met' : 'MISSED'}`]);
  }
  for (const figures of [results.orders.concurrency1, results.orders.concurrency64]) {
    rows.push([`place order, one hot item, c=${figures.concurrency}`, `${figures.perSecond} orders/s`, `${figures.p50Ms}`, `${figures.p95Ms}`, `${figures.p99Ms}`, '']);
  }
  const w = results.warnings;
  const share = Math.round(w.shareOfPosting * 1000) / 10;
  rows.push([`stock warnings judged per posting`, `${w.msPerPosting} ms`, '', '', '', `${share} % of c=1 posting, ≤ 10 % ${share <= 10 ? 'met' : 'MISSED'}`]);
  rows.push([`daily warning check, whole shop`, `${w.dailyCheckMs} ms`, '', '', '', '']);
  const b = results.backdated;
  rows.push([`backdated bill, ${b.laterLedgerRows.toLocaleString()} later rows`, `${b.ms} ms`, '', '', '', `< 2000 ms ${b.ms < 2000 ? 'met' : 'MISSED'}`]);
  for (const [name, figures] of Object.entries(results.reports)) {
    const goal = name === 'dashboard' ? '' : `< 100 ms ${figures.p95Ms < 100 ? 'met' : 'MISSED'}`;
    rows.push([`report: ${name}`, `first ${figures.firstMs} ms`, `${figures.p50Ms}`, `${figures.p95Ms}`, '', goal]);
  }
  const n = results.nightly;
  rows.push([`nightly forecasts, ${n.products.toLocaleString()} products`, `${(n.ms / 1000).toFixed(1)} s`, '', '', '', `< 60 s ${n.ms < 60_000 ? 'met' : 'MISSED'}`]);
  const { kept, afterBackdating } = results.reportTotals;
  rows.push([`report totals kept, ${kept.days.toLocaleString()} days`, `${(kept.ms / 1000).toFixed(1)} s`, '', '', '', '']);
  rows.push([`  kept again after the backdated bill, ${afterBackdating.days.toLocaleString()} days`, `${(afterBackdating.ms / 1000).toFixed(1)} s`, '', '', '', '']);
  const refreshed = results.refreshedForecasts;
  rows.push([`stale forecasts learnt again after it, ${refreshed.products} products`, `${refreshed.ms} ms`, '', '', '', '']);
  for (const [name, figures] of Object.entries(results.analytics)) {
    rows.push([`report: ${name}`, `first ${figures.firstMs} ms`, `${figures.p50Ms}`, `${figures.p95Ms}`, '', `< 200 ms ${figures.p95Ms < 200 ? 'met' : 'MISSED'}`]);
  }
  if (results.verification) {
    rows.push([`verify whole shop (${results.verification.checkedLedgerRows.toLocaleString()} rows)`, `${results.verification.ms} ms`, '', '', '', 'no drift']);
  }
  printRows(rows);
}

/** Posting on the fresh database next to the reference floor, whose ratio is the goal. */
function freshRows(fresh: FreshPosting): string[][] {
  const rows: string[][] = [['measure', 'result', 'p50 ms', 'p95 ms', 'p99 ms', 'goal']];
  for (const key of ['concurrency1', 'concurrency8'] as const) {
    const http = fresh.http[key];
    const floor = fresh.floor[key];
    rows.push([`fresh database: post 5-line bill, HTTP, c=${http.concurrency}`, `${http.perSecond} bills/s`, `${http.p50Ms}`, `${http.p95Ms}`, `${http.p99Ms}`, '']);
    const cpu = fresh.cpuPerBill[key];
    rows.push([`  CPU per bill: server / database / load generator`, `${cpu.server} / ${cpu.database} / ${cpu.bench} ms`, '', '', '', '']);
    rows.push([`  reference floor, c=${floor.concurrency}`, `${floor.billsPerSec} bills/s`, '', '', '', '']);
    const r = fresh.ratio[key];
    rows.push([`  HTTP / reference floor`, `${Math.round(r * 100)} %`, '', '', '', `≥ 70 % ${r >= 0.7 ? 'met' : 'MISSED'}`]);
  }
  return rows;
}

function printRows(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  console.log(`\nXiaocang bench on ${databaseLabel}`);
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
    if (index === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  await server?.stop();
  await cleanUp();
  process.exitCode = 1;
}
