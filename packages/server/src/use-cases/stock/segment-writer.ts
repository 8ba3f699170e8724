import type Decimal from 'decimal.js';
import { formatMoney, formatQuantity, formatUnitCost, ZERO, type MovementResult } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { addToMonthlyStats } from './monthly-stats.ts';
import { signedCost, signedQuantity, type SegmentOutcome, type SegmentRow } from './segment.ts';

interface Entry {
  stockPointId: string;
  productId: string;
  row: SegmentRow;
  result: MovementResult;
}

/**
 * Collects what replays computed and writes it in a few set-based statements: new ledger rows,
 * updated ledger rows, bill lines, bill totals, balances and the monthly cost changes.
 */
export class SegmentWriter {
  private readonly entries: Entry[] = [];
  private readonly balances = new Map<string, { stockPointId: string; productId: string; state: SegmentOutcome['final'] }>();
  private readonly costChanges = new Map<string, Decimal>();

  constructor(
    private readonly tx: Transaction,
    private readonly shopId: string,
    private readonly userId: string,
  ) {}

  add(stockPointId: string, productId: string, outcome: SegmentOutcome): void {
    for (const { row, result, costChanged } of outcome.rows) {
      this.entries.push({ stockPointId, productId, row, result });
      if (costChanged && row.billDirection === 'out' && row.inStats) {
        const month = row.billDate.slice(0, 7);
        const delta = result.costAmount.minus(row.costAmount).times(row.billSign);
        this.costChanges.set(month, (this.costChanges.get(month) ?? ZERO).plus(delta));
      }
    }
    this.balances.set(`${stockPointId}:${productId}`, { stockPointId, productId, state: outcome.final });
  }

  resultOf(lineId: string): MovementResult | undefined {
    return this.entries.find((entry) => entry.row.lineId === lineId)?.result;
  }

  async flush(): Promise<void> {
    const { tx, shopId } = this;
    const lineValues = this.entries.map(({ row, result }) => {
      // A transfer moves stock at cost: both of its lines are priced at the issuing side's average.
      const pricedAtCost = row.billKind === 'transfer';
      return {
        unitPrice: pricedAtCost ? formatUnitCost(result.unitCost) : formatUnitCost(row.unitPrice),
        amount: pricedAtCost ? formatMoney(result.costAmount) : formatMoney(row.amount),
        unitCost: formatUnitCost(result.unitCost),
        lineCost: formatMoney(result.costAmount.times(row.billSign)),
        ledgerCost: formatMoney(signedCost(row, result.costAmount)),
      };
    });
    const column = <T>(pick: (entry: Entry, values: (typeof lineValues)[number]) => T) =>
      this.entries.map((entry, i) => pick(entry, lineValues[i]!));
    const isNew = column(({ row }) => !row.existing);
    const ledgerColumns = [
      column(({ stockPointId }) => stockPointId),
      column(({ productId }) => productId),
      column(({ row }) => row.billId),
      column(({ row }) => row.lineId),
      column(({ row }) => row.billNo),
      column(({ row }) => row.lineNo),
      column(({ row }) => row.billDate),
      column(({ row }) => row.postingSeq),
      column(({ row }) => row.billDirection),
      column(({ row }) => row.movement),
      column(({ row }) => formatQuantity(signedQuantity(row))),
      column((_, v) => v.unitPrice),
      column((_, v) => v.amount),
      column((_, v) => v.unitCost),
      column((_, v) => v.ledgerCost),
      column(({ result }) => formatQuantity(result.after.quantity)),
      column(({ result }) => formatUnitCost(result.after.avgCost)),
      column(({ result }) => formatMoney(result.after.totalCost)),
    ];
    if (isNew.some(Boolean)) {
      const onlyNew = ledgerColumns.map((values) => values.filter((_, i) => isNew[i]));
      await tx.query(
        `INSERT INTO stock_ledger (shop_id, stock_point_id, product_id, bill_id, line_id, bill_no, line_no, bill_date, posting_seq,
                                   direction, movement, quantity, unit_price, amount, unit_cost, cost_amount,
                                   balance_quantity, balance_avg_cost, balance_amount, created_by)
         SELECT $1, u.*, $20 FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::int[], $8::date[],
                                         $9::bigint[], $10::text[], $11::text[], $12::numeric[], $13::numeric[], $14::numeric[],
                                         $15::numeric[], $16::numeric[], $17::numeric[], $18::numeric[], $19::numeric[]) AS u`,
        [shopId, ...onlyNew, this.userId],
      );
    }
    if (isNew.some((fresh) => !fresh)) {
      const onlyExisting = ledgerColumns.map((values) => values.filter((_, i) => !isNew[i]));
      // Existing rows keep their movement; only prices carried at cost, costs and balances change.
      await tx.query(
        `UPDATE stock_ledger l SET unit_price = u.unit_price, amount = u.amount, unit_cost = u.unit_cost, cost_amount = u.cost_amount,
                balance_quantity = u.balance_quantity, balance_avg_cost = u.balance_avg_cost, balance_amount = u.balance_amount
           FROM unnest($2::bigint[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[])
             AS u(line_id, unit_price, amount, unit_cost, cost_amount, balance_quantity, balance_avg_cost, balance_amount)
          WHERE l.shop_id = $1 AND l.line_id = u.line_id`,
        [shopId, onlyExisting[3], ...onlyExisting.slice(11)],
      );
    }
    await tx.query(
      `UPDATE stock_bill_lines l SET unit_price = u.unit_price, amount = u.amount, unit_cost = u.unit_cost, cost_amount = u.cost_amount,
              stock_before = u.stock_before, stock_after = u.stock_after, updated_at = now()
         FROM unnest($2::bigint[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[])
           AS u(id, unit_price, amount, unit_cost, cost_amount, stock_before, stock_after)
        WHERE l.shop_id = $1 AND l.id = u.id`,
      [
        shopId,
        column(({ row }) => row.lineId),
        column((_, v) => v.unitPrice),
        column((_, v) => v.amount),
        column((_, v) => v.unitCost),
        column((_, v) => v.lineCost),
        column(({ result }) => formatQuantity(result.before.quantity)),
        column(({ result }) => formatQuantity(result.after.quantity)),
      ],
    );
    await tx.query(
      `UPDATE stock_bills b SET total_quantity = t.quantity, total_amount = t.amount, total_cost = t.cost, updated_at = now()
         FROM (SELECT bill_id, sum(quantity) AS quantity, sum(amount) AS amount, sum(cost_amount) AS cost
                 FROM stock_bill_lines WHERE shop_id = $1 AND bill_id = ANY($2::bigint[]) GROUP BY bill_id) t
        WHERE b.shop_id = $1 AND b.id = t.bill_id`,
      [shopId, [...new Set(column(({ row }) => row.billId))]],
    );
    const balances = [...this.balances.values()];
    await tx.query(
      `UPDATE inventory_balances b SET quantity = u.quantity, avg_cost = u.avg_cost, total_cost = u.total_cost, updated_at = now(), updated_by = $2
         FROM unnest($3::bigint[], $4::bigint[], $5::numeric[], $6::numeric[], $7::numeric[]) AS u(stock_point_id, product_id, quantity, avg_cost, total_cost)
        WHERE b.shop_id = $1 AND b.stock_point_id = u.stock_point_id AND b.product_id = u.product_id`,
      [
        shopId,
        this.userId,
        balances.map((b) => b.stockPointId),
        balances.map((b) => b.productId),
        balances.map((b) => formatQuantity(b.state.quantity)),
        balances.map((b) => formatUnitCost(b.state.avgCost)),
        balances.map((b) => formatMoney(b.state.totalCost)),
      ],
    );
    for (const [month, delta] of this.costChanges) {
      if (!delta.isZero()) await addToMonthlyStats(tx, shopId, { billDate: `${month}-01`, outboundCost: delta });
    }
  }
}
