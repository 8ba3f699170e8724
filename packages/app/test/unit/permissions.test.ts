import { DEFAULT_STAFF_PERMISSIONS } from '@xiaocang/domain';
import { describe, expect, it } from 'vitest';
import type { Me, StaffPermissions } from '../../src/api/types';
import { abilitiesOf } from '../../src/state/permissions';

// Every switch off, as the domain defines it.
const none: StaffPermissions = DEFAULT_STAFF_PERMISSIONS;

function me(role: 'owner' | 'staff', permissions: Partial<StaffPermissions> = {}): Me {
  const stamp = '2026-11-22T00:00:00Z';
  return {
    user: { id: '1', username: 'u', realName: 'U', role, status: 'active', createdAt: stamp, updatedAt: stamp, lastLoginAt: null },
    shop: { id: '1', name: 'S', staffPermissions: none, allowNegativeStock: false, createdAt: stamp, updatedAt: stamp },
    permissions: { ...none, ...permissions },
  };
}

describe('abilities', () => {
  it('lets an owner do everything', () => {
    const a = abilitiesOf(me('owner'));
    expect(Object.values(a).filter((v) => v === false)).toEqual([false]); // only needsApproval
    expect(a.needsApproval).toBe(false);
  });

  it('follows each staff switch', () => {
    const a = abilitiesOf(me('staff', { hideInboundPrice: true, hideInventory: true, adminApproval: true, disableProductEdit: true }));
    expect(a).toMatchObject({ isOwner: false, approve: false, manageShop: false, seeCosts: false, seeStock: false, editProducts: false, editCounterparties: false, needsApproval: true, inbound: true, outbound: true, manageStockPoints: true });
    expect(abilitiesOf(me('staff', { disableInbound: true, disableStockPoint: true }))).toMatchObject({ inbound: false, outbound: true, manageStockPoints: false });
  });

  it('grants nothing before /api/me has answered', () => {
    const a = abilitiesOf(null);
    expect(Object.values(a).every((v) => v === false)).toBe(true);
  });
});
