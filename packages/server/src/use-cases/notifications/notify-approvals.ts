import type { Bill } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notifyOwners, notifyUsers } from './notify-users.ts';

const billPage = (bill: Bill) => `/sub/bill/detail/index?id=${bill.id}`;
const billName = (bill: Bill) => `${bill.billType}${bill.billNo ? ` ${bill.billNo}` : ''}`;

/**
 * A staff member's bill now waits for approval: the owners are told. The words name the bill and who
 * made it, never its prices or quantities, so the same notice is fit for whoever reads it.
 */
export async function notifyApprovalRequest(db: Queryable, actor: Actor, bill: Bill): Promise<void> {
  const detail = `${bill.createdByName} 提交了${billName(bill)}，等待审核`;
  await notifyOwners(db, actor.shopId, {
    kind: 'approvalRequest',
    source: `approvalRequest:${bill.id}:${Date.now()}`,
    title: `待审核：${billName(bill)}`,
    body: detail,
    page: billPage(bill),
    subject: billName(bill),
    detail,
  });
}

/** The owner approved or rejected a staff member's bill: its author is told, with the reason for a rejection. */
export async function notifyApprovalResult(db: Queryable, actor: Actor, bill: Bill, outcome: { approved: boolean; reason?: string }): Promise<void> {
  if (bill.createdBy === actor.userId) return;
  const title = `${outcome.approved ? '已通过' : '被退回'}：${billName(bill)}`;
  const detail = outcome.approved ? `${billName(bill)} 已审核通过并入账` : `${billName(bill)} 被退回：${outcome.reason ?? ''}`;
  await notifyUsers(db, actor.shopId, [bill.createdBy], {
    kind: 'approvalResult',
    source: `approvalResult:${bill.id}:${outcome.approved ? 'approved' : 'rejected'}:${Date.now()}`,
    title,
    body: detail,
    page: billPage(bill),
    subject: billName(bill),
    detail,
  });
}
