import { addDays, classifyAbc, daysBetween, MIN_DEMAND_DAYS, MIN_OBSERVED_DAYS } from '@xiaocang/analytics';
import type { Classification, ClassificationQuery, ClassifiedProduct } from '@xiaocang/contracts';
import { can, dec, formatMoney, moneyText, moneyToFen, moneyUnits, shopDay, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, invalid } from '../../errors.ts';
import { demandHistories, historyWindow, saleTypesOf } from './demand-history.ts';
import { classificationOf, keptClassifications } from './kept-forecasts.ts';

/** Three years: older demand says little of today's, and the window is read day by day. */
export const CLASSIFICATION_MAX_DAYS = 1096;

/** A share in percent, to 2 places by the books' rounding rule (half away from zero). */
const percent = (part: bigint, whole: bigint) => (whole > 0n ? formatMoney(dec(part.toString()).times(100).dividedBy(whole.toString())) : '0.00');
const ratio = (x: number | null) => (x === null ? null : x.toFixed(2));

/**
 * 商品分类: each product's cost of goods sold over the window, ranked into A, B and C by its cumulative share
 * (cut-offs `a`/`b` percent), and its demand class by the SBC split of the window's daily sales (out-of-stock days
 * without a sale left out). One read of the ledger for all the shop's products.
 */
export async function getClassification(db: Queryable, actor: Actor, query: ClassificationQuery): Promise<Classification> {
  // Cost of goods sold is the owner's figure, like the forecasts built from the same history.
  if (!can(actor, 'viewSalesReports')) throw forbidden('Product classification is for the owner');
  const today = shopDay(new Date());
  const to = query.to ?? historyWindow(today).to;
  const from = query.from ?? (query.to ? addDays(to, -364) : historyWindow(today).from);
  if (to > today) throw invalid('to', `must not be after today (${today})`);
  if (from > to) throw invalid('to', 'must not be before from');
  if (daysBetween(from, to) + 1 > CLASSIFICATION_MAX_DAYS) throw invalid('from', `the window is at most ${CLASSIFICATION_MAX_DAYS} days (3 years)`);

  const products = await db.query<{ id: string; name: string; code: string | null; unit: string; is_enabled: boolean }>(
    'SELECT id::text, name, code, unit, is_enabled FROM products WHERE shop_id = $1',
    [actor.shopId],
  );
  // The default window is the nightly pass's year: its figures are read where still true, the rest from the ledger.
  const kept = query.from || query.to ? new Map() : await keptClassifications(db, actor.shopId, today);
  const unkept = products.filter((product) => !kept.has(product.id)).map((product) => product.id);
  const histories = unkept.length
    ? await demandHistories(db, actor.shopId, { productIds: kept.size ? unkept : null, saleTypes: await saleTypesOf(db, actor.shopId), from, to })
    : new Map();
  const classified = products.flatMap((product) => {
    const figures = kept.get(product.id) ?? classificationOf(histories.get(product.id));
    const soldCost = moneyUnits(figures.soldCost);
    const demand = figures.demand;
    // A product switched off that did not sell in the window is of no interest here.
    if (!product.is_enabled && soldCost === 0n && demand.demandDays === 0) return [];
    return [{ product, soldCost, demand }];
  });
  const byId = new Map(classified.map((entry) => [entry.product.id, entry]));
  // Ranked in 分, whole numbers, so the cumulative shares compare with the cut-offs exactly.
  const ranked = classifyAbc(
    classified.map((entry) => ({ productId: entry.product.id, value: moneyToFen(moneyText(entry.soldCost)) })),
    { a: query.a / 100, b: (query.a + query.b) / 100 },
  );
  const total = classified.reduce((sum, entry) => sum + entry.soldCost, 0n);
  let cumulative = 0n;
  const items: ClassifiedProduct[] = ranked.map((row) => {
    const { product, soldCost, demand } = byId.get(row.productId)!;
    cumulative += soldCost;
    return {
      productId: product.id,
      productName: product.name,
      code: product.code ?? '',
      unit: product.unit,
      rank: row.rank,
      costAmount: moneyText(soldCost),
      sharePercent: percent(soldCost, total),
      cumulativePercent: percent(cumulative, total),
      abc: row.abc,
      demandClass: demand.verdict,
      adi: ratio(demand.adi),
      cv2: ratio(demand.cv2),
      observedDays: demand.observedDays,
      demandDays: demand.demandDays,
    };
  });
  const classes = (['A', 'B', 'C'] as const).map((abc) => {
    const members = items.filter((item) => item.abc === abc);
    const cost = members.reduce((sum, item) => sum + moneyUnits(item.costAmount), 0n);
    return { abc, productCount: members.length, costAmount: moneyText(cost), sharePercent: percent(cost, total) };
  });
  return { from, to, a: query.a, b: query.b, minObservedDays: MIN_OBSERVED_DAYS, minDemandDays: MIN_DEMAND_DAYS, costAmount: moneyText(total), classes, items };
}
