import { effectiveWarningRules, heldRateAndAgeWarnings, type WarningKind, type WarningRules, type WarningValues } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notifyWarnings } from './notify-warnings.ts';
import { loadRuleRows, overrideOf } from './rule-rows.ts';

const DAILY_KINDS: WarningKind[] = ['lowCover', 'spike', 'stale'];

interface MovementRow {
  product_id: string;
  name: string;
  unit: string;
  category_id: string | null;
  quantity: string;
  window_outbound: string;
  week_outbound: string;
  prior_outbound: string;
  days_since_outbound: number | null;
  days_since_first: number;
}

/**
 * Each enabled product's movement up to `today` (the shop's day) for an outbound-rate window of `windowDays`.
 * Outbound is what left by bills of the shop's own (transfers and stocktakes aside), less what reversals brought back.
 */
async function movements(db: Queryable, shopId: string, today: string, windowDays: number): Promise<MovementRow[]> {
  return db.query<MovementRow>(
    `WITH outbound AS (
       -- The ledger's quantities are signed changes of stock: what went out is negative.
       SELECT product_id, bill_date, bill_kind, -quantity AS quantity
         FROM stock_ledger WHERE shop_id = $1 AND direction = 'out' AND bill_kind IN ('normal', 'reversal') AND bill_date <= $2::date),
     totals AS (
       SELECT product_id,
              sum(quantity) FILTER (WHERE bill_date > $2::date - $3::int) AS window_outbound,
              sum(quantity) FILTER (WHERE bill_date > $2::date - 7) AS week_outbound,
              sum(quantity) FILTER (WHERE bill_date > $2::date - 35 AND bill_date <= $2::date - 7) AS prior_outbound,
              max(bill_date) FILTER (WHERE bill_kind = 'normal') AS last_outbound
         FROM outbound GROUP BY product_id),
     arrived AS (SELECT product_id, min(bill_date) AS first_date FROM stock_ledger WHERE shop_id = $1 AND bill_date <= $2::date GROUP BY product_id)
     SELECT p.id::text AS product_id, p.name, p.unit, p.category_id::text,
            COALESCE((SELECT sum(b.quantity) FROM inventory_balances b WHERE b.shop_id = p.shop_id AND b.product_id = p.id), 0)::text AS quantity,
            COALESCE(t.window_outbound, 0)::text AS window_outbound, COALESCE(t.week_outbound, 0)::text AS week_outbound,
            COALESCE(t.prior_outbound, 0)::text AS prior_outbound,
            ($2::date - t.last_outbound) AS days_since_outbound, ($2::date - a.first_date) AS days_since_first
       FROM products p JOIN arrived a ON a.product_id = p.id LEFT JOIN totals t ON t.product_id = p.id
      WHERE p.shop_id = $1 AND p.is_enabled
      -- Warnings are raised, and their notices written, in the products' order: the same every day.
      ORDER BY p.id`,
    [shopId, today, windowDays],
  );
}

/**
 * The once-a-day judgement of the rate and age warnings (which change with the calendar, not only with
 * postings) for every product of a shop: each that starts to hold is raised once and its recipients told,
 * each that stopped is resolved. `today` is the shop's day, so a test can set the clock.
 */
export async function checkDailyWarnings(db: Queryable, shopId: string, today: string): Promise<{ raised: number; resolved: number }> {
  const rules = await loadRuleRows(db, shopId);
  const shopRules = overrideOf(rules.get('shop:0'));
  const rulesOf = (row: { product_id: string; category_id: string | null }): WarningRules =>
    effectiveWarningRules(shopRules, overrideOf(rules.get(`category:${row.category_id}`)), overrideOf(rules.get(`product:${row.product_id}`)));
  // Products are read once per rate window in use (most shops have one).
  const shopWindow = effectiveWarningRules(shopRules).rateWindowDays;
  const base = await movements(db, shopId, today, shopWindow);
  const otherWindows = new Map<number, Map<string, MovementRow>>();
  for (const window of new Set(base.map((row) => rulesOf(row).rateWindowDays))) {
    if (window !== shopWindow) otherWindows.set(window, new Map((await movements(db, shopId, today, window)).map((row) => [row.product_id, row])));
  }
  const held: Array<{ productId: string; name: string; unit: string; kind: WarningKind; values: WarningValues }> = [];
  for (const row of base) {
    const productRules = rulesOf(row);
    const moved = otherWindows.get(productRules.rateWindowDays)?.get(row.product_id) ?? row;
    const found = heldRateAndAgeWarnings(
      {
        quantity: moved.quantity,
        windowOutbound: moved.window_outbound,
        weekOutbound: moved.week_outbound,
        priorOutbound: moved.prior_outbound,
        daysSinceOutbound: moved.days_since_outbound,
        daysSinceFirstMovement: moved.days_since_first,
      },
      productRules,
    );
    for (const [kind, values] of found) held.push({ productId: row.product_id, name: row.name, unit: row.unit, kind, values });
  }
  const resolved = await db.query(
    `UPDATE warning_events e SET resolved_at = now(),
            resolved_values = jsonb_build_object('stockQuantity', (SELECT COALESCE(sum(b.quantity), 0)::text FROM inventory_balances b WHERE b.shop_id = e.shop_id AND b.product_id = e.product_id))
      WHERE e.shop_id = $1 AND e.resolved_at IS NULL AND e.kind = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM unnest($3::bigint[], $4::text[]) AS h(product_id, kind) WHERE h.product_id = e.product_id AND h.kind = e.kind)
      RETURNING e.id`,
    [shopId, DAILY_KINDS, held.map((warning) => warning.productId), held.map((warning) => warning.kind)],
  );
  const raised = await db.query<{ id: string; product_id: string; kind: WarningKind }>(
    `INSERT INTO warning_events (shop_id, product_id, kind, raised_values)
     SELECT $1, h.product_id, h.kind, h.raised_values FROM unnest($2::bigint[], $3::text[], $4::jsonb[]) AS h(product_id, kind, raised_values)
     ON CONFLICT (shop_id, product_id, kind) WHERE resolved_at IS NULL DO NOTHING
     RETURNING id::text, product_id::text, kind`,
    [shopId, held.map((warning) => warning.productId), held.map((warning) => warning.kind), held.map((warning) => JSON.stringify(warning.values))],
  );
  await notifyWarnings(
    db,
    shopId,
    raised.map((row) => {
      const warning = held.find((candidate) => candidate.productId === row.product_id && candidate.kind === row.kind)!;
      return { id: row.id, kind: row.kind, productName: warning.name, unit: warning.unit, values: warning.values };
    }),
  );
  return { raised: raised.length, resolved: resolved.length };
}

