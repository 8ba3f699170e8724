import { performance } from 'node:perf_hooks';

export interface BillSpec {
  direction: 'in' | 'out';
  billDate: string;
  lines: Array<{ productId: string; quantity: number; unitPrice: string }>;
}

export interface Product {
  id: string;
  inboundPrice: string;
  outboundPrice: string;
}

/**
 * 5-line bills over distinct products, receipts and issues alternating; a fixed seed, so the HTTP
 * run and the floor write the same set. Issues take 1, receipts bring 2: stock never runs out.
 */
export function makeBills(products: readonly Product[], count: number, billDate: string, seed = 1): BillSpec[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return Array.from({ length: count }, (_, index) => {
    const direction = index % 2 === 0 ? 'in' : 'out';
    const picked = new Set<Product>();
    while (picked.size < 5) picked.add(products[Math.floor(random() * products.length)]!);
    return {
      direction,
      billDate,
      lines: [...picked].map((product) => ({
        productId: product.id,
        quantity: direction === 'in' ? 2 : 1,
        unitPrice: direction === 'in' ? product.inboundPrice : product.outboundPrice,
      })),
    };
  });
}

export interface RunFigures {
  count: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)]!;
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

/** Runs every task with `concurrency` workers pulling from one queue; times each task and the whole. */
export async function runConcurrently<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        const t0 = performance.now();
        await task(items[index]!, index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: items.length,
    concurrency,
    seconds: round(seconds, 2),
    perSecond: round(items.length / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
  };
}

/** Latency of one request repeated: the first (cold) call apart, then p50/p95 of the rest. */
export async function timeRepeated(times: number, task: () => Promise<void>): Promise<{ firstMs: number; p50Ms: number; p95Ms: number }> {
  const latencies: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await task();
    latencies.push(performance.now() - t0);
  }
  const [first = 0, ...rest] = latencies;
  rest.sort((a, b) => a - b);
  return { firstMs: round(first), p50Ms: round(percentile(rest, 50)), p95Ms: round(percentile(rest, 95)) };
}
