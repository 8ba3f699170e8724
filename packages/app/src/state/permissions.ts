import type { Me } from '../api/types';

/** What the signed-in person may see and do, as the UI needs it. The server enforces the same rules. */
export interface Abilities {
  isOwner: boolean;
  inbound: boolean;
  outbound: boolean;
  approve: boolean;
  seeCosts: boolean;
  seeStock: boolean;
  editProducts: boolean;
  /** Suppliers and customers: the same switch as products. */
  editCounterparties: boolean;
  manageStockPoints: boolean;
  manageShop: boolean;
  /** A staff bill that is confirmed waits for the owner. */
  needsApproval: boolean;
}

export function abilitiesOf(me: Me | null): Abilities {
  const owner = me?.user.role === 'owner';
  // `permissions` are the switches that bind this caller: all off for an owner.
  const p = me?.permissions;
  const off = (flag: boolean | undefined) => me !== null && !flag;
  return {
    isOwner: owner,
    inbound: off(p?.disableInbound),
    outbound: off(p?.disableOutbound),
    approve: owner,
    seeCosts: off(p?.hideInboundPrice),
    seeStock: off(p?.hideInventory),
    editProducts: off(p?.disableProductEdit),
    editCounterparties: off(p?.disableProductEdit),
    manageStockPoints: off(p?.disableStockPoint),
    manageShop: owner,
    needsApproval: !owner && Boolean(p?.adminApproval),
  };
}
