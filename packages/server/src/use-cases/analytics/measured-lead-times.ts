import type { Queryable } from '../../db/database.ts';

export interface MeasuredLeadTime {
  meanDays: number;
  sdDays: number;
  /** How many orders it was measured on. */
  orders: number;
}

/** Fewer orders than this say too little about a supplier. */
const MIN_ORDERS = 3;
/** The supplier's latest orders only: a supplier's pace changes. */
const LAST_ORDERS = 10;
/** A draft left longer than this was forgotten, not waited for. */
const MAX_DAYS = 60;

/**
 * Each supplier's lead time as the shop lived it: a purchase bill saved as a draft (an order, as the
 * purchase suggestions make them) and confirmed on a later shop day (the goods arrived) took that many days.
 * Over the supplier's last 10 such bills of the past year, when there are at least 3.
 */
export async function measuredLeadTimes(db: Queryable, shopId: string): Promise<Map<string, MeasuredLeadTime>> {
  const rows = await db.query<{ supplier_id: string; orders: number; mean: string; sd: string }>(
    `SELECT supplier_id::text, count(*)::int AS orders, avg(days)::text AS mean, coalesce(stddev_samp(days), 0)::text AS sd
       FROM (SELECT b.supplier_id, (b.confirmed_at AT TIME ZONE 'Asia/Shanghai')::date - (b.created_at AT TIME ZONE 'Asia/Shanghai')::date AS days,
                    row_number() OVER (PARTITION BY b.supplier_id ORDER BY b.confirmed_at DESC) AS latest
               FROM stock_bills b
              WHERE b.shop_id = $1 AND b.direction = 'in' AND b.kind = 'normal' AND b.status = 'confirmed' AND b.supplier_id IS NOT NULL
                AND b.confirmed_at > now() - interval '365 days'
                AND (b.confirmed_at AT TIME ZONE 'Asia/Shanghai')::date > (b.created_at AT TIME ZONE 'Asia/Shanghai')::date) waited
      WHERE latest <= $2 AND days <= $3
      GROUP BY supplier_id
     HAVING count(*) >= $4`,
    [shopId, LAST_ORDERS, MAX_DAYS, MIN_ORDERS],
  );
  return new Map(rows.map((row) => [row.supplier_id, { meanDays: Number(row.mean), sdDays: Number(row.sd), orders: row.orders }]));
}
