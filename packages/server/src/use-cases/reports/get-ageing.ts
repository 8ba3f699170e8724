import type { Ageing } from '@xiaocang/contracts';
import { ageingBucket, can, moneyText, moneyUnits, shopDay, type Actor, type AgeingBucket, type PartyKind } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';
import { PARTIES, requirePartyBooks } from '../money/parties.ts';

type Amounts = Record<AgeingBucket, bigint>;
const FIELDS: Record<AgeingBucket, 'days0to30' | 'days31to60' | 'days61to90' | 'over90'> = {
  '0-30': 'days0to30',
  '31-60': 'days31to60',
  '61-90': 'days61to90',
  over90: 'over90',
};
const empty = (): Amounts => ({ '0-30': 0n, '31-60': 0n, '61-90': 0n, over90: 0n });
const shown = (amounts: Amounts) => ({
  total: moneyText(Object.values(amounts).reduce((total, amount) => total + amount, 0n)),
  ...(Object.fromEntries(Object.entries(FIELDS).map(([bucket, field]) => [field, moneyText(amounts[bucket as AgeingBucket])])) as Record<
    (typeof FIELDS)[AgeingBucket],
    string
  >),
});

/** 账龄: what each customer (or supplier) still owes today, by how old the bills that owe it are. */
export async function getAgeing(db: Queryable, actor: Actor, kind: PartyKind): Promise<Ageing> {
  requirePartyBooks(actor, kind);
  if (!can(actor, 'viewMoneyBooks')) throw forbidden('Ageing lists every bill of a counterparty: your account sees its own records only');
  const asOf = shopDay(new Date());
  const { table, column } = PARTIES[kind];
  const rows = await db.query<{ party_id: string; name: string; bill_date: string; outstanding: string }>(
    `SELECT d.${column}::text AS party_id, t.name, d.bill_date::text, (d.amount - d.settled)::text AS outstanding
       FROM bill_dues d JOIN ${table} t ON t.shop_id = d.shop_id AND t.id = d.${column}
      WHERE d.shop_id = $1 AND d.${column} IS NOT NULL AND d.settled < d.amount AND NOT d.reversed
      ORDER BY t.name, d.${column}`,
    [actor.shopId],
  );
  const totals = empty();
  const parties = new Map<string, { name: string; amounts: Amounts }>();
  for (const row of rows) {
    const party = parties.get(row.party_id) ?? { name: row.name, amounts: empty() };
    parties.set(row.party_id, party);
    const bucket = ageingBucket(row.bill_date, asOf);
    party.amounts[bucket] += moneyUnits(row.outstanding);
    totals[bucket] += moneyUnits(row.outstanding);
  }
  return {
    asOf,
    totals: shown(totals),
    items: [...parties].map(([partyId, party]) => ({ partyId, name: party.name, ...shown(party.amounts) })),
  };
}
