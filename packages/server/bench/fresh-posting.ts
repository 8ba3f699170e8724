import type { Product } from '@xiaocang/contracts';
import { shopDay } from '@xiaocang/domain';
import { cpuTime, perBill, type CpuTime } from './cpu-time.ts';
import { registerOwner, type HttpClient } from './http.ts';
import { runReferenceFloor, type ReferenceFloor } from './reference-floor.ts';
import { runConcurrently, type RunFigures } from './workload.ts';

/** As the reference floor posts: 200 products, 5-line bills. */
const PRODUCTS = 200;
const LINES = 5;

export interface FreshPosting {
  bills: number;
  http: { concurrency1: RunFigures; concurrency8: RunFigures };
  /** Where the API's time goes: CPU ms per bill of the server, its database backends and the load generator. */
  cpuPerBill: { concurrency1: CpuTime; concurrency8: CpuTime };
  floor: { concurrency1: ReferenceFloor; concurrency8: ReferenceFloor };
  ratio: { concurrency1: number; concurrency8: number };
}

/**
 * Posting through HTTP on a database as a new user has it (created minutes ago: no statistics, nothing
 * cached), next to the reference floor run in the same minutes. The bills are the floor's own: bill i is a
 * receipt when i is a multiple of 3, otherwise an issue, over the same products, quantities and prices.
 * On PGlite the floor always posts one bill at a time; the API's concurrency 8 is compared with it.
 */
export async function measureFreshPosting(
  server: { url: string; pid: number | undefined },
  bills: number,
  databaseUrl: string | undefined,
  log: (message: string) => void,
): Promise<FreshPosting> {
  const owner = await registerOwner(server.url, '新店');
  const products = await createProducts(owner);
  await postOpeningStock(owner, products);
  log(`fresh shop ${owner.shopId}: ${PRODUCTS} products and their opening stock created through HTTP`);

  const today = shopDay(new Date());
  const post = (first: number) => async (_: unknown, index: number) => {
    const response = await owner.request('POST', '/api/bills', floorBill(first + index, products, today));
    if (response.status !== 201) throw new Error(`posting: expected 201, got ${response.status} ${JSON.stringify(response.body)}`);
  };
  const backend = databaseUrl ? 'pg' : 'pglite';
  const slots = Array.from({ length: bills });
  const databaseName = databaseUrl && new URL(databaseUrl).pathname.slice(1);
  const measured = async (concurrency: number, first: number) => {
    const before = cpuTime(server.pid, databaseName);
    const figures = await runConcurrently(slots, concurrency, post(first));
    return { figures, cpu: perBill(before, cpuTime(server.pid, databaseName), bills) };
  };
  const { figures: http1, cpu: cpu1 } = await measured(1, 0);
  const floor1 = await runReferenceFloor(backend, bills, 1, databaseUrl);
  log(`fresh database, concurrency 1: HTTP ${http1.perSecond} bills/s, reference floor ${floor1.billsPerSec} bills/s`);
  const { figures: http8, cpu: cpu8 } = await measured(8, bills);
  const floor8 = await runReferenceFloor(backend, bills, 8, databaseUrl);
  log(`fresh database, concurrency 8: HTTP ${http8.perSecond} bills/s, reference floor ${floor8.billsPerSec} bills/s (concurrency ${floor8.concurrency})`);
  const ratio = (http: RunFigures, floor: ReferenceFloor) => Math.round((http.perSecond / floor.billsPerSec) * 100) / 100;
  return {
    bills,
    http: { concurrency1: http1, concurrency8: http8 },
    cpuPerBill: { concurrency1: cpu1, concurrency8: cpu8 },
    floor: { concurrency1: floor1, concurrency8: floor8 },
    ratio: { concurrency1: ratio(http1, floor1), concurrency8: ratio(http8, floor8) },
  };
}

async function createProducts(owner: HttpClient): Promise<string[]> {
  const ids: string[] = new Array(PRODUCTS);
  await runConcurrently(Array.from({ length: PRODUCTS }), 4, async (_, index) => {
    const code = `F${String(index + 1).padStart(4, '0')}`;
    const created = await owner.request<Product>('POST', '/api/products', { name: `新品${code}`, code, unit: '个', inboundPrice: '10.00', outboundPrice: '10.00' });
    if (created.status !== 201) throw new Error(`product: ${created.status} ${JSON.stringify(created.body)}`);
    ids[index] = created.body.id;
  });
  return ids;
}

/** The first purchase: 10,000 of each product, far more than the issues below take. */
async function postOpeningStock(owner: HttpClient, products: readonly string[]): Promise<void> {
  for (let start = 0; start < products.length; start += 50) {
    const lines = products.slice(start, start + 50).map((productId) => ({ productId, quantity: 10_000, unitPrice: '5.00' }));
    const response = await owner.request('POST', '/api/bills', { direction: 'in', billType: '采购入库', billDate: shopDay(new Date()), lines, confirm: true });
    if (response.status !== 201) throw new Error(`opening stock: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** The reference floor's bill i, in the API's words. */
function floorBill(i: number, products: readonly string[], billDate: string) {
  const picked = new Set<number>();
  while (picked.size < LINES) picked.add(1 + ((i * 7919 + picked.size * 104729) % PRODUCTS));
  const direction = i % 3 === 0 ? 'in' : 'out';
  return {
    direction,
    billType: direction === 'in' ? '采购入库' : '销售出库',
    billDate,
    lines: [...picked].sort((a, b) => a - b).map((p, n) => ({ productId: products[p - 1]!, quantity: 1 + ((i + n) % 5), unitPrice: '10.00' })),
    confirm: true,
  };
}
