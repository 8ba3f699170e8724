import { formatMoney, formatQuantity, formatUnitCost, lineAmount, LIMITS, limitText, sum } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { unseenArray } from '../../db/sql-params.ts';

export interface PreparedLine {
  productId: string;
  productName: string;
  productCode: string | null;
  unit: string;
  specification: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface ProductRow {
  id: string;
  name: string;
  code: string | null;
  unit: string;
  specification: string;
  inbound_price: string;
  outbound_price: string;
  is_enabled: boolean;
}

type LineRequest = {
  productId: string;
  quantity: string;
  unitPrice?: string;
  /** Where the line sits in the request, for errors (`lines.<index>` unless said). */
  field?: string;
};

/** The lines' products as a JSON column (`products`) for a statement of the caller's: $1 is the shop, $n the product ids. */
export function productsColumn(n: number): string {
  return `(SELECT json_agg(p) FROM (SELECT id::text, name, code, unit, specification, inbound_price::text, outbound_price::text, is_enabled
                                     FROM products WHERE shop_id = $1 AND id = ANY(${unseenArray(`$${n}`, 'bigint')})) p) AS products`;
}

export const productIdsOf = (lines: ReadonlyArray<LineRequest>) => [...new Set(lines.map((line) => line.productId))];

/** What a sale's customer changes about its lines: the prices at their level, and the only products they may buy. */
export interface CustomerTerms {
  /** Product id → price at the customer's level, where that level sets one. */
  levelPrices: Record<string, string>;
  /** Empty: any product. */
  allowedProductIds: string[];
}

const productRefused = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);

/**
 * Checks each line's product belongs to the shop and is enabled (and on a sale to a customer, is one
 * they may buy), fills a missing price from the product (or the customer's level) and snapshots what
 * the bill must keep showing if the product changes later. Every bill's lines pass here, typed or
 * derived (a stocktake's gains), so here a line's amount and the bill's total are held to their limits.
 * The messages name the limit, not the amount: a price taken from the product may be one the caller may not see.
 */
export function checkLines(found: ProductRow[] | null, direction: 'in' | 'out', lines: ReadonlyArray<LineRequest>, customer?: CustomerTerms): PreparedLine[] {
  const products = new Map((found ?? []).map((row) => [row.id, row]));
  const allowed = customer && customer.allowedProductIds.length > 0 ? new Set(customer.allowedProductIds) : null;
  const prepared = lines.map((line, index) => {
    const field = line.field ?? `lines.${index}`;
    const product = products.get(line.productId);
    if (!product) throw notFound('Product', `${field}.productId`);
    if (!product.is_enabled) throw productRefused(`${field}.productId`, `${product.name} is disabled`);
    if (allowed && !allowed.has(product.id)) throw productRefused(`${field}.productId`, `${product.name} is not among the products this customer may buy`);
    const defaultPrice = direction === 'in' ? product.inbound_price : (customer?.levelPrices[product.id] ?? product.outbound_price);
    const unitPrice = formatUnitCost(line.unitPrice ?? defaultPrice);
    const amount = lineAmount(String(line.quantity), unitPrice);
    if (amount.gt(LIMITS.lineAmount)) {
      throw invalid(field, `comes to more than ${limitText(LIMITS.lineAmount)} yuan (quantity × unit price), the most one line may hold`);
    }
    return {
      productId: product.id,
      productName: product.name,
      productCode: product.code,
      unit: product.unit,
      specification: product.specification,
      quantity: formatQuantity(String(line.quantity)),
      unitPrice,
      amount: formatMoney(amount),
    };
  });
  if (sum(prepared.map((line) => line.amount)).gt(LIMITS.billTotal)) {
    throw invalid('lines', `come to more than ${limitText(LIMITS.billTotal)} yuan, the most one bill may hold; split them into several bills`);
  }
  return prepared;
}

/** `checkLines` on its own round trip, for bills whose header needs no checking. */
export async function prepareLines(db: Queryable, shopId: string, direction: 'in' | 'out', lines: ReadonlyArray<LineRequest>): Promise<PreparedLine[]> {
  const [row] = await db.query<{ products: ProductRow[] | null }>(`SELECT ${productsColumn(2)}`, [shopId, productIdsOf(lines)]);
  return checkLines(row!.products, direction, lines);
}

export const totalsOf = (lines: PreparedLine[]) => ({
  totalQuantity: formatQuantity(sum(lines.map((line) => line.quantity))),
  totalAmount: formatMoney(sum(lines.map((line) => line.amount))),
});

/**
 * INSERT of prepared lines as SQL: $1 is the shop, `billId` a SQL expression for the bill (a
 * parameter, or a column of a preceding CTE), `first` the number of the first of its 11 parameters.
 */
export function lineInsert(billId: string, first: number, from = '') {
  const p = (i: number) => `$${first + i}`;
  return `INSERT INTO stock_bill_lines_live (shop_id, bill_id, direction, created_by, line_no, product_id, product_name, product_code, unit,
                                   specification, quantity, unit_price, amount, cost_source_line_id)
     SELECT $1, ${billId}, ${p(0)}, ${p(1)}, u.ordinality, u.product_id, u.product_name, u.product_code, u.unit, u.specification, u.quantity,
            u.unit_price, u.amount, u.cost_source_line_id
       FROM ${from}unnest(${p(2)}::bigint[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[], ${p(6)}::text[], ${p(7)}::numeric[],
                   ${p(8)}::numeric[], ${p(9)}::numeric[], ${p(10)}::bigint[])
            WITH ORDINALITY AS u(product_id, product_name, product_code, unit, specification, quantity, unit_price, amount, cost_source_line_id, ordinality)
     RETURNING id::text`;
}

export function lineInsertParams(direction: 'in' | 'out', userId: string, lines: PreparedLine[], costSourceLineIds?: Array<string | null>) {
  const column = <K extends keyof PreparedLine>(key: K) => lines.map((line) => line[key]);
  return [
    direction,
    userId,
    column('productId'),
    column('productName'),
    column('productCode'),
    column('unit'),
    column('specification'),
    column('quantity'),
    column('unitPrice'),
    column('amount'),
    costSourceLineIds ?? lines.map(() => null),
  ];
}

/** Adds prepared lines to a bill that has none yet (a new bill: nothing to delete first); returns their ids in line order. */
export async function insertLines(
  tx: Queryable,
  shopId: string,
  billId: string,
  direction: 'in' | 'out',
  userId: string,
  lines: PreparedLine[],
  costSourceLineIds?: Array<string | null>,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(lineInsert('$2', 3), [shopId, billId, ...lineInsertParams(direction, userId, lines, costSourceLineIds)]);
  return rows.map((row) => row.id);
}
