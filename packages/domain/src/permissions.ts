/** The eight staff switches of a shop (seed 004). Owners are never restricted by them. */
export const STAFF_PERMISSION_KEYS = [
  'disableInbound',
  'disableOutbound',
  'adminApproval',
  'hideInboundPrice',
  'ownRecordsOnly',
  'hideInventory',
  'disableProductEdit',
  'disableStockPoint',
] as const;

export type StaffPermissionKey = (typeof STAFF_PERMISSION_KEYS)[number];
export type StaffPermissions = Record<StaffPermissionKey, boolean>;

export const DEFAULT_STAFF_PERMISSIONS: StaffPermissions = {
  disableInbound: false,
  disableOutbound: false,
  adminApproval: false,
  hideInboundPrice: false,
  ownRecordsOnly: false,
  hideInventory: false,
  disableProductEdit: false,
  disableStockPoint: false,
};

export type Role = 'owner' | 'staff';

export interface Actor {
  shopId: string;
  userId: string;
  role: Role;
  /** The shop's switches; they bind only when role is staff. */
  staffPermissions: StaffPermissions;
}

/** The switches as they bind this actor: all off for an owner. */
export function effectiveRestrictions(actor: Actor): StaffPermissions {
  return actor.role === 'owner' ? DEFAULT_STAFF_PERMISSIONS : actor.staffPermissions;
}

export type Action =
  | 'manageShop'
  | 'manageStaff'
  | 'manageConfig'
  | 'approveBills'
  | 'createInbound'
  | 'createOutbound'
  | 'editProducts'
  | 'manageStockPoints'
  | 'chooseStockPoint'
  | 'viewInventory'
  | 'viewCosts'
  | 'viewOthersRecords'
  | 'recordReceipts'
  | 'recordPayments'
  | 'viewPayables'
  | 'viewMoneyBooks'
  | 'viewSalesReports';

/** The one place that decides what an actor may do. */
export function can(actor: Actor, action: Action): boolean {
  const r = effectiveRestrictions(actor);
  switch (action) {
    case 'manageShop':
    case 'manageStaff':
    case 'manageConfig':
    case 'approveBills':
    // Sales by customer and by product show every sale and its margin: the owner's view of the business.
    case 'viewSalesReports':
      return actor.role === 'owner';
    case 'createInbound':
      return !r.disableInbound;
    case 'createOutbound':
      return !r.disableOutbound;
    case 'editProducts':
      return !r.disableProductEdit;
    case 'manageStockPoints':
    case 'chooseStockPoint':
      return !r.disableStockPoint;
    case 'viewInventory':
      return !r.hideInventory;
    case 'viewCosts':
      return !r.hideInboundPrice;
    case 'viewOthersRecords':
      return !r.ownRecordsOnly;
    // Whoever sells collects; paying a supplier reveals what the shop paid for its goods.
    case 'recordReceipts':
      return !r.disableOutbound;
    case 'recordPayments':
      return !r.disableInbound && !r.hideInboundPrice;
    case 'viewPayables':
      return !r.hideInboundPrice;
    // Statements and ageing list every bill of a customer or supplier, whoever recorded it.
    case 'viewMoneyBooks':
      return !r.ownRecordsOnly;
  }
}

/** A staff bill waits for the owner when the shop asks for approval. */
export function needsApproval(actor: Actor): boolean {
  return effectiveRestrictions(actor).adminApproval;
}

/** Fields that reveal what the shop paid: inbound prices, costs, stock value and profit. */
export const COST_FIELDS: ReadonlySet<string> = new Set([
  'inboundPrice',
  'avgCost',
  'totalCost',
  'unitCost',
  'costAmount',
  'outboundCost',
  'profit',
  'monthProfit',
  'stockValue',
  'totalStockValue',
  'balanceAmount',
  'balanceAvgCost',
  'inboundAmount',
  'todayInboundAmount',
  // What the shop owes its suppliers, and the balances of its accounts, which its payments to them move.
  'payable',
  'payableTotal',
  'balance',
  'accountsTotal',
]);

/** Price fields that are inbound prices when they sit on an inbound record, a transfer or a stocktake. */
export const PRICE_FIELDS: ReadonlySet<string> = new Set(['unitPrice', 'amount', 'totalAmount', 'paidAmount', 'settledAmount', 'outstandingAmount']);

/** Fields that reveal how much stock the shop holds. */
export const STOCK_FIELDS: ReadonlySet<string> = new Set([
  'stockQuantity',
  'stockBefore',
  'stockAfter',
  'balanceQuantity',
  'available',
  'bookQuantity',
  'difference',
  'lowStockCount',
  'isLow',
  'totalStockQuantity',
  // Today's movement totals reveal stock flow, which hideInventory keeps from staff too.
  'todayInboundQuantity',
  'todayOutboundQuantity',
]);

/**
 * Lines priced at cost: receipts, transfers and stocktakes, and the reversal of a transfer (which keeps its peer);
 * and payments to suppliers, whose amounts follow what the goods cost.
 */
function pricesAreCosts(record: Record<string, unknown>): boolean {
  return (
    record.direction === 'in' ||
    record.kind === 'payment' ||
    record.kind === 'transfer' ||
    record.kind === 'stocktake' ||
    (typeof record.transferPeerId === 'string' && record.transferPeerId !== '')
  );
}

/**
 * Strips from any response what the actor may not see. Hidden fields are absent, not nulled.
 * Inbound context is inherited: the lines of an inbound bill lose their prices too.
 */
export function redactForActor<T>(actor: Actor, body: T): T {
  const r = effectiveRestrictions(actor);
  if (!r.hideInboundPrice && !r.hideInventory) return body;
  const walk = (value: unknown, inboundContext: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, inboundContext));
    if (value === null || typeof value !== 'object' || value instanceof Date) return value;
    const record = value as Record<string, unknown>;
    const inbound = inboundContext || pricesAreCosts(record);
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) {
      if (r.hideInboundPrice && (COST_FIELDS.has(key) || (inbound && PRICE_FIELDS.has(key)))) continue;
      if (r.hideInventory && STOCK_FIELDS.has(key)) continue;
      result[key] = walk(child, inbound);
    }
    return result;
  };
  return walk(body, false) as T;
}
