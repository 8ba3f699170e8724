import { can, needsApproval, type Actor } from '@xiaocang/domain/rules';
import type { Me } from '../api/types';

/** What the signed-in person may see and do, as the UI needs it: the domain's `can`, the rule the server enforces. */
export interface Abilities {
  isOwner: boolean;
  inbound: boolean;
  outbound: boolean;
  approve: boolean;
  seeCosts: boolean;
  seeStock: boolean;
  /** Statements and ageing: every bill of a counterparty, whoever recorded it. */
  seeMoneyBooks: boolean;
  editProducts: boolean;
  /** Suppliers and customers: the same switch as products. */
  editCounterparties: boolean;
  manageStockPoints: boolean;
  manageShop: boolean;
  /** A staff bill that is confirmed waits for the owner. */
  needsApproval: boolean;
}

/** The signed-in person as the domain's rules see them; `permissions` are the switches that bind them (all off for an owner). */
export function actorOf(me: Me): Actor {
  return { shopId: me.shop.id, userId: me.user.id, role: me.user.role, staffPermissions: me.permissions };
}

export function abilitiesOf(me: Me | null): Abilities {
  if (me === null) {
    return { isOwner: false, inbound: false, outbound: false, approve: false, seeCosts: false, seeStock: false, seeMoneyBooks: false, editProducts: false, editCounterparties: false, manageStockPoints: false, manageShop: false, needsApproval: false };
  }
  const actor = actorOf(me);
  return {
    isOwner: actor.role === 'owner',
    inbound: can(actor, 'createInbound'),
    outbound: can(actor, 'createOutbound'),
    approve: can(actor, 'approveBills'),
    seeCosts: can(actor, 'viewCosts'),
    seeStock: can(actor, 'viewInventory'),
    seeMoneyBooks: can(actor, 'viewMoneyBooks'),
    editProducts: can(actor, 'editProducts'),
    editCounterparties: can(actor, 'editCounterparties'),
    manageStockPoints: can(actor, 'manageStockPoints'),
    manageShop: can(actor, 'manageShop'),
    needsApproval: needsApproval(actor),
  };
}
