import { addDays, buildDailySeries, type DailySeries, type DayMovement } from '@xiaocang/analytics';
import { figureRole } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

/** A year of days is what the methods need for a weekly pattern and a backtest; older days add little. */
const HISTORY_DAYS = 365;

type PointDay = { date: string; point: string; sold: string; closing: string };

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

/**
 * A product's daily demand series over the last year up to yesterday (from its first movement if later), or
 * null when it had not moved before today. Reads only this product's ledger rows of that year.
 */
export async function demandHistory(
  db: Queryable,
  shopId: string,
  { productId, stockPointId, saleTypes, today }: { productId: string; stockPointId?: string | undefined; saleTypes: string[]; today: string },
): Promise<DailySeries | null> {
  // Today is not over: its sales so far would read as a slow day. The history ends yesterday.
  const to = addDays(today, -1);
  const from = addDays(to, -(HISTORY_DAYS - 1));
  const [found] = await db.query<{ first_date: string | null; opening: Array<{ point: string; quantity: string }> | null; days: PointDay[] | null }>(
    `SELECT (SELECT min(bill_date)::text FROM stock_ledger WHERE shop_id = $1 AND product_id = $2 AND ($4::bigint IS NULL OR stock_point_id = $4)) AS first_date,
            -- Each stock point's stock when the year starts.
            (SELECT json_agg(json_build_object('point', p.stock_point_id::text, 'quantity', p.balance_quantity::text)) FROM (
               SELECT DISTINCT ON (stock_point_id) stock_point_id, balance_quantity FROM stock_ledger
                WHERE shop_id = $1 AND product_id = $2 AND bill_date < $3::date AND ($4::bigint IS NULL OR stock_point_id = $4)
                ORDER BY stock_point_id, bill_date DESC, posting_seq DESC, line_no DESC) p) AS opening,
            -- Per day and stock point: what standing sales took (a reversed sale and its reversal count as nothing), and the closing stock.
            (SELECT json_agg(d ORDER BY d.date, d.point) FROM (
               SELECT l.bill_date::text AS date, l.stock_point_id::text AS point,
                      sum(CASE WHEN l.direction = 'out' AND l.bill_kind = 'normal' AND b.status = 'confirmed' AND b.bill_type = ANY($5::text[]) THEN abs(l.quantity) ELSE 0 END)::text AS sold,
                      (array_agg(l.balance_quantity ORDER BY l.posting_seq DESC, l.line_no DESC))[1]::text AS closing
                 FROM stock_ledger l JOIN stock_bills b ON b.shop_id = l.shop_id AND b.id = l.bill_id
                WHERE l.shop_id = $1 AND l.product_id = $2 AND l.bill_date >= $3::date AND l.bill_date <= $6::date AND ($4::bigint IS NULL OR l.stock_point_id = $4)
                GROUP BY l.bill_date, l.stock_point_id) d) AS days`,
    [shopId, productId, from, stockPointId ?? null, saleTypes, to],
  );
  const firstDate = found!.first_date;
  if (!firstDate || firstDate > to) return null;
  // A product first moved within the year is learned from its first day, with nothing in stock before it.
  const start = firstDate > from ? firstDate : from;
  const opening = new Map((found!.opening ?? []).map((row) => [row.point, Number(row.quantity)]));
  return buildDailySeries({ from: start, to, openingStock: [...opening.values()].reduce((a, b) => a + b, 0), days: productDays(found!.days ?? [], opening) });
}
