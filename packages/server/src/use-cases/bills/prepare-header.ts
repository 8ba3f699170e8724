import type { UpdateBillRequest } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';

export interface PreparedHeader {
  stockPointId: string;
  supplierId: string | null;
  customerId: string | null;
}

/** The stock point a bill uses: the one asked for, or the shop's default (always, for staff who may not choose). */
export async function resolveStockPoint(db: Queryable, actor: Actor, requested: string | undefined, field = 'stockPointId'): Promise<string> {
  const [fallback] = await db.query<{ id: string }>('SELECT id FROM stock_points WHERE shop_id = $1 AND is_default', [actor.shopId]);
  if (requested === undefined || requested === fallback?.id) {
    if (!fallback) throw notFound('Default stock point', field);
    return fallback.id;
  }
  if (!can(actor, 'chooseStockPoint')) throw forbidden('Your account uses the default stock point only');
  const [row] = await db.query<{ status: string }>('SELECT status FROM stock_points WHERE shop_id = $1 AND id = $2', [actor.shopId, requested]);
  if (!row) throw notFound('Stock point', field);
  if (row.status !== 'active') throw invalid(field, 'is inactive');
  return requested;
}

/** Checks the bill type is one of the shop's, and the counterparty fits the direction and the shop. */
export async function prepareHeader(
  db: Queryable,
  actor: Actor,
  direction: 'in' | 'out',
  input: Pick<UpdateBillRequest, 'billType' | 'stockPointId' | 'supplierId' | 'customerId'>,
): Promise<PreparedHeader> {
  const kind = direction === 'in' ? 'inboundType' : 'outboundType';
  const types = await db.query('SELECT 1 FROM shop_options WHERE shop_id = $1 AND kind = $2 AND name = $3', [actor.shopId, kind, input.billType]);
  if (types.length === 0) throw invalid('billType', `is not one of the shop's ${direction === 'in' ? 'inbound' : 'outbound'} types`);
  if (direction === 'in' && input.customerId) throw invalid('customerId', 'belongs on outbound bills; inbound bills name a supplier');
  if (direction === 'out' && input.supplierId) throw invalid('supplierId', 'belongs on inbound bills; outbound bills name a customer');
  for (const [field, table, label] of [
    ['supplierId', 'suppliers', 'Supplier'],
    ['customerId', 'customers', 'Customer'],
  ] as const) {
    const id = input[field];
    if (!id) continue;
    const rows = await db.query('SELECT 1 FROM ' + table + ' WHERE shop_id = $1 AND id = $2', [actor.shopId, id]);
    if (rows.length === 0) throw notFound(label, field);
  }
  return {
    stockPointId: await resolveStockPoint(db, actor, input.stockPointId),
    supplierId: input.supplierId ?? null,
    customerId: input.customerId ?? null,
  };
}

/** The columns a draft's author controls, as (column, value) pairs for INSERT and UPDATE alike. */
export function editableColumns(
  input: Pick<UpdateBillRequest, 'billType' | 'billDate' | 'remarks' | 'attachments'>,
  header: PreparedHeader,
  totals: { totalQuantity: string; totalAmount: string },
): Array<[string, unknown]> {
  return [
    ['bill_type', input.billType],
    ['bill_date', input.billDate],
    ['stock_point_id', header.stockPointId],
    ['supplier_id', header.supplierId],
    ['customer_id', header.customerId],
    ['total_quantity', totals.totalQuantity],
    ['total_amount', totals.totalAmount],
    ['remarks', input.remarks],
    ['attachments', JSON.stringify(input.attachments)],
  ];
}
