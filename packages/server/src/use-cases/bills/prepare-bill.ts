import type { UpdateBillRequest } from '@xiaocang/contracts';
import { can, checkBillPayment, moneyUnits, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, invalid, notFound, obeyMoneyRules } from '../../errors.ts';
import { checkUploadReferences } from '../uploads/check-upload-references.ts';
import { productLockColumns, type ProductsLocked } from '../stock/post-bills.ts';
import { checkLines, productIdsOf, productsColumn, totalsOf, type PreparedLine, type ProductRow } from './prepare-lines.ts';
import { unseenArray } from '../../db/sql-params.ts';

export interface PreparedHeader {
  stockPointId: string;
  supplierId: string | null;
  customerId: string | null;
  /** The counterparty's name now, kept on the bill so that a later rename leaves it as it was. */
  supplierName: string | null;
  customerName: string | null;
}

/** SQL columns default_id and requested_status for stockPointChoice; $1 is the shop, $n the requested id. */
const stockPointColumns = (n: number) => `(SELECT id::text FROM stock_points WHERE shop_id = $1 AND is_default) AS default_id,
       (SELECT status FROM stock_points WHERE shop_id = $1 AND id = $${n}::bigint) AS requested_status`;

/** The stock point a bill uses: the one asked for, or the shop's default (always, for staff who may not choose). */
function stockPointChoice(
  actor: Actor,
  requested: string | undefined,
  found: { default_id: string | null; requested_status: string | null },
  field: string,
): string {
  if (requested === undefined || requested === found.default_id) {
    if (!found.default_id) throw notFound('Default stock point', field);
    return found.default_id;
  }
  if (!can(actor, 'chooseStockPoint')) throw forbidden('Your account uses the default stock point only');
  if (!found.requested_status) throw notFound('Stock point', field);
  if (found.requested_status !== 'active') throw invalid(field, 'is inactive');
  return requested;
}

export async function resolveStockPoint(db: Queryable, actor: Actor, requested: string | undefined, field = 'stockPointId'): Promise<string> {
  const [found] = await db.query<{ default_id: string | null; requested_status: string | null }>(`SELECT ${stockPointColumns(2)}`, [
    actor.shopId,
    requested ?? null,
  ]);
  return stockPointChoice(actor, requested, found!, field);
}

/**
 * Checks the bill type is one of the shop's, the counterparty fits the direction and the shop, and
 * the lines' products (see `checkLines`), all in one round trip. A bill about to be posted locks its
 * products here already, as posting would (`locked`, to pass on to it).
 */
export async function prepareBill(
  db: Queryable,
  actor: Actor,
  direction: 'in' | 'out',
  input: Pick<UpdateBillRequest, 'billType' | 'stockPointId' | 'supplierId' | 'customerId' | 'lines' | 'paidAmount' | 'paymentAccountId' | 'attachments'>,
  { lockProducts = false } = {},
): Promise<{ header: PreparedHeader; lines: PreparedLine[]; locked: ProductsLocked | undefined }> {
  await checkUploadReferences(
    db,
    actor.shopId,
    input.attachments.map((attachment, i) => ({ field: `attachments.${i}.fileId`, address: attachment.fileId, purposes: ['bill'] })),
  );
  if (direction === 'in' && input.customerId) throw invalid('customerId', 'belongs on outbound bills; inbound bills name a supplier');
  if (direction === 'out' && input.supplierId) throw invalid('supplierId', 'belongs on inbound bills; outbound bills name a customer');
  const [found] = await db.query<{
    type_ok: boolean;
    supplier_name: string | null;
    customer_name: string | null;
    default_id: string | null;
    requested_status: string | null;
    allow_negative_stock: boolean | null;
    products: ProductRow[] | null;
    account_status: string | null;
    level_prices: Record<string, string> | null;
    allowed_product_ids: string[] | null;
  }>(
    `SELECT EXISTS (SELECT 1 FROM shop_options WHERE shop_id = $1 AND kind = $2 AND name = $3) AS type_ok,
            (SELECT name FROM suppliers WHERE shop_id = $1 AND id = $4::bigint) AS supplier_name,
            (SELECT name FROM customers WHERE shop_id = $1 AND id = $5::bigint) AS customer_name,
            ${stockPointColumns(6)},
            ${productsColumn(7)},
            ${lockProducts ? productLockColumns(7) : 'NULL AS allow_negative_stock'},
            (SELECT status FROM payment_accounts WHERE shop_id = $1 AND id = $8::bigint) AS account_status,
            (SELECT json_object_agg(pp.product_id::text, pp.price::text)
               FROM customers c JOIN product_prices pp ON pp.shop_id = c.shop_id AND pp.price_level_id = c.price_level_id
              WHERE c.shop_id = $1 AND c.id = $5::bigint AND pp.product_id = ANY(${unseenArray('$7', 'bigint')})) AS level_prices,
            (SELECT array_agg(product_id::text) FROM customer_products WHERE shop_id = $1 AND customer_id = $5::bigint) AS allowed_product_ids`,
    [
      actor.shopId,
      direction === 'in' ? 'inboundType' : 'outboundType',
      input.billType,
      input.supplierId ?? null,
      input.customerId ?? null,
      input.stockPointId ?? null,
      productIdsOf(input.lines),
      input.paymentAccountId ?? null,
    ],
  );
  if (!found!.type_ok) throw invalid('billType', `is not one of the shop's ${direction === 'in' ? 'inbound' : 'outbound'} types`);
  if (input.supplierId && found!.supplier_name === null) throw notFound('Supplier', 'supplierId');
  if (input.customerId && found!.customer_name === null) throw notFound('Customer', 'customerId');
  if (input.paymentAccountId && !found!.account_status) throw notFound('Payment account', 'paymentAccountId');
  if (found!.account_status === 'inactive') throw invalid('paymentAccountId', 'is switched off');
  const customer = input.customerId ? { levelPrices: found!.level_prices ?? {}, allowedProductIds: found!.allowed_product_ids ?? [] } : undefined;
  const lines = checkLines(found!.products, direction, input.lines, customer);
  const partyId = (direction === 'out' ? input.customerId : input.supplierId) ?? null;
  // Paying for a purchase means knowing what it cost.
  if (direction === 'in' && moneyUnits(input.paidAmount) !== 0n && !can(actor, 'recordPayments')) {
    throw forbidden('Payments to suppliers are hidden from your account');
  }
  obeyMoneyRules(() =>
    checkBillPayment({
      billId: '',
      direction,
      partyId,
      total: moneyUnits(totalsOf(lines).totalAmount),
      paid: moneyUnits(input.paidAmount),
      accountId: input.paymentAccountId ?? null,
    }),
  );
  return {
    header: {
      stockPointId: stockPointChoice(actor, input.stockPointId, found!, 'stockPointId'),
      supplierId: input.supplierId ?? null,
      customerId: input.customerId ?? null,
      supplierName: found!.supplier_name,
      customerName: found!.customer_name,
    },
    lines,
    locked: lockProducts ? { allowNegativeStock: found!.allow_negative_stock! } : undefined,
  };
}

/** The columns a draft's author controls, as (column, value) pairs for INSERT and UPDATE alike. */
export function editableColumns(
  input: Pick<UpdateBillRequest, 'billType' | 'billDate' | 'remarks' | 'attachments' | 'paidAmount' | 'paymentAccountId'>,
  header: PreparedHeader,
  totals: { totalQuantity: string; totalAmount: string },
): Array<[string, unknown]> {
  return [
    ['bill_type', input.billType],
    ['bill_date', input.billDate],
    ['stock_point_id', header.stockPointId],
    ['supplier_id', header.supplierId],
    ['customer_id', header.customerId],
    ['supplier_name', header.supplierName],
    ['customer_name', header.customerName],
    ['total_quantity', totals.totalQuantity],
    ['total_amount', totals.totalAmount],
    ['remarks', input.remarks],
    ['attachments', JSON.stringify(input.attachments)],
    ['paid_amount', input.paidAmount],
    ['payment_account_id', input.paymentAccountId],
  ];
}
