import type { Bill, BillListQuery, List } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { billColumns, toBill } from './bill-rows.ts';
import { conditions } from '../../db/conditions.ts';

const EQUALS_FILTERS = {
  direction: 'b.direction',
  kind: 'b.kind',
  status: 'b.status',
  billType: 'b.bill_type',
  supplierId: 'b.supplier_id',
  customerId: 'b.customer_id',
  stockPointId: 'b.stock_point_id',
  createdBy: 'b.created_by',
} as const;

export async function listBills(db: Queryable, actor: Actor, query: BillListQuery): Promise<List<Bill>> {
  const params: unknown[] = [actor.shopId];
  const filter = conditions(params, ['b.shop_id = $1', "b.status <> 'deleted'"]);
  const add = filter.add;
  for (const [key, column] of Object.entries(EQUALS_FILTERS)) {
    const value = query[key as keyof typeof EQUALS_FILTERS];
    if (value !== undefined) add((n) => `${column} = $${n}`, value);
  }
  if (!can(actor, 'viewOthersRecords')) add((n) => `b.created_by = $${n}`, actor.userId);
  if (query.dateFrom) add((n) => `b.bill_date >= $${n}`, query.dateFrom);
  if (query.dateTo) add((n) => `b.bill_date <= $${n}`, query.dateTo);
  if (query.productId) {
    add((n) => `EXISTS (SELECT 1 FROM stock_bill_lines l WHERE l.shop_id = b.shop_id AND l.bill_id = b.id AND l.product_id = $${n})`, query.productId);
  }
  if (query.q) {
    // The counterparty's name as the bill shows it.
    add(
      (n) => `(b.bill_no ILIKE $${n} OR b.remarks ILIKE $${n}
               OR b.supplier_name ILIKE $${n} OR b.customer_name ILIKE $${n})`,
      `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
    );
  }
  const where = filter.sql();
  const [count] = await db.query<{ total: string }>(`SELECT count(*) AS total FROM stock_bills b WHERE ${where}`, params);
  const rows = await db.query(`SELECT ${billColumns({ withLines: false })} FROM stock_bills b WHERE ${where} ORDER BY b.bill_date DESC, b.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
    ...params,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  ]);
  return { items: rows.map((row) => toBill(row)), total: Number(count!.total), page: query.page, pageSize: query.pageSize };
}
