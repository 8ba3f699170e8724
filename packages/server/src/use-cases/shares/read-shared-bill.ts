import type { SharedBill } from '@xiaocang/contracts';
import { staffPermissionsOf, type Actor, type Role, type StaffPermissionOverrides, type StaffPermissions } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { loadBill } from '../bills/bill-rows.ts';
import { shareTokenHash } from './share-tokens.ts';
import { seesPrices, sharedViewOf } from './shared-view.ts';

interface ShareRow {
  shop_id: string;
  bill_id: string;
  show_prices: boolean;
  shop_name: string;
  created_by: string;
  role: Role;
  staff_permissions: Partial<StaffPermissions>;
  permission_overrides: StaffPermissionOverrides;
}

/**
 * The public view behind a share token, read with no session. An unknown, malformed or revoked token is the
 * same one indexed look-up and the same 404. Prices show as the sharer chose, and only while the sharer's
 * switches still let them see them: a switch turned on later hides them from the link too.
 */
export async function readSharedBill(db: Queryable, token: string): Promise<SharedBill> {
  const [share] = await db.query<ShareRow>(
    `SELECT s.shop_id::text, s.bill_id::text, s.show_prices, sh.name AS shop_name, s.created_by::text, u.role, sh.staff_permissions, u.permission_overrides
       FROM share_tokens t
       JOIN bill_shares s ON s.shop_id = t.shop_id AND s.token_hash = t.token_hash
       JOIN shops sh ON sh.id = s.shop_id
       JOIN users u ON u.shop_id = s.shop_id AND u.id = s.created_by
      WHERE t.token_hash = decode($1, 'hex') AND s.revoked_at IS NULL`,
    [shareTokenHash(token)],
  );
  if (!share) throw notFound('Bill');
  const bill = await loadBill(db, share.shop_id, share.bill_id);
  const sharer: Actor = {
    shopId: share.shop_id,
    userId: share.created_by,
    role: share.role,
    staffPermissions: staffPermissionsOf(share.staff_permissions, share.permission_overrides),
  };
  return sharedViewOf(bill, share.shop_name, share.show_prices && seesPrices(sharer, bill));
}
