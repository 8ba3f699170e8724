import type { Queryable } from '../../db/database.ts';
import { notifyOwners } from '../notifications/notify-users.ts';

/**
 * A payment the shop must look at (another amount, an unknown order, stock gone after expiry, a failed
 * refund): written on the order when there is one, and told to the owners.
 */
export async function reportPaymentProblem(db: Queryable, shopId: string, problem: { source: string; orderId: string | null; subject: string; detail: string }): Promise<void> {
  if (problem.orderId) await db.query('UPDATE orders SET payment_problem = $3 WHERE shop_id = $1 AND id = $2', [shopId, problem.orderId, problem.detail]);
  await notifyOwners(db, shopId, {
    kind: 'paymentProblem',
    source: `paymentProblem:${problem.source}`,
    title: `收款异常：${problem.subject}`,
    body: problem.detail,
    page: problem.orderId ? `/sub/order/detail/index?id=${problem.orderId}` : null,
    subject: problem.subject,
    detail: problem.detail,
  });
}
