import { DEFAULT_STAFF_PERMISSIONS, lineAmount, shopDay, sum, type Actor } from '@xiaocang/domain';
import type { Queryable, Transaction } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { createBill } from '../bills/create-bill.ts';
import { productLockColumns } from '../stock/post-bills.ts';
import { holdLines, releaseHolds } from './holds.ts';
import { moveOrder, type LockedOrder } from './order-transition.ts';

export interface OrderPayment {
  method: 'offline' | 'wechatPay';
  paymentAccountId: string;
  /** WeChat Pay's transaction id. */
  transactionId?: string;
}

interface LineRow {
  goods_id: string;
  product_id: string | null;
  title: string;
  unit_price: string;
  quantity: string;
}

/**
 * An order's money has arrived, by whatever way (the merchant's word or a WeChat Pay notification): the order
 * is paid, and its stock leaves through a 销售出库 bill posted by the one posting function, linked to the order,
 * with the money received into `paymentAccountId`. The hold becomes the sale in the caller's transaction,
 * products locked first as every posting locks them. A payment for an order that expired holds its stock again
 * if there is enough; if not, nothing is changed and the refusal comes back in words (`stockGone`).
 * `actor` is whoever posts the bill: the merchant, or the shop's owner for a payment that came by itself.
 */
export async function takeOrderPayment(
  tx: Transaction,
  actor: Actor,
  order: LockedOrder,
  payment: OrderPayment,
  by: { userId?: string },
): Promise<{ stockGone: string | null }> {
  const lines = await tx.query<LineRow>(
    'SELECT goods_id::text, product_id::text, title, unit_price::text, quantity::text FROM order_lines WHERE shop_id = $1 AND order_id = $2 ORDER BY line_no',
    [actor.shopId, order.id],
  );
  const productIds = [...new Set(lines.flatMap((line) => (line.product_id ? [line.product_id] : [])))];
  await tx.query(`SELECT ${productLockColumns(2)}`, [actor.shopId, productIds]);
  if (order.status === 'cancelled') {
    // A line that cannot be held again must leave the lines before it unheld: a savepoint undoes them.
    await tx.query('SAVEPOINT hold_again');
    try {
      await holdLines(tx, actor.shopId, order.id, lines.map((line, index) => ({ index, goodsId: line.goods_id, productId: line.product_id, title: line.title, quantity: line.quantity })));
      await tx.query('RELEASE SAVEPOINT hold_again');
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INSUFFICIENT_STOCK') throw error;
      await tx.query('ROLLBACK TO SAVEPOINT hold_again');
      return { stockGone: error.message };
    }
  }
  await moveOrder(tx, actor.shopId, order, 'pay', by, { paymentAccountId: payment.paymentAccountId, method: payment.method, ...(payment.transactionId ? { transactionId: payment.transactionId } : {}) });
  await releaseHolds(tx, actor.shopId, order.id, { consumed: true });
  const sold = lines.filter((line) => line.product_id !== null);
  let billId: string | null = null;
  if (sold.length > 0) {
    const bill = await createBill(tx, actor, {
      direction: 'out',
      billType: '销售出库',
      billDate: shopDay(new Date()),
      customerId: order.customer_id,
      remarks: payment.method === 'wechatPay' ? `订单 ${order.order_no}（微信支付）` : `订单 ${order.order_no}`,
      attachments: [],
      lines: sold.map((line) => ({ productId: line.product_id!, quantity: line.quantity, unitPrice: line.unit_price })),
      paidAmount: sum(sold.map((line) => lineAmount(line.quantity, line.unit_price))).toFixed(2),
      paymentAccountId: payment.paymentAccountId,
      confirm: true,
    });
    billId = bill.id;
  }
  await tx.query(
    `UPDATE orders SET paid_at = now(), payment_account_id = $3, bill_id = $4, cancel_reason = NULL, payment_method = $5, transaction_id = $6
      WHERE shop_id = $1 AND id = $2`,
    [actor.shopId, order.id, payment.paymentAccountId, billId, payment.method, payment.transactionId ?? null],
  );
  return { stockGone: null };
}

/** The shop's first owner, acting for a payment that came by itself (a notification or a query), to post its sale under. */
export async function ownerActor(db: Queryable, shopId: string): Promise<Actor> {
  const [owner] = await db.query<{ id: string }>(`SELECT id::text FROM users WHERE shop_id = $1 AND role = 'owner' ORDER BY status = 'active' DESC, id LIMIT 1`, [shopId]);
  if (!owner) throw new Error(`shop ${shopId} has no owner`);
  return { shopId, userId: owner.id, role: 'owner', staffPermissions: DEFAULT_STAFF_PERMISSIONS };
}
