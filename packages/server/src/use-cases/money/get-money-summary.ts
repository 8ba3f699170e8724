import type { MoneySummary } from '@xiaocang/contracts';
import { formatMoney, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

/** 应收 and 应付 in all, and what the accounts hold, for the home screen; payables and balances are cost figures the redaction strips. */
export async function getMoneySummary(db: Queryable, actor: Actor): Promise<MoneySummary> {
  const [row] = await db.query<{ receivable: string; payable: string; accounts: string }>(
    `SELECT (SELECT COALESCE(sum(receivable), 0) FROM customers WHERE shop_id = $1) AS receivable,
            (SELECT COALESCE(sum(payable), 0) FROM suppliers WHERE shop_id = $1) AS payable,
            (SELECT COALESCE(sum(balance), 0) FROM payment_accounts WHERE shop_id = $1) AS accounts`,
    [actor.shopId],
  );
  return { receivableTotal: formatMoney(row!.receivable), payableTotal: formatMoney(row!.payable), accountsTotal: formatMoney(row!.accounts) };
}
