import type { Order, OrderList } from '@xiaocang/contracts';
import type { Actor, OrderTab } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { requireOrderDesk } from './order-actions.ts';
import { listOrders, loadOrder } from './order-rows.ts';

/** The shop's orders by tab, for whoever may sell. */
export async function listShopOrders(db: Queryable, actor: Actor, query: { page: number; pageSize: number; tab?: OrderTab | undefined }): Promise<OrderList> {
  requireOrderDesk(actor);
  return listOrders(db, actor.shopId, query);
}

export async function getShopOrder(db: Queryable, actor: Actor, id: string): Promise<Order> {
  requireOrderDesk(actor);
  return loadOrder(db, actor.shopId, id);
}
