import type { WarningOverrideInput, WarningRulesInput, WarningRulesView } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { getWarningRules, requireRuleAccess } from './get-warning-rules.ts';

type Scope = 'shop' | 'category' | 'product';
const SCOPE_TABLE = { category: 'categories', product: 'products' } as const;

async function writeRules(db: Database, actor: Actor, scope: Scope, scopeId: string, rules: WarningOverrideInput): Promise<WarningRulesView> {
  requireRuleAccess(actor);
  if (scope === 'product' && rules.lowStockThreshold !== undefined && rules.lowStockThreshold !== null) {
    throw invalid('lowStockThreshold', "a product's threshold is its own warning stock: set it on the product");
  }
  await db.transaction(async (tx) => {
    if (scope !== 'shop') {
      const [found] = await tx.query(`SELECT 1 FROM ${SCOPE_TABLE[scope]} WHERE shop_id = $1 AND id = $2`, [actor.shopId, scopeId]);
      if (!found) throw notFound(scope === 'category' ? 'Category' : 'Product', 'id');
    }
    await tx.query(
      `INSERT INTO warning_rules (shop_id, scope, scope_id, low_stock_threshold, cover_days, rate_window_days, spike_factor, stale_days, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (shop_id, scope, scope_id) DO UPDATE SET low_stock_threshold = $4, cover_days = $5, rate_window_days = $6, spike_factor = $7,
              stale_days = $8, updated_by = $9, updated_at = now()`,
      [actor.shopId, scope, scopeId, rules.lowStockThreshold ?? null, rules.coverDays ?? null, rules.rateWindowDays ?? null, rules.spikeFactor ?? null, rules.staleDays ?? null, actor.userId],
    );
    await recordAudit(tx, actor, 'warningRules.set', `warningRules.${scope}`, scopeId, rules);
  });
  return getWarningRules(db, actor);
}

/** The shop's own rules, every one named. */
export const setShopWarningRules = (db: Database, actor: Actor, rules: WarningRulesInput) => writeRules(db, actor, 'shop', '0', rules);

/** A category's or product's own rules; a rule left out or null follows the level above. */
export const setWarningOverride = (db: Database, actor: Actor, input: { scope: 'category' | 'product'; id: string; rules: WarningOverrideInput }) =>
  writeRules(db, actor, input.scope, input.id, input.rules);

export async function removeWarningOverride(db: Database, actor: Actor, input: { scope: 'category' | 'product'; id: string }): Promise<WarningRulesView> {
  requireRuleAccess(actor);
  await db.transaction(async (tx) => {
    const removed = await tx.query('DELETE FROM warning_rules WHERE shop_id = $1 AND scope = $2 AND scope_id = $3 RETURNING scope', [actor.shopId, input.scope, input.id]);
    if (removed.length === 0) throw notFound('Override', 'id');
    await recordAudit(tx, actor, 'warningRules.remove', `warningRules.${input.scope}`, input.id);
  });
  return getWarningRules(db, actor);
}

/** The staff who receive warnings: the ones named, among those who may see stock (the others are refused by name). */
export async function setWarningRecipients(db: Database, actor: Actor, input: { userIds: string[] }): Promise<WarningRulesView> {
  requireRuleAccess(actor);
  const view = await getWarningRules(db, actor);
  for (const [i, userId] of input.userIds.entries()) {
    const member = view.recipients.find((recipient) => recipient.userId === userId && recipient.role === 'staff');
    if (!member) throw invalid(`userIds.${i}`, 'is not a staff member of this shop');
    if (!member.mayViewStock) throw invalid(`userIds.${i}`, `${member.name} may not see stock (隐藏库存), so cannot receive stock warnings`);
  }
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE users SET receives_warnings = (id = ANY($2::bigint[])) WHERE shop_id = $1 AND role = 'staff'`, [actor.shopId, input.userIds]);
    await recordAudit(tx, actor, 'warningRecipients.set', 'users', null, { userIds: input.userIds });
  });
  return getWarningRules(db, actor);
}
