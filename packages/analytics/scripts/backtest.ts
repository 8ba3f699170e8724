/**
 * `npm run backtest`: the seeded synthetic shop, the rolling-origin evaluation of every method and of the
 * per-item choice, the replenishment policy replayed, and the time the nightly forecast of 2,000 products
 * takes on one core. Knobs: BACKTEST_ITEMS (400), BACKTEST_DAYS (364), BACKTEST_SEED (20250106),
 * BACKTEST_TIMING_ITEMS (2000; 0 skips the timing).
 */
import { performance } from 'node:perf_hooks';
import { backtestItem, DEFAULT_BACKTEST, EVALUATED, forecastProduct, generateItems, ParamPool, seriesOf, shopParams, shopProfiles, shopWeekdayProfile, summarise, type BacktestSummary, type ItemResult, type MethodSummary } from '../src/index.ts';

const env = process.env;
const items = Number(env.BACKTEST_ITEMS ?? 400);
const days = Number(env.BACKTEST_DAYS ?? 364);
const seed = Number(env.BACKTEST_SEED ?? 20250106);
const timingItems = Number(env.BACKTEST_TIMING_ITEMS ?? 2000);

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f3 = (x: number) => x.toFixed(3);

function table(title: string, rows: Record<string, MethodSummary>): string {
  const ses = rows.ses?.rmsseMean ?? NaN;
  const snaive = rows.snaive?.rmsseMean ?? NaN;
  const lines = [
    `\n${title}`,
    '| method | items | RMSSE vs μ | weighted | vs SES | vs sNaive | RMSSE vs sales | MASE vs μ | bias | beats sNaive |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const m of EVALUATED) {
    const r = rows[m];
    if (r === undefined || r.items === 0) continue;
    const rel = (base: number) => `${r.rmsseMean <= base ? '−' : '+'}${(Math.abs(1 - r.rmsseMean / base) * 100).toFixed(1)} %`;
    lines.push(`| ${m} | ${r.items} | ${f3(r.rmsseMean)} | ${f3(r.rmsseMeanWeighted)} | ${rel(ses)} | ${rel(snaive)} | ${f3(r.rmsseSales)} | ${f3(r.maseMean)} | ${r.biasMean >= 0 ? '+' : ''}${f3(r.biasMean)} | ${pct(r.beatsSnaive)} |`);
  }
  return lines.join('\n');
}

function report(s: BacktestSummary): string {
  const out = [`${s.items} items scored (${items} generated, ${days} days, seed ${seed}); origins from day ${DEFAULT_BACKTEST.minTrain}, every ${DEFAULT_BACKTEST.step} days, horizons 1–${DEFAULT_BACKTEST.horizon}`];
  out.push(table('All items (RMSSE: mean over items; μ = the generator\'s true daily mean)', s.byMethod));
  for (const [c, rows] of Object.entries(s.byClass)) out.push(table(`${c} (${rows.ses.items} items)`, rows));
  const total = Object.values(s.chosen).reduce((a, b) => a + b, 0);
  out.push(`\nauto chose: ${Object.entries(s.chosen).sort((a, b) => b[1] - a[1]).map(([m, k]) => `${m} ${pct(k / total)}`).join(', ')}`);
  const auto = s.byMethod.auto;
  const goal = (name: string, value: number, target: number) => `${name}: ${pct(value)} (goal ≥ ${pct(target)}) ${value >= target ? 'met' : 'MISSED'}`;
  out.push('\nGoals (RMSSE against the true mean, all items)');
  out.push(`- ${goal('better than tuned SES', 1 - auto.rmsseMean / s.byMethod.ses.rmsseMean, 0.25)}`);
  out.push(`- ${goal('better than seasonal naive', 1 - auto.rmsseMean / s.byMethod.snaive.rmsseMean, 0.5)}`);
  for (const [c, rows] of Object.entries(s.byClass)) {
    out.push(`- ${c}: auto ${f3(rows.auto.rmsseMean)} vs SES ${f3(rows.ses.rmsseMean)} ${rows.auto.rmsseMean <= rows.ses.rmsseMean ? 'not worse' : 'WORSE'}`);
  }
  const r = s.replay;
  out.push('\nReplenishment replayed (continuous review, order-up-to, lost sales, random lead times)');
  out.push(`- cycle service level ${pct(r.cycleServiceLevel)} against a target of ${pct(r.target)} (${r.cycles} cycles): ${Math.abs(r.cycleServiceLevel - r.target) <= 0.02 ? 'within 2 points' : 'OUTSIDE 2 points'}`);
  out.push(`- fill rate ${pct(r.fillRate)}; stock-out days ${r.stockoutDaysPerItemYear.toFixed(1)} per item-year; average stock ${r.averageStockDays.toFixed(1)} days of demand`);
  out.push('\n| class | cycles | cycle service level | fill rate | stock-out days / item-year | average stock (days) |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [c, x] of Object.entries(s.replayByClass)) {
    out.push(`| ${c} | ${x.cycles} | ${pct(x.cycleServiceLevel)} | ${pct(x.fillRate)} | ${x.stockoutDaysPerItemYear.toFixed(1)} | ${x.averageStockDays.toFixed(1)} |`);
  }
  return out.join('\n');
}

const t0 = performance.now();
const shop = generateItems({ seed, items, days });
const profileAt = shopProfiles(shop);
const paramsAt = shopParams(shop, profileAt);
const results: ItemResult[] = [];
for (const item of shop) {
  const r = backtestItem(item, DEFAULT_BACKTEST, profileAt, paramsAt);
  if (r !== null) results.push(r);
}
const elapsed = (performance.now() - t0) / 1000;
console.log(report(summarise(results)));
console.log(`\nbacktest took ${elapsed.toFixed(1)} s`);

if (timingItems > 0) {
  const nightly = generateItems({ seed: seed + 1, items: timingItems, days });
  const series = nightly.map((item) => seriesOf(item));
  const start = performance.now();
  const weekdayProfile = shopWeekdayProfile(series);
  const pool = new ParamPool();
  for (const s of series) pool.add(s, weekdayProfile);
  const pooledParams = pool.params();
  let ok = 0;
  for (const s of series) if (forecastProduct(s, { weekdayProfile, pooledParams }).status === 'ok') ok++;
  const seconds = (performance.now() - start) / 1000;
  console.log(`nightly forecast of ${timingItems} products × ${days} days: ${seconds.toFixed(1)} s on one core (${ok} with a chosen method; budget 60 s)`);
}
