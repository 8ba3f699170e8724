import type Decimal from 'decimal.js';
import type { StockShortage } from '@xiaocang/contracts';
import { costState, EMPTY_STATE, formatQuantity, sum, ZERO, type CostState } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { insufficientStock, invalidState } from '../../errors.ts';
import { after, before, positionParams, type LedgerPosition } from './ledger-position.ts';
import { addToMonthlyStats } from './monthly-stats.ts';
import { runSegment, signedQuantity, toDecimal, type CostOverride, type SegmentOutcome, type SegmentRow } from './segment.ts';
import { SegmentWriter } from './segment-writer.ts';

interface BillRow {
  id: string;
  bill_no: string;
  direction: 'in' | 'out';
  kind: string;
  bill_date: string;
  stock_point_id: string;
  posting_seq: string | null;
  transfer_peer_id: string | null;
}

interface LineRow {
  id: string;
  bill_id: string;
  line_no: number;
  product_id: string;
  quantity: string;
  unit_price: string;
  amount: string;
  cost_source_line_id: string | null;
}

interface LedgerRow {
  line_id: string;
  bill_id: string;
  bill_kind: string;
  in_stats: boolean;
  direction: 'in' | 'out';
  bill_no: string;
  bill_date: string;
  posting_seq: string;
  line_no: number;
  movement: SegmentRow['movement'];
  quantity: string;
  unit_price: string;
  amount: string;
  unit_cost: string;
  cost_amount: string;
  cost_source_line_id: string | null;
  balance_quantity: string;
}

const byNumericId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/**
 * THE posting function: the only code that changes stock. It takes an open transaction and, for the
 * given bills in order, writes balances, ledger rows, line costs, bill totals and monthly stats together.
 *
 * Locks: the products of all lines (in id order) serialise every posting that touches a product at any
 * stock point, so history can be recomputed across stock points without deadlocks; then the balance rows.
 * A bill dated before later postings takes its place by date and everything after it is recomputed.
 * If stock would go negative anywhere and the shop forbids it, nothing is written (INSUFFICIENT_STOCK).
 */
export async function postBills(tx: Transaction, who: { shopId: string; userId: string }, billIds: readonly string[]): Promise<void> {
  const { shopId } = who;
  const bills = await tx.query<BillRow>(
    `SELECT id, bill_no, direction, kind, bill_date, stock_point_id, posting_seq, transfer_peer_id FROM stock_bills
      WHERE shop_id = $1 AND id = ANY($2::bigint[]) ORDER BY id FOR UPDATE`,
    [shopId, billIds],
  );
  if (bills.some((bill) => bill.posting_seq !== null)) throw invalidState('This bill has already been posted');
  const lines = await tx.query<LineRow>(
    `SELECT id, bill_id, line_no, product_id, quantity, unit_price, amount, cost_source_line_id FROM stock_bill_lines
      WHERE shop_id = $1 AND bill_id = ANY($2::bigint[]) ORDER BY line_no`,
    [shopId, billIds],
  );
  const productIds = [...new Set(lines.map((line) => line.product_id))].sort(byNumericId);
  await tx.query('SELECT id FROM products WHERE shop_id = $1 AND id = ANY($2::bigint[]) ORDER BY id FOR NO KEY UPDATE', [shopId, productIds]);
  const [shop] = await tx.query<{ allow_negative_stock: boolean }>('SELECT allow_negative_stock FROM shops WHERE id = $1', [shopId]);
  const context: PostingContext = {
    tx,
    who,
    allowNegative: shop!.allow_negative_stock,
    sourceCosts: await loadSourceCosts(tx, shopId, lines),
  };
  for (const billId of billIds) {
    const bill = bills.find((candidate) => candidate.id === billId)!;
    await postOneBill(context, bill, lines.filter((line) => line.bill_id === billId));
  }
}

interface PostingContext {
  tx: Transaction;
  who: { shopId: string; userId: string };
  allowNegative: boolean;
  /** Cost magnitude of lines whose cost other lines carry: reversed lines and transfer issues. */
  sourceCosts: Map<string, { direction: 'in' | 'out'; unitCost: Decimal; costAmount: Decimal }>;
}

async function loadSourceCosts(tx: Transaction, shopId: string, lines: LineRow[]): Promise<PostingContext['sourceCosts']> {
  const sourceIds = lines.flatMap((line) => (line.cost_source_line_id ? [line.cost_source_line_id] : []));
  if (sourceIds.length === 0) return new Map();
  const rows = await tx.query<{ id: string; direction: 'in' | 'out'; unit_cost: string | null; cost_amount: string | null }>(
    `SELECT l.id, l.direction, l.unit_cost, l.cost_amount FROM stock_bill_lines l WHERE l.shop_id = $1 AND l.id = ANY($2::bigint[])`,
    [shopId, sourceIds],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      { direction: row.direction, unitCost: toDecimal(row.unit_cost ?? '0'), costAmount: toDecimal(row.cost_amount ?? '0').abs() },
    ]),
  );
}

async function postOneBill(context: PostingContext, bill: BillRow, lines: LineRow[]): Promise<void> {
  const { tx, who } = context;
  const { shopId } = who;
  const [{ posting_seq: postingSeq } = { posting_seq: '' }] = await tx.query<{ posting_seq: string }>(
    `UPDATE stock_bills SET posting_seq = nextval('posting_seq') WHERE shop_id = $1 AND id = $2 RETURNING posting_seq`,
    [shopId, bill.id],
  );
  const billSign = bill.kind === 'reversal' ? -1 : 1;
  const newRows: SegmentRow[] = lines.map((line) => {
    const quantity = toDecimal(line.quantity).abs();
    const source = line.cost_source_line_id ? context.sourceCosts.get(line.cost_source_line_id) : undefined;
    const base = {
      lineId: line.id,
      billId: bill.id,
      billKind: bill.kind,
      billDirection: bill.direction,
      billSign,
      billNo: bill.bill_no,
      inStats: bill.transfer_peer_id === null,
      billDate: bill.bill_date,
      postingSeq,
      lineNo: line.line_no,
      quantity,
      unitPrice: toDecimal(line.unit_price),
      amount: toDecimal(line.amount),
      costSourceLineId: line.cost_source_line_id,
      existing: false,
    } as const;
    if (source) {
      // A reversal undoes its line at that line's cost; a transfer receipt carries the cost.
      const undoesReceipt = bill.kind === 'reversal' && source.direction === 'in';
      return { ...base, movement: undoesReceipt ? 'unreceive' : 'receive', unitCost: source.unitCost, costAmount: source.costAmount };
    }
    if (bill.direction === 'in') return { ...base, movement: 'receive', unitCost: base.unitPrice, costAmount: base.amount.abs() };
    return { ...base, movement: 'issue', unitCost: ZERO, costAmount: ZERO };
  });

  const productIds = [...new Set(lines.map((line) => line.product_id))].sort(byNumericId);
  await tx.query(
    `INSERT INTO inventory_balances (shop_id, stock_point_id, product_id) SELECT $1, $2, unnest($3::bigint[]) ON CONFLICT DO NOTHING`,
    [shopId, bill.stock_point_id, productIds],
  );
  // Whether later rows exist (a backdated posting) is asked with the lock, saving a round trip per bill.
  const balances = await tx.query<{ product_id: string; quantity: string; avg_cost: string; total_cost: string; backdated: boolean }>(
    `SELECT b.product_id, b.quantity, b.avg_cost, b.total_cost,
            EXISTS (SELECT 1 FROM stock_ledger l WHERE l.shop_id = b.shop_id AND l.stock_point_id = b.stock_point_id
                       AND l.product_id = b.product_id AND l.bill_date > $4::date) AS backdated
       FROM inventory_balances b
      WHERE b.shop_id = $1 AND b.stock_point_id = $2 AND b.product_id = ANY($3::bigint[]) ORDER BY b.product_id FOR UPDATE OF b`,
    [shopId, bill.stock_point_id, productIds, bill.bill_date],
  );
  const backdated = new Set(balances.filter((row) => row.backdated).map((row) => row.product_id));

  const writer = new SegmentWriter(tx, shopId, who.userId);
  const overrides = new Map<string, CostOverride>();
  const shortages: StockShortage[] = [];
  for (const productId of productIds) {
    const rowsOfProduct = newRows.filter((_, i) => lines[i]!.product_id === productId);
    const position: LedgerPosition = { billDate: bill.bill_date, postingSeq, lineNo: rowsOfProduct[0]!.lineNo };
    let opening: CostState;
    let segment = rowsOfProduct;
    if (backdated.has(productId)) {
      opening = await stateBefore(tx, shopId, bill.stock_point_id, productId, position);
      segment = [...rowsOfProduct, ...(await rowsAfter(tx, shopId, bill.stock_point_id, productId, position))];
    } else {
      const balance = balances.find((row) => row.product_id === productId)!;
      opening = costState(balance.quantity, balance.avg_cost, balance.total_cost);
    }
    const outcome = runSegment(opening, segment, overrides);
    const shortage = findShortage(context, outcome, bill.stock_point_id, productId);
    if (shortage) shortages.push(shortage);
    writer.add(bill.stock_point_id, productId, outcome);
  }
  if (shortages.length > 0) throw insufficientStock(shortages);

  for (const row of newRows) {
    const result = writer.resultOf(row.lineId);
    if (result) context.sourceCosts.set(row.lineId, { direction: bill.direction, unitCost: result.unitCost, costAmount: result.costAmount });
  }
  await writer.flush();
  if (bill.transfer_peer_id === null) {
    const amount = sum(newRows.map((row) => row.amount));
    const cost = sum(newRows.map((row) => writer.resultOf(row.lineId)!.costAmount.times(billSign)));
    await addToMonthlyStats(
      tx,
      shopId,
      bill.direction === 'in'
        ? { billDate: bill.bill_date, inboundAmount: amount, inboundCount: billSign }
        : { billDate: bill.bill_date, outboundAmount: amount, outboundCount: billSign, outboundCost: cost },
    );
  }
  await cascade(context, overrides, new Set(newRows.map((row) => row.lineId)));
}

/**
 * When recomputing history changed the cost of issues, the lines that carry those costs elsewhere
 * (a transfer's receipt at another stock point) are recomputed from their place, and so on.
 */
async function cascade(context: PostingContext, overrides: Map<string, CostOverride>, done: Set<string>): Promise<void> {
  const { tx, who } = context;
  let pending = [...overrides.keys()].filter((id) => !done.has(id));
  for (let round = 0; pending.length > 0; round++) {
    if (round > 50) throw new Error('cost cascade did not settle');
    pending.forEach((id) => done.add(id));
    const derived = await tx.query<{ stock_point_id: string; product_id: string; bill_date: string; posting_seq: string; line_no: number }>(
      `SELECT DISTINCT ON (b.stock_point_id, l.product_id) b.stock_point_id, l.product_id, b.bill_date, b.posting_seq, l.line_no
         FROM stock_bill_lines l JOIN stock_bills b ON b.shop_id = l.shop_id AND b.id = l.bill_id
        WHERE l.shop_id = $1 AND l.cost_source_line_id = ANY($2::bigint[]) AND b.posting_seq IS NOT NULL
        ORDER BY b.stock_point_id, l.product_id, b.bill_date, b.posting_seq, l.line_no`,
      [who.shopId, pending],
    );
    const before = new Set(overrides.keys());
    for (const group of derived) {
      const position = { billDate: group.bill_date, postingSeq: group.posting_seq, lineNo: group.line_no };
      await tx.query('SELECT 1 FROM inventory_balances WHERE shop_id = $1 AND stock_point_id = $2 AND product_id = $3 FOR UPDATE', [
        who.shopId,
        group.stock_point_id,
        group.product_id,
      ]);
      const opening = await stateBefore(tx, who.shopId, group.stock_point_id, group.product_id, position);
      const segment = await rowsAfter(tx, who.shopId, group.stock_point_id, group.product_id, position, true);
      const outcome = runSegment(opening, segment, overrides);
      const shortage = findShortage(context, outcome, group.stock_point_id, group.product_id);
      if (shortage) throw insufficientStock([shortage]);
      const writer = new SegmentWriter(tx, who.shopId, who.userId);
      writer.add(group.stock_point_id, group.product_id, outcome);
      await writer.flush();
    }
    pending = [...overrides.keys()].filter((id) => !before.has(id) && !done.has(id));
  }
}

/**
 * Stock may not go below zero unless the shop allows it. A row already negative before this posting
 * is not blamed on it unless this posting made it worse.
 */
function findShortage(context: PostingContext, outcome: SegmentOutcome, stockPointId: string, productId: string): StockShortage | null {
  if (context.allowNegative) return null;
  let lowest: Decimal | null = null;
  for (const { row, result } of outcome.rows) {
    if (row.movement === 'receive' || !result.after.quantity.isNegative()) continue;
    if (row.existing && row.oldBalanceQuantity && result.after.quantity.gte(row.oldBalanceQuantity)) continue;
    lowest = lowest === null || result.after.quantity.lt(lowest) ? result.after.quantity : lowest;
  }
  if (lowest === null) return null;
  const requested = sum(outcome.rows.filter(({ row }) => !row.existing).map(({ row }) => signedQuantity(row).neg())).clampedTo(0, Infinity);
  return {
    productId,
    stockPointId,
    requested: formatQuantity(requested),
    available: formatQuantity(requested.plus(lowest).clampedTo(0, Infinity)),
  };
}

async function stateBefore(tx: Transaction, shopId: string, stockPointId: string, productId: string, position: LedgerPosition): Promise<CostState> {
  const [row] = await tx.query<{ balance_quantity: string; balance_avg_cost: string; balance_amount: string }>(
    `SELECT balance_quantity, balance_avg_cost, balance_amount FROM stock_ledger l
      WHERE l.shop_id = $1 AND l.stock_point_id = $2 AND l.product_id = $3 AND ${before('l', 4)}
      ORDER BY l.bill_date DESC, l.posting_seq DESC, l.line_no DESC LIMIT 1`,
    [shopId, stockPointId, productId, ...positionParams(position)],
  );
  return row ? costState(row.balance_quantity, row.balance_avg_cost, row.balance_amount) : EMPTY_STATE;
}

/** Existing ledger rows after a position (or from it, inclusive), oldest first. */
async function rowsAfter(
  tx: Transaction,
  shopId: string,
  stockPointId: string,
  productId: string,
  position: LedgerPosition,
  inclusive = false,
): Promise<SegmentRow[]> {
  const condition = inclusive ? `NOT ${before('l', 4)}` : after('l', 4);
  const rows = await tx.query<LedgerRow>(
    `SELECT l.line_id, l.bill_id, b.kind AS bill_kind, b.transfer_peer_id IS NULL AS in_stats, l.direction, l.bill_no, l.bill_date, l.posting_seq, l.line_no, l.movement,
            l.quantity, l.unit_price, l.amount, l.unit_cost, l.cost_amount, sl.cost_source_line_id, l.balance_quantity
       FROM stock_ledger l
       JOIN stock_bills b ON b.shop_id = l.shop_id AND b.id = l.bill_id
       JOIN stock_bill_lines sl ON sl.shop_id = l.shop_id AND sl.id = l.line_id
      WHERE l.shop_id = $1 AND l.stock_point_id = $2 AND l.product_id = $3 AND ${condition}
      ORDER BY l.bill_date, l.posting_seq, l.line_no`,
    [shopId, stockPointId, productId, ...positionParams(position)],
  );
  return rows.map((row) => ({
    lineId: row.line_id,
    billId: row.bill_id,
    billKind: row.bill_kind,
    billDirection: row.direction,
    billSign: row.bill_kind === 'reversal' ? -1 : 1,
    billNo: row.bill_no,
    inStats: row.in_stats,
    billDate: row.bill_date,
    postingSeq: row.posting_seq,
    lineNo: row.line_no,
    movement: row.movement,
    quantity: toDecimal(row.quantity).abs(),
    unitPrice: toDecimal(row.unit_price),
    amount: toDecimal(row.amount),
    unitCost: toDecimal(row.unit_cost),
    costAmount: toDecimal(row.cost_amount).abs(),
    costSourceLineId: row.cost_source_line_id,
    existing: true,
    oldBalanceQuantity: toDecimal(row.balance_quantity),
  }));
}
