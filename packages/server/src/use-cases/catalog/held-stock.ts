import { can, formatQuantity, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { CatalogDefinition } from './definition.ts';

/** Whether a write switches the record off (its soft-delete column to the "off" value), as deleting it does. */
export function switchesOff<Dto>(definition: CatalogDefinition<Dto>, input: Record<string, unknown>): boolean {
  const { column, value } = definition.softDelete;
  const field = Object.keys(definition.columns).find((key) => definition.columns[key] === column);
  return field !== undefined && input[field] === value;
}

/** Holdings named in the message; the details list up to HOLDINGS_LISTED. */
const HOLDINGS_NAMED = 3;
const HOLDINGS_LISTED = 50;

/**
 * A product or stock point switched off while it holds stock would strand that stock: it still counts in
 * the stock value, but a disabled product cannot be sold and an inactive stock point cannot be moved from.
 * So the switch is refused, naming what is held where. How much is said only to a caller who may see stock
 * (the details carry it as `stockQuantity`, which redaction strips for everyone else).
 * Its balance rows are locked first, in the order posting locks them, so a posting under way is waited for
 * and its stock seen.
 */
export async function refuseIfHoldingStock<Dto>(tx: Queryable, actor: Actor, definition: CatalogDefinition<Dto>, id: string): Promise<void> {
  if (!definition.stockColumn) return;
  await tx.query(
    `SELECT 1 FROM inventory_balances WHERE shop_id = $1 AND ${definition.stockColumn} = $2 ORDER BY product_id, stock_point_id FOR UPDATE`,
    [actor.shopId, id],
  );
  const held = await tx.query<{
    product_id: string;
    product_name: string;
    unit: string;
    stock_point_id: string;
    stock_point_name: string;
    quantity: string;
    holdings: string;
  }>(
    `SELECT p.id::text AS product_id, p.name AS product_name, p.unit, sp.id::text AS stock_point_id, sp.name AS stock_point_name,
            b.quantity::text AS quantity, count(*) OVER () AS holdings
       FROM inventory_balances b
       JOIN products p ON p.shop_id = b.shop_id AND p.id = b.product_id
       JOIN stock_points sp ON sp.shop_id = b.shop_id AND sp.id = b.stock_point_id
      WHERE b.shop_id = $1 AND b.${definition.stockColumn} = $2 AND b.quantity <> 0
      ORDER BY sp.is_default DESC, sp.id, p.id
      LIMIT ${HOLDINGS_LISTED}`,
    [actor.shopId, id],
  );
  if (held.length === 0) return;
  const showQuantity = can(actor, 'viewInventory');
  const named = held.slice(0, HOLDINGS_NAMED).map((row) => {
    const what = `${row.product_name} at ${row.stock_point_name}`;
    return showQuantity ? `${what}: ${formatQuantity(row.quantity)} ${row.unit}` : what;
  });
  const more = Number(held[0]!.holdings) - named.length;
  const record = definition.stockColumn === 'product_id' ? held[0]!.product_name : held[0]!.stock_point_name;
  throw new AppError(
    'CONFLICT',
    `${definition.label} ${record} still holds stock (${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}); ` +
      'sell it, move it to another stock point or count it out before switching it off',
    held.map((row) => ({
      productId: row.product_id,
      productName: row.product_name,
      stockPointId: row.stock_point_id,
      stockPointName: row.stock_point_name,
      stockQuantity: formatQuantity(row.quantity),
    })),
  );
}
