import type { Stocktake } from '@xiaocang/contracts';
import { formatQuantity, dec } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';

export interface StoredStocktakeLine {
  productId: string;
  countedQuantity: string;
  /** Frozen when the stocktake is confirmed; a draft shows the live book quantity. */
  bookQuantity?: string;
}

export interface StocktakeRow {
  id: string;
  stock_point_id: string;
  bill_date: string;
  status: Stocktake['status'];
  remarks: string;
  lines: StoredStocktakeLine[];
  gain_bill_id: string | null;
  loss_bill_id: string | null;
  created_by: string;
  created_at: Date;
  confirmed_at: Date | null;
}

export async function loadStocktakeRow(db: Queryable, shopId: string, id: string, lock = false): Promise<StocktakeRow> {
  const [row] = await db.query<StocktakeRow>(`SELECT * FROM stocktakes WHERE shop_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [shopId, id]);
  if (!row) throw notFound('Stocktake');
  return row;
}

/** Book quantities now, per product, at one stock point. */
export async function bookQuantities(db: Queryable, shopId: string, stockPointId: string, productIds: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ product_id: string; quantity: string }>(
    'SELECT product_id, quantity FROM inventory_balances WHERE shop_id = $1 AND stock_point_id = $2 AND product_id = ANY($3::bigint[])',
    [shopId, stockPointId, productIds],
  );
  return new Map(rows.map((row) => [row.product_id, row.quantity]));
}

export async function toStocktake(db: Queryable, shopId: string, row: StocktakeRow): Promise<Stocktake> {
  const productIds = row.lines.map((line) => line.productId);
  const products = new Map(
    (
      await db.query<{ id: string; name: string; code: string | null; unit: string }>(
        'SELECT id, name, code, unit FROM products WHERE shop_id = $1 AND id = ANY($2::bigint[])',
        [shopId, productIds],
      )
    ).map((product) => [product.id, product]),
  );
  const live = row.status === 'draft' ? await bookQuantities(db, shopId, row.stock_point_id, productIds) : new Map<string, string>();
  return {
    id: row.id,
    stockPointId: row.stock_point_id,
    billDate: row.bill_date,
    status: row.status,
    remarks: row.remarks,
    lines: row.lines.map((line) => {
      const product = products.get(line.productId)!;
      const book = line.bookQuantity ?? live.get(line.productId) ?? '0';
      return {
        productId: line.productId,
        productName: product.name,
        productCode: product.code,
        unit: product.unit,
        bookQuantity: formatQuantity(book),
        countedQuantity: formatQuantity(line.countedQuantity),
        difference: formatQuantity(dec(line.countedQuantity).minus(book)),
      };
    }),
    gainBillId: row.gain_bill_id,
    lossBillId: row.loss_bill_id,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
  };
}
