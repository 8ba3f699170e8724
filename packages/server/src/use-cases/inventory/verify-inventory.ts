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
  const balances = await db.query<{ stock_point_id: string; product_id: string; quantity: string; avg_cost: string; total_cost: string; ledger_rows: string }>(
    'SELECT stock_point_id, product_id, quantity, avg_cost, total_cost, ledger_rows FROM inventory_balances WHERE shop_id = $1 ORDER BY stock_point_id, product_id',
    [shopId],
  );
  const drift: InventoryVerification['drift'] = [];
  let checkedLedgerRows = 0;
  for (const balance of balances) {
    const report = (problem: string, expected: string, actual: string) =>
      drift.push({ stockPointId: balance.stock_point_id, productId: balance.product_id, problem, expected, actual });
    const rows = await db.query<LedgerRow>(
      `SELECT l.line_id, l.movement, l.quantity, l.unit_cost, l.cost_amount, l.balance_quantity, l.balance_avg_cost, l.balance_amount
         FROM stock_ledger l
        WHERE l.shop_id = $1 AND l.stock_point_id = $2 AND l.product_id = $3
        ORDER BY l.bill_date, l.posting_seq, l.line_no`,
      [shopId, balance.stock_point_id, balance.product_id],
    );
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
    const actual = shown(costState(balance.quantity, balance.avg_cost, balance.total_cost));
    if (expected !== actual) report('balance differs from its ledger', expected, actual);
  }
  return { checkedBalances: balances.length, checkedLedgerRows, drift };
}
