import { describe, expect, it } from 'vitest';
import { abilitiesOf } from '../../src/state/permissions';
import { me } from '../fixtures';

describe('abilities', () => {
  it('lets an owner do everything', () => {
    const a = abilitiesOf(me('owner'));
    expect(Object.values(a).filter((v) => v === false)).toEqual([false]); // only needsApproval
    expect(a.needsApproval).toBe(false);
  });

  it('follows each staff switch', () => {
    const a = abilitiesOf(me('staff', { hideInboundPrice: true, hideInventory: true, adminApproval: true, disableProductEdit: true }));
    expect(a).toMatchObject({ isOwner: false, approve: false, manageShop: false, seeCosts: false, seeStock: false, editProducts: false, editCounterparties: false, needsApproval: true, inbound: true, outbound: true, manageStockPoints: true });
    expect(abilitiesOf(me('staff', { disableInbound: true, disableStockPoint: true }))).toMatchObject({ inbound: false, outbound: true, manageStockPoints: false, seeMoneyBooks: true });
    expect(abilitiesOf(me('staff', { ownRecordsOnly: true }))).toMatchObject({ seeMoneyBooks: false, seeCosts: true });
  });

  it('grants nothing before /api/me has answered', () => {
    const a = abilitiesOf(null);
    expect(Object.values(a).every((v) => v === false)).toBe(true);
  });
});
