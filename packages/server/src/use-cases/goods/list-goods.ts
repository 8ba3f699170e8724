import type { Goods, GoodsStatus, List } from '@xiaocang/contracts';
import { formatQuantity, quantityUnits, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { goodsSelect, toGoods, type GoodsRow } from './goods-rows.ts';

export async function listGoods(db: Queryable, actor: Actor, query: { page: number; pageSize: number; q?: string | undefined; onShelf?: 'true' | 'false' | undefined }): Promise<List<Goods>> {
  const rows = await db.query<GoodsRow & { total: string }>(
    `${goodsSelect('count(*) OVER () AS total, ')}
      WHERE g.shop_id = $1 AND ($2::text IS NULL OR g.title ILIKE '%' || $2 || '%') AND ($3::boolean IS NULL OR g.on_shelf = $3)
      ORDER BY g.sort_order, g.id LIMIT $4 OFFSET $5`,
    [actor.shopId, query.q ?? null, query.onShelf === undefined ? null : query.onShelf === 'true', query.pageSize, (query.page - 1) * query.pageSize],
  );
  return { items: rows.map(toGoods), total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize };
}

export async function getGoods(db: Queryable, actor: Actor, id: string): Promise<Goods> {
  const [row] = await db.query<GoodsRow>(`${goodsSelect()} WHERE g.shop_id = $1 AND g.id = $2`, [actor.shopId, id]);
  if (!row) throw notFound('Goods');
  return toGoods(row);
}

/** Each goods item against its stock and what orders hold; what looks wrong first. */
export async function goodsStatus(db: Queryable, actor: Actor): Promise<GoodsStatus> {
  const rows = await db.query<GoodsRow>(`${goodsSelect()} WHERE g.shop_id = $1 ORDER BY g.sort_order, g.id`, [actor.shopId]);
  const items = rows.map((row) => {
    const problem =
      quantityUnits(row.reserved_quantity) > quantityUnits(row.stock_quantity)
        ? '订单占用超过库存'
        : row.on_shelf && quantityUnits(row.available_quantity) <= 0n
          ? '在架但无货可卖'
          : row.product_id === null
            ? '未关联仓库商品，按自己的数量卖'
            : null;
    return {
      goodsId: row.id,
      title: row.title,
      productName: row.product_name,
      onShelf: row.on_shelf,
      stockQuantity: formatQuantity(row.stock_quantity),
      reservedQuantity: formatQuantity(row.reserved_quantity),
      availableQuantity: formatQuantity(row.available_quantity),
      problem,
    };
  });
  const rank = (problem: string | null) => (problem === null ? 2 : problem.startsWith('未关联') ? 1 : 0);
  return { items: items.sort((a, b) => rank(a.problem) - rank(b.problem)) };
}
