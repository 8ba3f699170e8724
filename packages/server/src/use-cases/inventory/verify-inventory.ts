import type { InventoryVerification } from '@xiaocang/contracts';
import {
  applyMovement,
  costState,
  EMPTY_STATE,
  moneyText,
  moneyUnits,
  quantityText,
  quantityUnits,
  unitCostText,
  unitCostUnits,
  type CostState,
  type Movement,
} from '@xiaocang/domain';
import { can, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';
import { magnitude } from '../stock/segment.ts';

const shown = (state: CostState) => `${quantityText(state.quantity)} @ ${unitCostText(state.avgCost)} = ${moneyText(state.totalCost)}`;

interface LedgerRow {
  line_id: string;
  movement: Movement['kind'];
  quantity: string;
  unit_cost: string;
  cost_amount: string;
  balance_quantity: string;
  balance_avg_cost: string;
  balance_amount: string;
}

/** A balance's figures beside one of its ledger rows (all null when it has none). */
type BalanceWithRow = { balance_quantity_now: string; avg_cost: string; total_cost: string; ledger_rows: string } & (LedgerRow | Record<keyof LedgerRow, null>);

export async function verifyInventory(db: Queryable, actor: Actor): Promise<InventoryVerification> {
  if (!can(actor, 'viewInventory') || !can(actor, 'viewCosts')) throw forbidden('Only someone who sees stock and costs can verify it');
  return replayLedgers(db, actor.shopId);
}

/**
 * Recomputes every balance of a shop from its ledger with the costing code and lists any difference:
 * the balance row against the replayed history and each ledger row's running balance. There must
 * never be any. Also run on the books at start-up and after moving them to another database.
 */
export async function replayLedgers(db: Queryable, shopId: string): Promise<InventoryVerification> {
  const pairs = await db.query<{ stock_point_id: string; product_id: string }>(
    'SELECT stock_point_id, product_id FROM inventory_balances WHERE shop_id = $1 ORDER BY stock_point_id, product_id',
    [shopId],
  );
  const drift: InventoryVerification['drift'] = [];
  let checkedLedgerRows = 0;
  for (const pair of pairs) {
    const report = (problem: string, expected: string, actual: string) =>
      drift.push({ stockPointId: pair.stock_point_id, productId: pair.product_id, problem, expected, actual });
    // The balance and its rows in one statement, so one snapshot: a posting between two reads (requests go on while
    // the books are checked at start-up) changes both at once and must not read as a difference.
    const read = await db.query<BalanceWithRow>(
      `SELECT b.quantity AS balance_quantity_now, b.avg_cost, b.total_cost, b.ledger_rows,
              l.line_id, l.movement, l.quantity, l.unit_cost, l.cost_amount, l.balance_quantity, l.balance_avg_cost, l.balance_amount
         FROM inventory_balances b
         LEFT JOIN stock_ledger l ON l.shop_id = b.shop_id AND l.stock_point_id = b.stock_point_id AND l.product_id = b.product_id
        WHERE b.shop_id = $1 AND b.stock_point_id = $2 AND b.product_id = $3
        ORDER BY l.bill_date, l.posting_seq, l.line_no`,
      [shopId, pair.stock_point_id, pair.product_id],
    );
    const balance = read[0];
    if (!balance) continue;
    const rows: LedgerRow[] = read.filter((row): row is BalanceWithRow & LedgerRow => row.line_id !== null);
    checkedLedgerRows += rows.length;
    if (Number(balance.ledger_rows) !== rows.length) report('ledger row count of the balance', String(rows.length), balance.ledger_rows);
    let state = EMPTY_STATE;
    for (const row of rows) {
      const quantity = magnitude(row.quantity, quantityUnits);
      const costAmount = magnitude(row.cost_amount, moneyUnits);
      const movement: Movement =
        row.movement === 'issue'
          ? { kind: 'issue', quantity }
          : row.movement === 'unreceive'
            ? { kind: 'unreceive', quantity, amount: costAmount }
            : { kind: 'receive', quantity, unitPrice: unitCostUnits(row.unit_cost), amount: costAmount };
      const result = applyMovement(state, movement);
      state = result.after;
      const expected = shown(state);
      const stored = shown(costState(row.balance_quantity, row.balance_avg_cost, row.balance_amount));
      if (expected !== stored) report(`ledger row of line ${row.line_id} does not follow from the rows before it`, expected, stored);
      if (result.costAmount !== costAmount) report(`cost of line ${row.line_id}`, moneyText(result.costAmount), moneyText(costAmount));
    }
    const expected = shown(state);
    const actual = shown(costState(balance.balance_quantity_now, balance.avg_cost, balance.total_cost));
    if (expected !== actual) report('balance differs from its ledger', expected, actual);
  }
  return { checkedBalances: pairs.length, checkedLedgerRows, drift };
}
