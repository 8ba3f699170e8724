import type { StockShortage } from '@xiaocang/contracts';
import {
  costState,
  EMPTY_STATE,
  moneyText,
  moneyUnits,
  quantityText,
  quantityUnits,
  unitCostText,
  unitCostUnits,
  type CostState,
  type MovementResult,
} from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { SqlParams, unseenArray } from '../../db/sql-params.ts';
import { balanceLimitExceeded, insufficientStock, invalidState } from '../../errors.ts';
import { after, before, positionParams, type LedgerPosition } from './ledger-position.ts';
import { checkStockWarnings } from '../warnings/check-stock-warnings.ts';
import { bringBackArchived } from '../archive/bring-back-archived.ts';
import { statsUpsert } from './monthly-stats.ts';
import { ledgerPrice, magnitude, runSegment, signedCost, signedQuantity, type CostOverride, type SegmentOutcome, type SegmentRow } from './segment.ts';
import { rewriteHistory, writeBalance } from './segment-writer.ts';

export interface PostingLine {
  id: string;
  lineNo: number;
  productId: string;
  /** As stored: negative on a reversal bill. */
  quantity: string;
  unitPrice: string;
  amount: string;
  costSourceLineId: string | null;
}

export interface PostingBill {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  billType: string;
  billDate: string;
  stockPointId: string;
  transferPeerId: string | null;
  lines: PostingLine[];
}

/** Reads bills for posting; a bill already posted cannot be posted again. */
export async function loadPostingBills(tx: Transaction, shopId: string, billIds: readonly string[]): Promise<PostingBill[]> {
  const rows = await tx.query<PostingBill & { postingSeq: string | null }>(
    `SELECT b.id::text AS "id", b.direction, b.kind, b.bill_type AS "billType", b.bill_date::text AS "billDate", b.stock_point_id::text AS "stockPointId",
            b.transfer_peer_id::text AS "transferPeerId", b.posting_seq::text AS "postingSeq",
            (SELECT json_agg(json_build_object('id', l.id::text, 'lineNo', l.line_no, 'productId', l.product_id::text,
                                               'quantity', l.quantity::text, 'unitPrice', l.unit_price::text, 'amount', l.amount::text,
                                               'costSourceLineId', l.cost_source_line_id::text) ORDER BY l.line_no)
               FROM stock_bill_lines l WHERE l.shop_id = b.shop_id AND l.bill_id = b.id) AS lines
       FROM stock_bills b WHERE b.shop_id = $1 AND b.id = ANY($2::bigint[])`,
    [shopId, billIds],
  );
  if (rows.some((row) => row.postingSeq !== null)) throw invalidState('This bill has already been posted');
  return billIds.map((id) => rows.find((row) => row.id === id)!);
}

const byNumericId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

interface PostingContext {
  tx: Transaction;
  who: { shopId: string; userId: string };
  allowNegative: boolean;
  /** Cost magnitude of lines whose cost other lines carry: reversed lines and transfer issues. */
  sourceCosts: Map<string, { movement: SegmentRow['movement']; unitCost: bigint; costAmount: bigint }>;
}

/**
 * THE posting function: the only code that changes stock. It takes an open transaction and, for the
 * given bills in order, writes balances, ledger rows and monthly stats together, then judges the stock
 * warnings of the products they touched (`checkStockWarnings`).
 *
 * Locks: the products of all lines (in id order) serialise every posting that touches a product at any
 * stock point, so history can be recomputed across stock points without deadlocks; then the balance rows.
 * A bill dated before later postings takes its place by date and everything after it is recomputed.
 * If stock would go negative anywhere and the shop forbids it, the posting is refused (INSUFFICIENT_STOCK)
 * and the transaction, history already rewritten included, rolls back.
 * A caller that already locked the products (in id order, see `prepareBill`) says so with `locked`.
 * With `closing`, the statement that posts the last bill also closes it, and its row is returned.
 */
export async function postBills(
  tx: Transaction,
  who: { shopId: string; userId: string },
  bills: readonly PostingBill[],
  { locked, closing }: { locked?: ProductsLocked | undefined; closing?: Closing } = {},
): Promise<Record<string, unknown> | undefined> {
  const lines = bills.flatMap((bill) => bill.lines);
  const allowNegative = locked ? locked.allowNegativeStock : await lockProducts(tx, who.shopId, lines);
  const context: PostingContext = { tx, who, allowNegative, sourceCosts: await loadSourceCosts(tx, who.shopId, lines) };
  let closed: Record<string, unknown> | undefined;
  for (const [i, bill] of bills.entries()) closed = await postOneBill(context, bill, i === bills.length - 1 ? closing : undefined);
  const goneOut = bills.filter((bill) => bill.direction === 'out' && bill.kind === 'normal').flatMap((bill) => bill.lines);
  await checkStockWarnings(tx, who.shopId, [...new Set(lines.map((line) => line.productId))], [...new Set(goneOut.map((line) => line.productId))]);
  return closed;
}

/**
 * More work for the statement that writes a posting, so that closing the bill costs no round trip of
 * its own: CTEs, assignments to the bill row (alias `b`, joined with `from` when given) and what it
 * returns. `refs` names the statement's parameters and relations: the shop, the bill, the user, `params`
 * to add its own values to, and `ledger`, the bill's new ledger rows (the table cannot show them yet).
 */
export interface Closing {
  (refs: { params: SqlParams; shop: string; bill: string; user: string; ledger: string }): {
    ctes: string[];
    assignments: string[];
    from?: string;
    returning: string;
  };
}

/** Products locked by the caller with `productLockColumns`, and the shop's rule on negative stock read with them. */
export interface ProductsLocked {
  allowNegativeStock: boolean;
}

/**
 * SQL columns for a statement of the caller's: they lock the products whose ids are in $n ($1 is the
 * shop) the way posting needs them locked, in id order, and read the shop's rule on negative stock
 * (`allow_negative_stock`).
 */
export function productLockColumns(n: number): string {
  return `(SELECT count(*) FROM (SELECT id FROM products WHERE shop_id = $1 AND id = ANY(${unseenArray(`$${n}`, 'bigint')}) ORDER BY id FOR NO KEY UPDATE) p) AS locked,
          (SELECT allow_negative_stock FROM shops WHERE id = $1) AS allow_negative_stock`;
}

async function lockProducts(tx: Transaction, shopId: string, lines: PostingLine[]): Promise<boolean> {
  const [shop] = await tx.query<{ allow_negative_stock: boolean }>(`SELECT ${productLockColumns(2)}`, [
    shopId,
    [...new Set(lines.map((line) => line.productId))],
  ]);
  return shop!.allow_negative_stock;
}

async function loadSourceCosts(tx: Transaction, shopId: string, lines: PostingLine[]): Promise<PostingContext['sourceCosts']> {
  const sourceIds = lines.flatMap((line) => (line.costSourceLineId ? [line.costSourceLineId] : []));
  if (sourceIds.length === 0) return new Map();
  const rows = await tx.query<{ line_id: string; movement: SegmentRow['movement']; unit_cost: string; cost_amount: string }>(
    'SELECT line_id, movement, unit_cost, cost_amount FROM stock_ledger WHERE shop_id = $1 AND line_id = ANY($2::bigint[])',
    [shopId, sourceIds],
  );
  return new Map(
    rows.map((row) => [row.line_id, { movement: row.movement, unitCost: unitCostUnits(row.unit_cost), costAmount: magnitude(row.cost_amount, moneyUnits) }]),
  );
}

interface BalanceRow {
  product_id: string;
  quantity: string;
  /** What unpaid orders hold here. */
  reserved: string;
  avg_cost: string;
  total_cost: string;
  backdated: boolean;
  reaches_archive: boolean;
  posting_seq: string;
}

async function postOneBill(context: PostingContext, bill: PostingBill, closing?: Closing): Promise<Record<string, unknown> | undefined> {
  const { tx, who } = context;
  const { shopId } = who;
  const productIds = [...new Set(bill.lines.map((line) => line.productId))].sort(byNumericId);
  // One round trip: the bill's place in posting order, its balance rows (created if new, then locked),
  // whether later history exists for each (a backdated posting) and whether the bill is dated among archived rows.
  const balances = await tx.query<BalanceRow>(
    `WITH seq AS (SELECT nextval('posting_seq')::text AS posting_seq),
          created AS (INSERT INTO inventory_balances (shop_id, stock_point_id, product_id) SELECT $1, $2, unnest($3::bigint[])
                      ON CONFLICT DO NOTHING RETURNING product_id, quantity, avg_cost, total_cost, reserved),
          locked AS (SELECT product_id, quantity, avg_cost, total_cost, reserved FROM inventory_balances
                      WHERE shop_id = $1 AND stock_point_id = $2 AND product_id = ANY($3::bigint[]) ORDER BY product_id FOR UPDATE)
     SELECT b.product_id::text, b.quantity, b.avg_cost, b.total_cost, b.reserved, seq.posting_seq,
            EXISTS (SELECT 1 FROM stock_ledger l WHERE l.shop_id = $1 AND l.stock_point_id = $2 AND l.product_id = b.product_id
                       AND l.bill_date > $4::date) AS backdated,
            COALESCE((SELECT archived_before > $4::date FROM shops WHERE id = $1), false) AS reaches_archive
       FROM (SELECT * FROM created UNION ALL SELECT * FROM locked) b CROSS JOIN seq`,
    [shopId, bill.stockPointId, productIds, bill.billDate],
  );
  const postingSeq = balances[0]!.posting_seq;
  if (balances[0]!.reaches_archive) await bringBackArchived(tx, shopId, bill.billDate);
  const billSign = bill.kind === 'reversal' ? -1 : 1;
  const inStats = bill.transferPeerId === null;
  const newRows: SegmentRow[] = bill.lines.map((line) => {
    const source = line.costSourceLineId ? context.sourceCosts.get(line.costSourceLineId) : undefined;
    const base = {
      lineId: line.id,
      billDirection: bill.direction,
      billSign,
      inStats,
      billType: bill.billType,
      billDate: bill.billDate,
      quantity: magnitude(line.quantity, quantityUnits),
      unitPrice: line.unitPrice,
      amount: line.amount,
      costSourceLineId: line.costSourceLineId,
      // A transfer's issue is carried by its receipt.
      isCostSource: bill.kind === 'transfer' && bill.direction === 'out',
      existing: false,
    } as const;
    if (source) {
      // A reversal undoes its line at that line's cost; a transfer receipt carries the issue's cost.
      const undoesReceipt = bill.kind === 'reversal' && source.movement === 'receive';
      return { ...base, movement: undoesReceipt ? 'unreceive' : 'receive', unitCost: source.unitCost, costAmount: source.costAmount };
    }
    if (bill.direction === 'in') {
      return { ...base, movement: 'receive', unitCost: unitCostUnits(line.unitPrice), costAmount: magnitude(line.amount, moneyUnits) };
    }
    return { ...base, movement: 'issue', unitCost: 0n, costAmount: 0n };
  });

  const overrides = new Map<string, CostOverride>();
  const shortages: StockShortage[] = [];
  const outcomes: Array<{ productId: string; replayed: Replayed }> = [];
  const cascadeFrom: string[] = [];
  for (const balance of balances.sort((a, b) => byNumericId(a.product_id, b.product_id))) {
    const place = { stockPointId: bill.stockPointId, productId: balance.product_id };
    const rowsOfProduct = newRows.filter((_, i) => bill.lines[i]!.productId === place.productId);
    const position: LedgerPosition = { billDate: bill.billDate, postingSeq, lineNo: bill.lines.find((line) => line.productId === place.productId)!.lineNo };
    const replayed = balance.backdated
      ? await replayHistory(context, place, await stateBefore(tx, shopId, place, position), rowsOfProduct, { from: position, inclusive: false }, overrides)
      : await replayHistory(context, place, costState(balance.quantity, balance.avg_cost, balance.total_cost), rowsOfProduct, null, overrides);
    const shortage = findShortage(context, replayed, place) ?? findReservedShortage(context, replayed, place, quantityUnits(balance.reserved));
    if (shortage) shortages.push(shortage);
    outcomes.push({ productId: place.productId, replayed });
    cascadeFrom.push(...replayed.changedSources);
  }
  // Nothing of this transaction survives the refusal, history already rewritten included.
  if (shortages.length > 0) throw insufficientStock(shortages);

  const results = new Map<string, MovementResult>();
  for (const { replayed } of outcomes) for (const { row, result } of replayed.given) results.set(row.lineId, result);
  for (const row of newRows) {
    const result = results.get(row.lineId)!;
    context.sourceCosts.set(row.lineId, { movement: row.movement, unitCost: result.unitCost, costAmount: result.costAmount });
  }
  const closed = await writePosting(context, bill, postingSeq, newRows, results, outcomes, closing);
  await cascade(context, overrides, cascadeFrom);
  return closed;
}

/** Ledger rows read, replayed and rewritten per round trip: memory stays bounded, and the pages a chunk touches stay in PostgreSQL's buffers from read to rewrite. */
const CHUNK_ROWS = 10_000;

interface Replayed {
  /** Results of the rows given, which are not in the ledger yet. */
  given: SegmentOutcome['rows'];
  final: CostState;
  /** The lowest stock that a row other than a receipt left below zero, where this posting made it worse. */
  lowest: bigint | null;
  /** Existing lines whose cost changed and that other lines carry. */
  changedSources: string[];
}

/**
 * Replays a product's history at a stock point from an opening balance: first the rows given (a
 * posting's new rows), then, with `later`, the existing rows from that position on, which are
 * rewritten wherever they changed, chunk by chunk.
 */
async function replayHistory(
  context: PostingContext,
  place: { stockPointId: string; productId: string },
  opening: CostState,
  given: SegmentRow[],
  later: { from: LedgerPosition; inclusive: boolean } | null,
  overrides: Map<string, CostOverride>,
): Promise<Replayed> {
  const { tx, who } = context;
  const first = withinLimits(runSegment(opening, given, overrides), place);
  const replayed: Replayed = { given: first.rows, final: first.final, lowest: lowestShortfall(first, null), changedSources: [] };
  let next = later && rowsAfter(tx, who.shopId, place, later.from, later.inclusive);
  while (next) {
    const chunk = await next;
    if (chunk.rows.length === 0) break;
    // The next chunk is asked for before this one is replayed and rewritten: PostgreSQL reads it while the replay
    // runs here. Its rows lie after this chunk's, so the rewrite cannot change them. Awaited in the next round;
    // should the replay refuse the posting first, the transaction's rollback answers for it.
    next = chunk.rows.length < CHUNK_ROWS ? null : rowsAfter(tx, who.shopId, place, chunk.last, false);
    next?.catch(() => undefined);
    const outcome = withinLimits(runSegment(replayed.final, chunk.rows, overrides), place);
    await rewriteHistory(tx, who, place, chunk, outcome);
    replayed.final = outcome.final;
    replayed.lowest = lowestShortfall(outcome, replayed.lowest);
    replayed.changedSources.push(...outcome.rows.filter(({ row, costChanged }) => costChanged && row.isCostSource).map(({ row }) => row.lineId));
  }
  return replayed;
}

/** A movement that would take a balance past its limits refuses the posting, history already rewritten included. */
function withinLimits(outcome: SegmentOutcome, place: { stockPointId: string; productId: string }): SegmentOutcome {
  if (outcome.overLimit) throw balanceLimitExceeded(place);
  return outcome;
}

/**
 * The posting's own writes in one statement: its ledger rows, the balances, the bill's place in
 * posting order, the month's figures, the marks on lines whose cost it now carries, and the closing.
 */
async function writePosting(
  context: PostingContext,
  bill: PostingBill,
  postingSeq: string,
  rows: SegmentRow[],
  results: Map<string, MovementResult>,
  outcomes: Array<{ productId: string; replayed: Replayed }>,
  closing: Closing | undefined,
): Promise<Record<string, unknown> | undefined> {
  const { tx, who } = context;
  const column = <T>(pick: (row: SegmentRow, result: MovementResult) => T) => rows.map((row) => pick(row, results.get(row.lineId)!));
  // The month's figures: what the bill states, the stock value it moved, one bill (a reversal takes them back).
  const amount = moneyText(rows.reduce((total, row) => total + moneyUnits(row.amount), 0n));
  const cost = moneyText(rows.reduce((total, row) => total + results.get(row.lineId)!.costAmount * BigInt(row.billSign), 0n));
  const params = new SqlParams();
  // The shop comes first: statsUpsert takes it as $1.
  const shop = params.add(who.shopId);
  const [point, billId, user] = [params.add(bill.stockPointId), params.add(bill.id), params.add(who.userId)];
  const array = (values: unknown[], type: string) => `${params.add(values)}::${type}[]`;
  const costSourceLineIds = array(column((row) => row.costSourceLineId), 'bigint');
  const ledgerRows = [
    array(bill.lines.map((line) => line.productId), 'bigint'),
    array(bill.lines.map((line) => line.id), 'bigint'),
    array(bill.lines.map((line) => line.lineNo), 'int'),
    array(column((row) => row.movement), 'text'),
    array(column((row) => quantityText(signedQuantity(row))), 'numeric'),
    array(column((row, result) => ledgerPrice(row, result).unitPrice), 'numeric'),
    array(column((row, result) => ledgerPrice(row, result).amount), 'numeric'),
    array(column((_, result) => unitCostText(result.unitCost)), 'numeric'),
    array(column((row, result) => moneyText(signedCost(row, result.costAmount))), 'numeric'),
    array(column((_, result) => quantityText(result.after.quantity)), 'numeric'),
    array(column((_, result) => unitCostText(result.after.avgCost)), 'numeric'),
    array(column((_, result) => moneyText(result.after.totalCost)), 'numeric'),
    costSourceLineIds,
    array(column((row) => row.isCostSource), 'boolean'),
  ];
  const newBalances = [
    array(outcomes.map(({ productId }) => productId), 'bigint'),
    array(outcomes.map(({ replayed }) => quantityText(replayed.final.quantity)), 'numeric'),
    array(outcomes.map(({ replayed }) => unitCostText(replayed.final.avgCost)), 'numeric'),
    array(outcomes.map(({ replayed }) => moneyText(replayed.final.totalCost)), 'numeric'),
    array(outcomes.map(({ replayed }) => replayed.given.length), 'int'),
  ];
  const inStats = params.add(bill.transferPeerId === null);
  const seq = params.add(postingSeq);
  const ofTheBill = [shop, point, billId, params.add(bill.billDate), seq, params.add(bill.direction), params.add(bill.kind), inStats, user, params.add(bill.billType)];
  const stats = statsUpsert({ bill: billId, amount: params.add(amount), cost: params.add(cost), count: params.add(bill.kind === 'reversal' ? -1 : 1), when: inStats });
  const closes = closing?.({ params, shop, bill: billId, user, ledger: 'ledger' });
  const [closed] = await tx.query(
    `WITH ledger AS (
       INSERT INTO stock_ledger_live (shop_id, stock_point_id, bill_id, bill_date, posting_seq, direction, bill_kind, in_stats, created_by, bill_type,
                                 product_id, line_id, line_no, movement, quantity, unit_price, amount, unit_cost, cost_amount,
                                 balance_quantity, balance_avg_cost, balance_amount, cost_source_line_id, is_cost_source)
       SELECT ${ofTheBill.join(', ')}, u.* FROM unnest(${ledgerRows.join(', ')}) AS u
       RETURNING shop_id, bill_id, line_id, in_stats, quantity, unit_price, amount, unit_cost, cost_amount, balance_quantity),
     balances AS (
       UPDATE inventory_balances b SET quantity = u.quantity, avg_cost = u.avg_cost, total_cost = u.total_cost,
              ledger_rows = b.ledger_rows + u.rows, updated_at = now(), updated_by = ${user}
         FROM unnest(${newBalances.join(', ')}) AS u(product_id, quantity, avg_cost, total_cost, rows)
        WHERE b.shop_id = ${shop} AND b.stock_point_id = ${point} AND b.product_id = u.product_id),
     sources AS (UPDATE stock_ledger_live SET is_cost_source = true WHERE shop_id = ${shop} AND line_id = ANY(${costSourceLineIds}) AND NOT is_cost_source),
     archived_sources AS (UPDATE stock_ledger_archive SET is_cost_source = true WHERE shop_id = ${shop} AND line_id = ANY(${costSourceLineIds}) AND NOT is_cost_source),
     stats AS (${stats})
     ${closes ? closes.ctes.map((cte) => `, ${cte}`).join('') : ''}
     UPDATE stock_bills b SET ${[`posting_seq = ${seq}`, 'updated_at = now()', ...(closes?.assignments ?? [])].join(', ')}
       ${closes?.from ? `FROM ${closes.from}` : ''}
      WHERE b.shop_id = ${shop} AND b.id = ${billId}
     ${closes ? `RETURNING ${closes.returning}` : ''}`,
    params.values,
  );
  return closed;
}

/**
 * When recomputing history changed the cost of a line that another line carries (a transfer's
 * receipt at another stock point, a reversal), that line's history is recomputed from its place, and so on.
 */
async function cascade(context: PostingContext, overrides: Map<string, CostOverride>, changedSources: string[]): Promise<void> {
  const { tx, who } = context;
  let pending = changedSources;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 50) throw new Error('cost cascade did not settle');
    const derived = await tx.query<{ stock_point_id: string; product_id: string; bill_date: string; posting_seq: string; line_no: number }>(
      `SELECT DISTINCT ON (stock_point_id, product_id) stock_point_id::text, product_id::text, bill_date::text, posting_seq::text, line_no
         FROM stock_ledger WHERE shop_id = $1 AND cost_source_line_id = ANY($2::bigint[])
        ORDER BY stock_point_id, product_id, bill_date, posting_seq, line_no`,
      [who.shopId, pending],
    );
    pending = [];
    for (const group of derived) {
      const position = { billDate: group.bill_date, postingSeq: group.posting_seq, lineNo: group.line_no };
      await tx.query('SELECT 1 FROM inventory_balances WHERE shop_id = $1 AND stock_point_id = $2 AND product_id = $3 FOR UPDATE', [
        who.shopId,
        group.stock_point_id,
        group.product_id,
      ]);
      const place = { stockPointId: group.stock_point_id, productId: group.product_id };
      const opening = await stateBefore(tx, who.shopId, place, position);
      const replayed = await replayHistory(context, place, opening, [], { from: position, inclusive: true }, overrides);
      const shortage = findShortage(context, replayed, place);
      if (shortage) throw insufficientStock([shortage]);
      await writeBalance(tx, who, group.stock_point_id, group.product_id, replayed.final);
      pending.push(...replayed.changedSources);
    }
  }
}

/**
 * Stock may not go below zero unless the shop allows it. A row already negative before this posting
 * is not blamed on it unless this posting made it worse.
 */
function findShortage(context: PostingContext, replayed: Replayed, place: { stockPointId: string; productId: string }): StockShortage | null {
  const { lowest } = replayed;
  if (context.allowNegative || lowest === null) return null;
  const taken = replayed.given.reduce((total, { row }) => total - signedQuantity(row), 0n);
  const requested = taken > 0n ? taken : 0n;
  return { ...place, requested: quantityText(requested), available: quantityText(requested + lowest > 0n ? requested + lowest : 0n) };
}

/**
 * Stock that unpaid orders hold is not for sale: a posting that takes stock may not leave less than that
 * (unless the shop allows negative stock). What was available to it is the stock less what is held.
 */
function findReservedShortage(context: PostingContext, replayed: Replayed, place: { stockPointId: string; productId: string }, reserved: bigint): StockShortage | null {
  if (context.allowNegative || reserved === 0n) return null;
  const taken = replayed.given.reduce((total, { row }) => total - signedQuantity(row), 0n);
  if (taken <= 0n || replayed.final.quantity >= reserved) return null;
  const available = replayed.final.quantity + taken - reserved;
  return { ...place, requested: quantityText(taken), available: quantityText(available > 0n ? available : 0n) };
}

/** The lower of `lowest` and the lowest balance below zero that a row of the outcome (not a receipt) left and did not find. */
function lowestShortfall(outcome: SegmentOutcome, lowest: bigint | null): bigint | null {
  for (const { row, result } of outcome.rows) {
    if (row.movement === 'receive' || result.after.quantity >= 0n) continue;
    if (row.existing && row.oldBalanceQuantity !== undefined && result.after.quantity >= quantityUnits(row.oldBalanceQuantity)) continue;
    lowest = lowest === null || result.after.quantity < lowest ? result.after.quantity : lowest;
  }
  return lowest;
}

async function stateBefore(
  tx: Transaction,
  shopId: string,
  { stockPointId, productId }: { stockPointId: string; productId: string },
  position: LedgerPosition,
): Promise<CostState> {
  const [row] = await tx.query<{ balance_quantity: string; balance_avg_cost: string; balance_amount: string }>(
    `SELECT balance_quantity, balance_avg_cost, balance_amount FROM stock_ledger l
      WHERE l.shop_id = $1 AND l.stock_point_id = $2 AND l.product_id = $3 AND ${before('l', 4)}
      ORDER BY l.bill_date DESC, l.posting_seq DESC, l.line_no DESC LIMIT 1`,
    [shopId, stockPointId, productId, ...positionParams(position)],
  );
  return row ? costState(row.balance_quantity, row.balance_avg_cost, row.balance_amount) : EMPTY_STATE;
}

/** The columns rowsAfter reads, each aggregated into one comma-separated text (booleans as 0/1). */
const LEDGER_COLUMNS = {
  lineIds: 'line_id::text',
  kinds: 'bill_kind',
  inStats: 'in_stats::int::text',
  directions: 'direction',
  dates: 'bill_date::text',
  postingSeqs: 'posting_seq::text',
  lineNos: 'line_no::text',
  movements: 'movement',
  quantities: 'quantity::text',
  unitPrices: 'unit_price::text',
  amounts: 'amount::text',
  unitCosts: 'unit_cost::text',
  costAmounts: 'cost_amount::text',
  costSources: "COALESCE(cost_source_line_id::text, '')",
  isCostSource: 'is_cost_source::int::text',
  balanceQuantities: 'balance_quantity::text',
} as const;

/**
 * Up to CHUNK_ROWS existing ledger rows after a position (or from it, inclusive), oldest first, and the
 * positions of the first and the last. They come as one row of columns, each a comma-joined text: splitting 16 strings
 * costs far less than thousands of row objects.
 * They are read from the live table, not the ledger view: every replay starts at a posting's date or later (a
 * cascade at a line that carries a replayed cost: a transfer's receipt, dated as its issue, or a reversal, dated
 * no earlier than what it reverses), and every archived row is dated before the shop's archive date, which a
 * posting dated earlier first moves back to its own date (`bringBackArchived`). Rewriting writes the live table only too.
 */
async function rowsAfter(
  tx: Transaction,
  shopId: string,
  { stockPointId, productId }: { stockPointId: string; productId: string },
  position: LedgerPosition,
  inclusive: boolean,
): Promise<{ rows: SegmentRow[]; first: LedgerPosition; last: LedgerPosition }> {
  const condition = inclusive ? `NOT ${before('l', 4)}` : after('l', 4);
  const [found] = await tx.query<Record<keyof typeof LEDGER_COLUMNS, string | null> & { billTypes: string[] | null }>(
    `SELECT ${Object.entries(LEDGER_COLUMNS).map(([name, sql]) => `string_agg(${sql}, ',') AS "${name}"`).join(', ')},
            json_agg(bill_type) AS "billTypes"
       FROM (SELECT * FROM stock_ledger_live l
              WHERE l.shop_id = $1 AND l.stock_point_id = $2 AND l.product_id = $3 AND ${condition}
              ORDER BY l.bill_date, l.posting_seq, l.line_no LIMIT ${CHUNK_ROWS}) l`,
    [shopId, stockPointId, productId, ...positionParams(position)],
  );
  if (!found!.lineIds) return { rows: [], first: position, last: position };
  const names = Object.keys(LEDGER_COLUMNS) as Array<keyof typeof LEDGER_COLUMNS>;
  const c = Object.fromEntries(names.map((name) => [name, found![name]!.split(',')])) as Record<keyof typeof LEDGER_COLUMNS, string[]>;
  // Bill types are the shop's own words and may hold a comma: they come as JSON, aggregated alongside the other columns.
  const billTypes = found!.billTypes!;
  // The aggregate does not promise the subquery's order, so the rows are put in ledger order here.
  const seqs = c.postingSeqs.map(BigInt);
  const lineNos = c.lineNos.map(Number);
  const order = c.lineIds.map((_, i) => i);
  order.sort((a, b) => (c.dates[a]! < c.dates[b]! ? -1 : c.dates[a]! > c.dates[b]! ? 1 : seqs[a]! < seqs[b]! ? -1 : seqs[a]! > seqs[b]! ? 1 : lineNos[a]! - lineNos[b]!));
  const positionOf = (i: number): LedgerPosition => ({ billDate: c.dates[i]!, postingSeq: c.postingSeqs[i]!, lineNo: lineNos[i]! });
  const rows = order.map((i): SegmentRow => ({
    lineId: c.lineIds[i]!,
    billDirection: c.directions[i] as SegmentRow['billDirection'],
    billSign: c.kinds[i] === 'reversal' ? -1 : 1,
    inStats: c.inStats[i] === '1',
    billType: billTypes[i]!,
    billDate: c.dates[i]!,
    movement: c.movements[i] as SegmentRow['movement'],
    quantity: magnitude(c.quantities[i]!, quantityUnits),
    unitPrice: c.unitPrices[i]!,
    amount: c.amounts[i]!,
    unitCost: unitCostUnits(c.unitCosts[i]!),
    costAmount: magnitude(c.costAmounts[i]!, moneyUnits),
    costSourceLineId: c.costSources[i] || null,
    isCostSource: c.isCostSource[i] === '1',
    existing: true,
    oldBalanceQuantity: c.balanceQuantities[i]!,
  }));
  return { rows, first: positionOf(order[0]!), last: positionOf(order.at(-1)!) };
}
