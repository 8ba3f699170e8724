import type { ShareBillRequest } from '@xiaocang/contracts';
import type { Transaction } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findBillForAction } from '../bills/bill-access.ts';
import { loadBill } from '../bills/bill-rows.ts';
import type { UseCase } from '../use-case.ts';
import { indexShareToken, newShareToken } from './share-tokens.ts';
import { requirePosted, seesPrices } from './shared-view.ts';

export interface NewShare {
  billId: string;
  shareId: string;
  token: string;
  showPrices: boolean;
  createdAt: string;
}

/** What a retry of the same request finds: the share, never its token. */
export type StoredShare = Omit<NewShare, 'token'>;

/**
 * Makes a share link of a posted bill the actor may see. A bill has one live link: sharing again revokes the
 * old one (its token cannot be shown again, only its hash is kept) and makes a new one. Prices show only if
 * asked for and if the actor may see them on this bill.
 */
export const shareBill: UseCase<Transaction, { billId: string; request: ShareBillRequest }, NewShare> = async (tx, actor, { billId, request }) => {
  const state = await findBillForAction(tx, actor, billId);
  requirePosted(state.status);
  const bill = await loadBill(tx, actor.shopId, billId);
  const showPrices = request.showPrices && seesPrices(actor, bill);
  await tx.query('UPDATE bill_shares SET revoked_at = now(), revoked_by = $3 WHERE shop_id = $1 AND bill_id = $2 AND revoked_at IS NULL', [
    actor.shopId,
    billId,
    actor.userId,
  ]);
  const { token, hash } = newShareToken();
  const [share] = await tx.query<{ id: string; created_at: Date }>(
    `INSERT INTO bill_shares (shop_id, bill_id, token_hash, show_prices, created_by) VALUES ($1, $2, decode($3, 'hex'), $4, $5) RETURNING id::text, created_at`,
    [actor.shopId, billId, hash, showPrices, actor.userId],
  );
  await indexShareToken(tx, actor.shopId, hash);
  await recordAudit(tx, actor, 'share', 'bill', billId, { showPrices });
  return { billId, shareId: share!.id, token, showPrices, createdAt: share!.created_at.toISOString() };
};

/**
 * A retry of a share request whose answer was lost: the same share gets a new token (the first was never
 * stored, so it cannot be given again, and it stops working). A share revoked since is not brought back.
 */
export const reissueShareToken: UseCase<Transaction, StoredShare, NewShare> = async (tx, actor, stored) => {
  const { token, hash } = newShareToken();
  const [share] = await tx.query(
    `UPDATE bill_shares SET token_hash = decode($3, 'hex') WHERE shop_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
    [actor.shopId, stored.shareId, hash],
  );
  if (!share) throw invalidState('The link this request made has been revoked or replaced since; share the bill again');
  await indexShareToken(tx, actor.shopId, hash);
  return { ...stored, token };
};

/** Revokes the bill's live link, if it has one: its token stops working at once. */
export const revokeBillShare: UseCase<Transaction, string, { ok: true }> = async (tx, actor, billId) => {
  await findBillForAction(tx, actor, billId);
  const revoked = await tx.query('UPDATE bill_shares SET revoked_at = now(), revoked_by = $3 WHERE shop_id = $1 AND bill_id = $2 AND revoked_at IS NULL RETURNING id', [
    actor.shopId,
    billId,
    actor.userId,
  ]);
  if (revoked.length) await recordAudit(tx, actor, 'unshare', 'bill', billId);
  return { ok: true };
};
