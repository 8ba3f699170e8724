import type { WarningOverride, WarningRulesView } from '@xiaocang/contracts';
import { can, effectiveWarningRules, formatQuantity, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';
import { overrideOf, ruleColumns, type RuleRow } from './rule-rows.ts';
import { warningRecipients } from './warning-recipients.ts';

export function requireRuleAccess(actor: Actor): void {
  if (!can(actor, 'manageConfig')) throw forbidden('Only the owner sets the warning rules');
}

/** The rules screen: the shop's rules (defaults filled in), each category's and product's own, and who receives warnings. */
export async function getWarningRules(db: Queryable, actor: Actor): Promise<WarningRulesView> {
  requireRuleAccess(actor);
  const rows = await db.query<RuleRow & { name: string | null }>(
    `SELECT ${ruleColumns('r')},
            CASE r.scope WHEN 'category' THEN (SELECT c.name FROM categories c WHERE c.shop_id = r.shop_id AND c.id = r.scope_id)
                         WHEN 'product' THEN (SELECT p.name FROM products p WHERE p.shop_id = r.shop_id AND p.id = r.scope_id) END AS name
       FROM warning_rules r WHERE r.shop_id = $1 ORDER BY r.scope, name, r.scope_id`,
    [actor.shopId],
  );
  const shop = effectiveWarningRules(overrideOf(rows.find((row) => row.scope === 'shop')));
  const overrides: WarningOverride[] = rows
    .filter((row) => row.scope !== 'shop')
    .map((row) => ({
      scope: row.scope as WarningOverride['scope'],
      id: row.scope_id,
      name: row.name ?? '',
      lowStockThreshold: row.low_stock_threshold === null ? null : formatQuantity(row.low_stock_threshold),
      coverDays: row.cover_days,
      rateWindowDays: row.rate_window_days,
      spikeFactor: row.spike_factor,
      staleDays: row.stale_days,
    }));
  return { shop: { ...shop, lowStockThreshold: formatQuantity(shop.lowStockThreshold) }, overrides, recipients: await warningRecipients(db, actor.shopId) };
}
