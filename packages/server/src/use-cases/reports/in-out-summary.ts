import type { InOutGroupBy, InOutQuery, InOutSummary } from '@xiaocang/contracts';
import { formatMoney, formatQuantity, monthStart, shiftDay, weekdayOf, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { figureScope } from '../stats/month-totals.ts';
import { billsAfter, EVERY_POSTING, keptHold, keptReading, keptRowsOf, readingParams } from './kept-totals.ts';

/** The key, name and counterparty kind of each grouping; periods are keyed by their first day. */
const GROUPS: Record<InOutGroupBy, { key: string; name: string; party: string; join: string }> = {
  day: { key: `to_char(s.bill_date, 'YYYY-MM-DD')`, name: 'NULL::text', party: 'NULL::text', join: '' },
  week: { key: `to_char(date_trunc('week', s.bill_date::timestamp), 'YYYY-MM-DD')`, name: 'NULL::text', party: 'NULL::text', join: '' },
  month: { key: `to_char(date_trunc('month', s.bill_date::timestamp), 'YYYY-MM-DD')`, name: 'NULL::text', party: 'NULL::text', join: '' },
  billType: { key: 's.bill_type', name: 's.bill_type', party: 'NULL::text', join: '' },
  // Customer and supplier ids come from different sequences, so the kind is part of the group.
  counterparty: {
    key: 'COALESCE(s.customer_id, s.supplier_id)::text',
    name: 'COALESCE(cu.name, su.name)',
    party: `CASE WHEN s.customer_id IS NOT NULL THEN 'customer' WHEN s.supplier_id IS NOT NULL THEN 'supplier' END`,
    join: `LEFT JOIN customers cu ON cu.shop_id = s.shop_id AND cu.id = s.customer_id
           LEFT JOIN suppliers su ON su.shop_id = s.shop_id AND su.id = s.supplier_id`,
  },
};

interface Row {
  is_total: number;
  key: string | null;
  name: string | null;
  party_kind: 'customer' | 'supplier' | null;
  inbound_count: number;
  inbound_quantity: string;
  inbound_amount: string;
  outbound_count: number;
  outbound_quantity: string;
  outbound_amount: string;
  outbound_cost: string;
}

/** The first day of every period from the one holding `from` to the one holding `to`. */
function periodKeys(groupBy: 'day' | 'week' | 'month', from: string, to: string): string[] {
  const first = groupBy === 'day' ? from : groupBy === 'week' ? shiftDay(from, 1 - weekdayOf(from)) : monthStart(from);
  const next = (day: string) => (groupBy === 'day' ? shiftDay(day, 1) : groupBy === 'week' ? shiftDay(day, 7) : monthStart(day, 1));
  const keys: string[] = [];
  for (let day = first; day <= to; day = next(day)) keys.push(day);
  return keys;
}

/**
 * The standing bills dated $2–$3 (posting_seq after $6 on day $2, up to $7; by $4 alone when given, of direction $5
 * when given), one row each with what the summary adds up of it: a reversed bill and its reversal cancel exactly,
 * so both are left out, and transfers move nothing in or out of the shop. The kept totals are these rows summed per day.
 */
export const STANDING_BILLS = `SELECT b.shop_id, b.direction, b.bill_type, b.bill_date, b.created_by, b.customer_id, b.supplier_id,
         1 AS bills, b.total_quantity AS quantity, b.total_amount AS amount, c.cost
    FROM stock_bills b
    CROSS JOIN LATERAL (SELECT -COALESCE(sum(l.cost_amount), 0) AS cost FROM stock_ledger l WHERE l.shop_id = b.shop_id AND l.bill_id = b.id) c
   WHERE b.shop_id = $1 AND ${billsAfter(6)} AND ($4::bigint IS NULL OR b.created_by = $4) AND ($5::text IS NULL OR b.direction = $5)
     AND b.status = 'confirmed' AND b.kind <> 'reversal' AND b.transfer_peer_id IS NULL AND b.posting_seq IS NOT NULL`;

/**
 * 出入库汇总: inbound and outbound bills of the shop days `from`–`to` per period, bill type or
 * counterparty. Only bills that stand count, as in the monthly figures. The days the kept totals hold come from
 * them (kept-totals.ts), the rest from the bills. A staff member with
 * ownRecordsOnly gets their own bills'; the response's redaction drops amounts paid, costs and quantities
 * by the switches.
 */
export async function inOutSummary(db: Queryable, actor: Actor, query: InOutQuery): Promise<InOutSummary> {
  const scope = figureScope(actor);
  const group = GROUPS[query.groupBy];
  const byPeriod = query.groupBy === 'day' || query.groupBy === 'week';
  const reading = keptReading(await keptHold(db, actor.shopId), query.from, query.to, !byPeriod);
  const rows = await db.query<Row>(
    `WITH s AS (
       ${STANDING_BILLS}
       UNION ALL
       SELECT k.shop_id, k.direction, k.bill_type, k.period_start, k.created_by, k.customer_id, k.supplier_id, k.bills, k.quantity, k.amount, k.cost
         FROM kept_in_out_totals k
        WHERE k.shop_id = $1 AND ${keptRowsOf(8)} AND ($4::bigint IS NULL OR k.created_by = $4) AND ($5::text IS NULL OR k.direction = $5))
     SELECT GROUPING(${group.key}) AS is_total, ${group.key} AS key, ${group.name} AS name, ${group.party} AS party_kind,
            COALESCE(sum(s.bills) FILTER (WHERE s.direction = 'in'), 0)::int AS inbound_count,
            COALESCE(sum(s.quantity) FILTER (WHERE s.direction = 'in'), 0)::text AS inbound_quantity,
            COALESCE(sum(s.amount) FILTER (WHERE s.direction = 'in'), 0)::text AS inbound_amount,
            COALESCE(sum(s.bills) FILTER (WHERE s.direction = 'out'), 0)::int AS outbound_count,
            COALESCE(sum(s.quantity) FILTER (WHERE s.direction = 'out'), 0)::text AS outbound_quantity,
            COALESCE(sum(s.amount) FILTER (WHERE s.direction = 'out'), 0)::text AS outbound_amount,
            COALESCE(sum(s.cost) FILTER (WHERE s.direction = 'out'), 0)::text AS outbound_cost
       FROM s ${group.join}
      GROUP BY GROUPING SETS ((${group.key}, ${group.name}, ${group.party}), ())
      ORDER BY 1, 3 NULLS LAST, 2`,
    [
      actor.shopId,
      reading.after.day,
      query.to,
      scope === 'own' ? actor.userId : null,
      query.direction ?? null,
      reading.after.postingSeq,
      EVERY_POSTING,
      ...readingParams(reading),
    ],
  );
  const figures = (row: Row | undefined) => ({
    inboundCount: row?.inbound_count ?? 0,
    inboundQuantity: formatQuantity(row?.inbound_quantity ?? '0'),
    inboundAmount: formatMoney(row?.inbound_amount ?? '0'),
    outboundCount: row?.outbound_count ?? 0,
    outboundQuantity: formatQuantity(row?.outbound_quantity ?? '0'),
    outboundAmount: formatMoney(row?.outbound_amount ?? '0'),
    outboundCost: formatMoney(row?.outbound_cost ?? '0'),
  });
  // With no bills at all there is no grand total row either.
  const total = rows.find((row) => Number(row.is_total) === 1);
  const groups = rows.filter((row) => Number(row.is_total) === 0);
  const byKey = new Map(groups.map((row) => [row.key, row]));
  const items =
    query.groupBy === 'day' || query.groupBy === 'week' || query.groupBy === 'month'
      ? periodKeys(query.groupBy, query.from, query.to).map((key) => ({ key, name: null, partyKind: null, ...figures(byKey.get(key)) }))
      : groups.map((row) => ({ key: row.key, name: row.name, partyKind: row.party_kind, ...figures(row) }));
  return { from: query.from, to: query.to, groupBy: query.groupBy, scope, items, totals: figures(total) };
}
