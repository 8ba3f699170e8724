import type { Order, PlaceOrderRequest } from '@xiaocang/contracts';
import { formatMoney, lineAmount, quantityUnits, shopDay, sum } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { invalid, notFound } from '../../errors.ts';
import { notifyOwners } from '../notifications/notify-users.ts';
import { VISIBLE_TO_CUSTOMER } from '../store/store-goods.ts';
import type { Shopper } from '../store/customer-accounts.ts';
import { holdLines } from './holds.ts';
import { loadOrder } from './order-rows.ts';

interface OfferedGoods {
  id: string;
  product_id: string | null;
  title: string;
  price: string;
  max_per_order: string;
}

/**
 * A customer orders: every line checked against the goods as they are now (on the shelf for this customer,
 * at today's price — the client's price is compared, never used — and within the caps), then held whole or
 * not at all, with an expiry; the owner is told. An Idempotency-Key makes a retried order the same order.
 */
export async function placeOrder(db: Database, shopper: Shopper, input: PlaceOrderRequest, idempotencyKey?: string): Promise<Order> {
  return db.transaction(async (tx) => {
    // One customer's orders are placed one at a time: the cap on what they hold, and a retried key, are judged on settled facts.
    await tx.query('SELECT 1 FROM customer_accounts WHERE shop_id = $1 AND id = $2 FOR UPDATE', [shopper.shopId, shopper.accountId]);
    if (idempotencyKey) {
      const [earlier] = await tx.query<{ id: string }>('SELECT id::text FROM orders WHERE shop_id = $1 AND account_id = $2 AND client_key = $3', [
        shopper.shopId,
        shopper.accountId,
        idempotencyKey,
      ]);
      if (earlier) return loadOrder(tx, shopper.shopId, earlier.id);
    }
    const [address] = await tx.query<{ name: string; phone: string; region: string; detail: string }>(
      'SELECT name, phone, region, detail FROM customer_addresses WHERE shop_id = $1 AND account_id = $2 AND id = $3 AND NOT deleted',
      [shopper.shopId, shopper.accountId, input.addressId],
    );
    if (!address) throw notFound('Address', 'addressId');
    const offered = await tx.query<OfferedGoods>(
      `SELECT g.id::text, g.product_id::text, g.title, g.price::text, g.max_per_order::text FROM goods g
        WHERE g.shop_id = $1 AND ${VISIBLE_TO_CUSTOMER} AND g.id = ANY($3::bigint[])`,
      [shopper.shopId, shopper.customerId, input.lines.map((line) => line.goodsId)],
    );
    const lines = input.lines.map((line, index) => {
      const goods = offered.find((candidate) => candidate.id === line.goodsId);
      if (!goods) throw invalid(`lines.${index}.goodsId`, 'is not for sale (off the shelf or not offered to you)');
      if (formatMoney(goods.price) !== formatMoney(line.unitPrice)) throw invalid(`lines.${index}.unitPrice`, `is not the price: 「${goods.title}」 now costs ¥${formatMoney(goods.price)}`);
      const ordered = sum(input.lines.filter((other) => other.goodsId === line.goodsId).map((other) => other.quantity));
      if (quantityUnits(goods.max_per_order) > 0n && quantityUnits(ordered.toFixed(3)) > quantityUnits(goods.max_per_order)) {
        throw invalid(`lines.${index}.quantity`, `is more than one order may take of 「${goods.title}」 (${goods.max_per_order})`);
      }
      return { index, goods, quantity: line.quantity, amount: lineAmount(line.quantity, goods.price).toFixed(2) };
    });
    const [shop] = await tx.query<{ cap: string; held: string; minutes: number }>(
      `SELECT s.customer_hold_cap::text AS cap, s.order_expiry_minutes AS minutes,
              (SELECT COALESCE(sum(h.quantity), 0) FROM order_holds h JOIN orders o ON o.shop_id = h.shop_id AND o.id = h.order_id
                WHERE o.shop_id = s.id AND o.account_id = $2 AND o.status = 'pendingPayment')::text AS held
         FROM shops s WHERE s.id = $1`,
      [shopper.shopId, shopper.accountId],
    );
    const wanted = sum(lines.map((line) => line.quantity)).plus(shop!.held);
    if (quantityUnits(shop!.cap) > 0n && quantityUnits(wanted.toFixed(3)) > quantityUnits(shop!.cap)) {
      throw invalid('lines', `together with your unpaid orders this is more than one customer may hold (${shop!.cap}): pay or cancel those first`);
    }
    const [order] = await tx.query<{ id: string }>(
      `WITH next AS (SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS id)
       INSERT INTO orders (shop_id, id, order_no, account_id, customer_id, client_key, status, total_amount, address, note, expires_at)
       SELECT $1, next.id, 'DD' || $3 || lpad(next.id::text, 6, '0'), $2, $4, $5, 'pendingPayment', $6, $7, $8, now() + make_interval(mins => $9) FROM next
       RETURNING id::text`,
      [
        shopper.shopId,
        shopper.accountId,
        shopDay(new Date()).replaceAll('-', ''),
        shopper.customerId,
        idempotencyKey ?? null,
        sum(lines.map((line) => line.amount)).toFixed(2),
        JSON.stringify(address),
        input.note,
        shop!.minutes,
      ],
    );
    const orderId = order!.id;
    await tx.query(
      `INSERT INTO order_lines (shop_id, order_id, line_no, goods_id, product_id, title, unit_price, quantity, amount)
       SELECT $1, $2, l.n, l.goods_id, l.product_id, l.title, l.unit_price, l.quantity, l.amount
         FROM unnest($3::bigint[], $4::bigint[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[]) WITH ORDINALITY AS l(goods_id, product_id, title, unit_price, quantity, amount, n)`,
      [
        shopper.shopId,
        orderId,
        lines.map((line) => line.goods.id),
        lines.map((line) => line.goods.product_id),
        lines.map((line) => line.goods.title),
        lines.map((line) => line.goods.price),
        lines.map((line) => line.quantity),
        lines.map((line) => line.amount),
      ],
    );
    await holdLines(
      tx,
      shopper.shopId,
      orderId,
      lines.map((line) => ({ index: line.index, goodsId: line.goods.id, productId: line.goods.product_id, title: line.goods.title, quantity: line.quantity })),
    );
    await tx.query(`INSERT INTO order_events (shop_id, order_id, action, to_status, by_customer) VALUES ($1, $2, 'place', 'pendingPayment', $3)`, [
      shopper.shopId,
      orderId,
      shopper.customerId,
    ]);
    const placed = await loadOrder(tx, shopper.shopId, orderId);
    const detail = `${placed.customerName} 下单 ¥${placed.totalAmount}，共 ${placed.lines.length} 种商品`;
    await notifyOwners(tx, shopper.shopId, {
      kind: 'newOrder',
      source: `newOrder:${orderId}`,
      title: `新订单：${placed.orderNo}`,
      body: detail,
      page: `/sub/order/detail/index?id=${orderId}`,
      subject: placed.orderNo,
      detail,
    });
    return placed;
  });
}
