import type { List, PartyBalance } from '@xiaocang/contracts';
import { formatMoney, type Actor, type PartyKind } from '@xiaocang/domain';
import { containsPattern } from '../../db/like-pattern.ts';
import type { Queryable } from '../../db/database.ts';
import { PARTIES, requirePartyBooks } from './parties.ts';

/** 应收 or 应付 by counterparty: who owes the shop (or whom it owes), the most first. */
export async function listPartyBalances(
  db: Queryable,
  actor: Actor,
  { kind, query }: { kind: PartyKind; query: { page: number; pageSize: number; q?: string | undefined } },
): Promise<List<PartyBalance>> {
  requirePartyBooks(actor, kind);
  const { table, balance, column } = PARTIES[kind];
  const params: unknown[] = [actor.shopId, query.q ? containsPattern(query.q) : null];
  const where = `t.shop_id = $1 AND t.${balance} <> 0 AND ($2::text IS NULL OR t.name ILIKE $2 OR t.phone ILIKE $2)`;
  const [count] = await db.query<{ total: string }>(`SELECT count(*) AS total FROM ${table} t WHERE ${where}`, params);
  const rows = await db.query<{ id: string; name: string; phone: string; owed: string; open_bill_count: string; oldest: string | null }>(
    `SELECT t.id, t.name, t.phone, t.${balance} AS owed, open.count AS open_bill_count, open.oldest::text AS oldest
       FROM ${table} t,
            LATERAL (SELECT count(*) AS count, min(d.bill_date) AS oldest FROM bill_dues d
                      WHERE d.shop_id = t.shop_id AND d.${column} = t.id AND d.settled < d.amount AND NOT d.reversed) open
      WHERE ${where}
      ORDER BY t.${balance} DESC, t.id LIMIT $3 OFFSET $4`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    items: rows.map((row) => ({
      partyId: row.id,
      name: row.name,
      phone: row.phone,
      owed: formatMoney(row.owed),
      openBillCount: Number(row.open_bill_count),
      oldestOpenBillDate: row.oldest,
    })),
    total: Number(count!.total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
