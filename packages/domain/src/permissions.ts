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

/**
 * A staff member's own settings of some switches. Only the switches set for the member are kept, so a
 * change of the shop's set still reaches every member who has not set that switch.
 */
export type StaffPermissionOverrides = Partial<StaffPermissions>;

/** The switches that bind one staff member: their overrides over the shop's set. */
export function staffPermissionsOf(shopSet: Partial<StaffPermissions>, overrides: StaffPermissionOverrides): StaffPermissions {
  return Object.fromEntries(STAFF_PERMISSION_KEYS.map((key) => [key, overrides[key] ?? shopSet[key] ?? DEFAULT_STAFF_PERMISSIONS[key]])) as StaffPermissions;
}

export type Role = 'owner' | 'staff';

export interface Actor {
  shopId: string;
  userId: string;
  role: Role;
  /** This member's switches (`staffPermissionsOf`); they bind only when role is staff. */
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
  | 'editCounterparties'
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
    // Suppliers and customers are master data like products: one switch keeps staff from changing any of it.
    case 'editProducts':
    case 'editCounterparties':
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

/** Fields that reveal what the shop paid: inbound prices, costs, stock value, margins and what stock adjustments cost. */
export const COST_FIELDS: ReadonlySet<string> = new Set([
  'inboundPrice',
  'avgCost',
  'totalCost',
  'unitCost',
  'costAmount',
  'stockValue',
  'balanceAmount',
  'balanceAvgCost',
  'todayInboundAmount',
  // The month's figures (figures.ts): all but the sales amount and the counts come from costs or inbound prices.
  'salesCost',
  'grossMargin',
  // A sales report's profit is its amount less its cost.
  'profit',
  // The in/out summary: what inbound bills state (what the shop paid) and what outbound bills cost.
  'inboundAmount',
  'outboundCost',
  'purchaseAmount',
  'stockGain',
  'stockLoss',
  'writeOff',
  'stockAdjustment',
  'internalUse',
  'monthGrossMargin',
  'monthStockAdjustment',
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
  'productQuantity',
  // Today's movement totals reveal stock flow, which hideInventory keeps from staff too.
  'todayInboundQuantity',
  'todayOutboundQuantity',
  // The in/out summary's quantities: the same flow over any period.
  'inboundQuantity',
  'outboundQuantity',
  // A stock warning's figures, and how many warnings are open.
  'dailyOutbound',
  'daysOfCover',
  'weekOutbound',
  'weeklyAverage',
  'daysIdle',
  'openByKind',
  'openWarningCount',
  // What the storefront can sell and what unpaid orders hold.
  'availableQuantity',
  'reservedQuantity',
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

/** An error as it leaves the server. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Refusals whose details describe the shop's stock: the short lines with what they asked for and what there is. */
export const STOCK_ERROR_CODES: ReadonlySet<string> = new Set(['INSUFFICIENT_STOCK']);

/**
 * Strips from an error what the actor may not see. Without `available`, the lines a shortage names would
 * still give stock away: a bill with one line sure to fail and another of the product probed is refused
 * either way, and whether the probed line is named tells if its quantity exceeds the stock. So an actor
 * who may not see stock gets the refusal alone, the same whichever lines are short.
 */
export function redactErrorForActor(actor: Actor, error: ErrorBody): ErrorBody {
  if (STOCK_ERROR_CODES.has(error.code) && !can(actor, 'viewInventory')) return { code: error.code, message: error.message };
  return redactForActor(actor, error);
}
