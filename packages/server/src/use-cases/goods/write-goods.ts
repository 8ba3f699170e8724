import type { Goods, GoodsInput } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Database, Queryable } from '../../db/database.ts';
import { invalidState, notFound } from '../../errors.ts';
import { recordAudit, recordChanges } from '../audit/record-audit.ts';
import { checkUploadReferences, PICTURE_PURPOSES } from '../uploads/check-upload-references.ts';
import { requireGoodsEditor } from './goods-access.ts';
import { getGoods } from './list-goods.ts';

const COLUMNS: Array<[keyof GoodsInput, string]> = [
  ['productId', 'product_id'],
  ['title', 'title'],
  ['price', 'price'],
  ['images', 'images'],
  ['description', 'description'],
  ['onShelf', 'on_shelf'],
  ['sortOrder', 'sort_order'],
  ['maxPerOrder', 'max_per_order'],
  ['ownStock', 'own_stock'],
];
const valueOf = (key: keyof GoodsInput, value: unknown) => (key === 'images' ? JSON.stringify(value) : value);

async function requireProduct(db: Queryable, shopId: string, productId: string | null | undefined): Promise<void> {
  if (!productId) return;
  const [found] = await db.query('SELECT 1 FROM products WHERE shop_id = $1 AND id = $2', [shopId, productId]);
  if (!found) throw notFound('Product', 'productId');
}

/** The pictures must be links, or this shop's own uploads. */
async function checkImages(db: Queryable, shopId: string, images: string[] | undefined): Promise<void> {
  if (!images) return;
  await checkUploadReferences(db, shopId, images.map((address, i) => ({ field: `images.${i}`, address, purposes: PICTURE_PURPOSES })));
}

/** Sets out goods for the storefront, linked to a warehouse product or with a count of their own. */
export async function createGoods(db: Database, actor: Actor, input: GoodsInput): Promise<Goods> {
  requireGoodsEditor(actor);
  const id = await db.transaction(async (tx) => {
    await requireProduct(tx, actor.shopId, input.productId);
    await checkImages(tx, actor.shopId, input.images);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO goods (shop_id, ${COLUMNS.map(([, column]) => column).join(', ')}) VALUES ($1, ${COLUMNS.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id::text`,
      [actor.shopId, ...COLUMNS.map(([key]) => valueOf(key, input[key]))],
    );
    await recordAudit(tx, actor, 'create', 'goods', row!.id, { ...input });
    return row!.id;
  });
  return getGoods(db, actor, id);
}

/** Changes the fields named; the count a goods item keeps of its own may not drop below what orders hold. */
export async function updateGoods(db: Database, actor: Actor, input: { id: string; changes: Partial<GoodsInput> }): Promise<Goods> {
  requireGoodsEditor(actor);
  const changed = COLUMNS.filter(([key]) => input.changes[key] !== undefined);
  return db.transaction(async (tx) => {
    const [before] = await tx.query<{ own_reserved: string }>('SELECT own_reserved::text FROM goods WHERE shop_id = $1 AND id = $2 FOR UPDATE', [actor.shopId, input.id]);
    if (!before) throw notFound('Goods');
    const shownBefore = await getGoods(tx, actor, input.id);
    await requireProduct(tx, actor.shopId, input.changes.productId);
    await checkImages(tx, actor.shopId, input.changes.images);
    if (changed.length === 0) return shownBefore;
    const updated = await tx.query(
      `UPDATE goods SET ${changed.map(([, column], i) => `${column} = $${i + 3}`).join(', ')}, updated_at = now()
        WHERE shop_id = $1 AND id = $2 AND own_stock >= own_reserved RETURNING id`,
      [actor.shopId, input.id, ...changed.map(([key]) => valueOf(key, input.changes[key]))],
    );
    if (updated.length === 0) throw invalidState(`Unpaid orders hold ${before.own_reserved} of these goods: the count may not be lower`);
    const after = await getGoods(tx, actor, input.id);
    await recordChanges(tx, actor, 'goods', input.id, shownBefore, after);
    return after;
  });
}

/** Removes goods no order ever named; goods that were ordered are taken off the shelf instead. */
export async function deleteGoods(db: Database, actor: Actor, id: string): Promise<{ ok: true }> {
  requireGoodsEditor(actor);
  await db.transaction(async (tx) => {
    const [found] = await tx.query('SELECT 1 FROM goods WHERE shop_id = $1 AND id = $2 FOR UPDATE', [actor.shopId, id]);
    if (!found) throw notFound('Goods');
    const [ordered] = await tx.query('SELECT 1 FROM order_lines WHERE shop_id = $1 AND goods_id = $2 LIMIT 1', [actor.shopId, id]);
    if (ordered) throw invalidState('These goods are on orders: take them off the shelf (下架) instead');
    await tx.query('DELETE FROM goods WHERE shop_id = $1 AND id = $2', [actor.shopId, id]);
    await recordAudit(tx, actor, 'delete', 'goods', id);
  });
  return { ok: true };
}
