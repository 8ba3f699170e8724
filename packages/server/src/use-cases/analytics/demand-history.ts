import { addDays, buildDailySeries, shopWeekdayProfile, type DailySeries, type DayMovement, type PooledParams } from '@xiaocang/analytics';
import { figureRole, formatMoney, moneyText, moneyUnits } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

/** A year of days is what the methods need for a weekly pattern and a backtest; older days add little. */
const HISTORY_DAYS = 365;

type PointDay = { date: string; point: string; sold: string; cost: string; closing: string };

/** A ledger row of a standing sale ($5: the shop's sale types). */
const SOLD = `l.direction = 'out' AND l.bill_kind = 'normal' AND b.status = 'confirmed' AND b.bill_type = ANY($5::text[])`;

/** Per-stock-point days as the product's days: sales added up, each point's last closing stock carried forward. */
function productDays(rows: PointDay[], opening: Map<string, number>): DayMovement[] {
  const closing = new Map(opening);
  const days: DayMovement[] = [];
  for (const row of rows) {
    closing.set(row.point, Number(row.closing));
    const total = [...closing.values()].reduce((sum, quantity) => sum + quantity, 0);
    const last = days.at(-1);
    if (last?.date === row.date) {
      last.sold += Number(row.sold);
      last.closingStock = total;
    } else {
      days.push({ date: row.date, sold: Number(row.sold), closingStock: total });
    }
  }
  return days;
}

/** The shop's outbound types that are sales, by the figures' rule (a type the shop added is read by its words). */
export async function saleTypesOf(db: Queryable, shopId: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(`SELECT name FROM shop_options WHERE shop_id = $1 AND kind = 'outboundType'`, [shopId]);
  return rows.map((row) => row.name).filter((type) => figureRole('out', type) === 'sale');
}

/** A product's demand over a window, and what its sales in it cost the shop. */
export interface ProductHistory {
  /** Daily demand from the window's start (or the product's first movement, if later) to its end; null when it had not moved by then. */
  series: DailySeries | null;
  /** Cost of goods sold: what the ledger charged the window's standing sales (exact, 2 places). */
  soldCost: string;
}

/**
 * Products' daily demand series over the days `from`–`to`, in one query for all of them (every product of the
 * shop when `productIds` is null): each product's ledger rows of the window are one index range, and the stock
 * it held when the window starts is the last row before it.
 */
export async function demandHistories(
  db: Queryable,
  shopId: string,
  { productIds, stockPointId, saleTypes, from, to }: { productIds: string[] | null; stockPointId?: string | undefined; saleTypes: string[]; from: string; to: string },
): Promise<Map<string, ProductHistory>> {
  const rows = await db.query<{ product_id: string; first_date: string | null; opening: Array<{ point: string; quantity: string }> | null; days: PointDay[] | null }>(
    `SELECT p.id::text AS product_id,
            (SELECT min(bill_date)::text FROM stock_ledger WHERE shop_id = $1 AND product_id = p.id AND ($4::bigint IS NULL OR stock_point_id = $4)) AS first_date,
            -- Each stock point's stock when the window starts.
            (SELECT json_agg(json_build_object('point', o.stock_point_id::text, 'quantity', o.balance_quantity::text)) FROM (
               SELECT DISTINCT ON (stock_point_id) stock_point_id, balance_quantity FROM stock_ledger
                WHERE shop_id = $1 AND product_id = p.id AND bill_date < $3::date AND ($4::bigint IS NULL OR stock_point_id = $4)
                ORDER BY stock_point_id, bill_date DESC, posting_seq DESC, line_no DESC) o) AS opening,
            -- Per day and stock point: what standing sales took (a reversed sale and its reversal count as nothing), what they cost, and the closing stock.
            (SELECT json_agg(d ORDER BY d.date, d.point) FROM (
               SELECT l.bill_date::text AS date, l.stock_point_id::text AS point,
                      sum(CASE WHEN ${SOLD} THEN abs(l.quantity) ELSE 0 END)::text AS sold,
                      sum(CASE WHEN ${SOLD} THEN -l.cost_amount ELSE 0 END)::text AS cost,
                      (array_agg(l.balance_quantity ORDER BY l.posting_seq DESC, l.line_no DESC))[1]::text AS closing
                 FROM stock_ledger l JOIN stock_bills b ON b.shop_id = l.shop_id AND b.id = l.bill_id
                WHERE l.shop_id = $1 AND l.product_id = p.id AND l.bill_date >= $3::date AND l.bill_date <= $6::date AND ($4::bigint IS NULL OR l.stock_point_id = $4)
                GROUP BY l.bill_date, l.stock_point_id) d) AS days
       FROM products p
      WHERE p.shop_id = $1 AND ($2::bigint[] IS NULL OR p.id = ANY($2::bigint[]))`,
    [shopId, productIds, from, stockPointId ?? null, saleTypes, to],
  );
  const histories = new Map<string, ProductHistory>();
  for (const row of rows) {
    const days = row.days ?? [];
    const soldCost = moneyText(days.reduce((total, day) => total + moneyUnits(formatMoney(day.cost)), 0n));
    const firstDate = row.first_date;
    if (!firstDate || firstDate > to) {
      histories.set(row.product_id, { series: null, soldCost });
      continue;
    }
    // A product first moved within the window is learned from its first day, with nothing in stock before it.
    const start = firstDate > from ? firstDate : from;
    const opening = new Map((row.opening ?? []).map((point) => [point.point, Number(point.quantity)]));
    const series = buildDailySeries({ from: start, to, openingStock: [...opening.values()].reduce((a, b) => a + b, 0), days: productDays(days, opening) });
    histories.set(row.product_id, { series, soldCost });
  }
  return histories;
}

/** The last year up to yesterday: today is not over, so its sales so far would read as a slow day. */
export function historyWindow(today: string): { from: string; to: string } {
  const to = addDays(today, -1);
  return { from: addDays(to, -(HISTORY_DAYS - 1)), to };
}

/** Weeks of every product's history the shop's weekly profile is pooled from (the weekly methods' own window). */
const PROFILE_WEEKS = 16;

/**
 * The shop's weekly profile (`shopWeekdayProfile`): every product's last 16 weeks up to yesterday, pooled, for
 * the weekly methods of a product too slow to show its own week; null when too few products sold through them.
 */
export async function pooledWeekdays(db: Queryable, shopId: string, saleTypes: string[], today: string): Promise<number[] | null> {
  const to = addDays(today, -1);
  const histories = await demandHistories(db, shopId, { productIds: null, saleTypes, from: addDays(to, -(7 * PROFILE_WEEKS - 1)), to });
  return shopWeekdayProfile([...histories.values()].flatMap((history) => (history.series ? [history.series] : [])));
}

/** What a product's forecast takes from the whole shop: its weekly profile and its parameters per demand class. */
export interface ShopPooling {
  weekdayProfile: number[] | null;
  pooledParams: PooledParams | null;
}

/** Keeps what the nightly pass pooled from the history up to `madeFor`. */
export async function keepPooling(db: Queryable, shopId: string, madeFor: string, { weekdayProfile, pooledParams }: ShopPooling): Promise<void> {
  await db.query(
    `INSERT INTO shop_weekday_profiles (shop_id, made_for, profile, params) VALUES ($1, $2, $3, $4)
     ON CONFLICT (shop_id) DO UPDATE SET made_for = EXCLUDED.made_for, profile = EXCLUDED.profile, params = EXCLUDED.params`,
    [shopId, madeFor, JSON.stringify(weekdayProfile), JSON.stringify(pooledParams)],
  );
}

/**
 * What forecasts learnt today take from the shop: the nightly pass's, pooled up to yesterday. Before that pass
 * has run, the profile is pooled now (reading every product's 16 weeks, seconds on a large shop) and there are
 * no pooled parameters (pooling them backtests every product of the year, a whole pass): each product is then
 * fitted alone, as the pass's fallback for a class with too few products. A late bill does not make the kept
 * ones stale: one product's few days barely move what is pooled from all of them, and the nightly forecasts
 * learnt with it too.
 */
export async function shopPooling(db: Queryable, shopId: string, saleTypes: string[], today: string): Promise<ShopPooling> {
  const [kept] = await db.query<{ profile: number[] | null; params: PooledParams | null }>(
    'SELECT profile, params FROM shop_weekday_profiles WHERE shop_id = $1 AND made_for = $2::date',
    [shopId, addDays(today, -1)],
  );
  return kept ? { weekdayProfile: kept.profile, pooledParams: kept.params } : { weekdayProfile: await pooledWeekdays(db, shopId, saleTypes, today), pooledParams: null };
}

/** A product's daily demand series over the last year up to yesterday, or null when it had not moved before today. */
export async function demandHistory(
  db: Queryable,
  shopId: string,
  { productId, stockPointId, saleTypes, today }: { productId: string; stockPointId?: string | undefined; saleTypes: string[]; today: string },
): Promise<DailySeries | null> {
  const histories = await demandHistories(db, shopId, { productIds: [productId], stockPointId, saleTypes, ...historyWindow(today) });
  return histories.get(productId)?.series ?? null;
}
