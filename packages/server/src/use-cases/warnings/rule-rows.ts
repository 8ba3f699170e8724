import type { WarningRuleOverride } from '@xiaocang/domain';
import { formatQuantity } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

export interface RuleRow {
  scope: 'shop' | 'category' | 'product';
  scope_id: string;
  low_stock_threshold: string | null;
  cover_days: number | null;
  rate_window_days: number | null;
  spike_factor: string | null;
  stale_days: number | null;
}

/** The columns of a RuleRow from the warning_rules row aliased `r`. */
export const ruleColumns = (r: string): string =>
  `${r}.scope, ${r}.scope_id::text AS scope_id, ${r}.low_stock_threshold::text AS low_stock_threshold, ${r}.cover_days, ${r}.rate_window_days,
   ${r}.spike_factor::text AS spike_factor, ${r}.stale_days`;

export function overrideOf(row: RuleRow | undefined): WarningRuleOverride | undefined {
  if (!row) return undefined;
  return {
    lowStockThreshold: row.low_stock_threshold === null ? null : formatQuantity(row.low_stock_threshold),
    coverDays: row.cover_days,
    rateWindowDays: row.rate_window_days,
    spikeFactor: row.spike_factor,
    staleDays: row.stale_days,
  };
}

/** A shop's rule rows, keyed `scope:id` ('shop:0' for the shop's own). */
export async function loadRuleRows(db: Queryable, shopId: string): Promise<Map<string, RuleRow>> {
  const rows = await db.query<RuleRow>(`SELECT ${ruleColumns('r')} FROM warning_rules r WHERE r.shop_id = $1`, [shopId]);
  return new Map(rows.map((row) => [`${row.scope}:${row.scope_id}`, row]));
}
