import { CreateBillRequest, type BillLineInput, type CreateProductWithStockRequest, type Product } from '@xiaocang/contracts';
import { OPENING_STOCK_TYPE, shopDay, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { createBill } from '../bills/create-bill.ts';
import { createRecord } from './create-record.ts';
import { products } from './definitions.ts';
import { loadRecord } from './load-record.ts';

/**
 * A new product, and with `openingStock` the stock it already has, posted as a 期初入库 bill through the
 * one posting function in the same transaction: either both exist or neither does.
 */
export async function createProduct(tx: Transaction, actor: Actor, input: CreateProductWithStockRequest): Promise<Product> {
  const { openingStock, ...values } = input;
  const product = await createRecord(tx, actor, { definition: products, values });
  if (!openingStock) return product;
  // Without a cost the line takes the product's inbound price, as any inbound line does.
  const line = { productId: product.id, quantity: openingStock.quantity, ...(openingStock.unitCost === undefined ? {} : { unitPrice: openingStock.unitCost }) };
  await postOpeningStock(tx, actor, { lines: [line], stockPointId: openingStock.stockPointId, remarks: '新建商品时录入的期初库存' });
  return loadRecord(tx, products, actor.shopId, product.id);
}

/** Posts stock that products already had as one 期初入库 bill (the shop's default stock point unless named). */
export async function postOpeningStock(
  tx: Transaction,
  actor: Actor,
  { lines, stockPointId, remarks }: { lines: BillLineInput[]; stockPointId?: string | undefined; remarks: string },
): Promise<string> {
  // The owner may have removed the type from the shop's list; an opening bill still needs it.
  await tx.query(
    `INSERT INTO shop_options (shop_id, kind, name, position)
     SELECT $1, 'inboundType', $2, COALESCE(max(position) + 1, 0) FROM shop_options WHERE shop_id = $1 AND kind = 'inboundType'
     ON CONFLICT DO NOTHING`,
    [actor.shopId, OPENING_STOCK_TYPE],
  );
  const bill = await createBill(
    tx,
    actor,
    CreateBillRequest.parse({ direction: 'in', billType: OPENING_STOCK_TYPE, billDate: shopDay(new Date()), stockPointId, remarks, lines, confirm: true }),
  );
  return bill.id;
}
