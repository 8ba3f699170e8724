import {
  can,
  COST_FIELDS,
  DEFAULT_STAFF_PERMISSIONS,
  PRICE_FIELDS,
  redactForActor,
  STOCK_FIELDS,
  type Action,
  type Actor,
  type StaffPermissionKey,
} from '@xiaocang/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from './index.ts';

/**
 * What a number in a response tells, and so which switch hides it from staff:
 * - cost: what the shop paid (costs, stock value, margins, payables): hideInboundPrice, everywhere;
 * - inboundPrice: a price or amount, which is an inbound price on an inbound record (a receipt of goods, a
 *   transfer, a stocktake, a payment to a supplier) and a sales price elsewhere: hideInboundPrice, on inbound records;
 * - stockQuantity: how much stock the shop holds or how it flows: hideInventory, everywhere;
 * - salesMoney: sales prices and what customers owe and pay: no switch;
 * - visible: counts, flags, settings, quantities moved by a bill: no switch.
 */
type FieldClass = 'cost' | 'inboundPrice' | 'stockQuantity' | 'salesMoney' | 'visible';

/**
 * Every decimal, number and boolean field of every response, by name (the redaction goes by name). A field
 * added to a response fails the walk below until it is classified here, and its class must be what
 * `permissions.ts` hides.
 */
const FIELD_CLASSES: Record<string, FieldClass> = {
  // Costs.
  inboundPrice: 'cost',
  avgCost: 'cost',
  totalCost: 'cost',
  unitCost: 'cost',
  costAmount: 'cost',
  stockValue: 'cost',
  balanceAmount: 'cost',
  balanceAvgCost: 'cost',
  todayInboundAmount: 'cost',
  salesCost: 'cost',
  grossMargin: 'cost',
  profit: 'cost',
  purchaseAmount: 'cost',
  stockGain: 'cost',
  stockLoss: 'cost',
  writeOff: 'cost',
  stockAdjustment: 'cost',
  internalUse: 'cost',
  monthGrossMargin: 'cost',
  monthStockAdjustment: 'cost',
  payable: 'cost',
  payableTotal: 'cost',
  balance: 'cost',
  accountsTotal: 'cost',
  inboundAmount: 'cost',
  outboundCost: 'cost',
  // Prices and amounts: inbound prices on inbound records.
  unitPrice: 'inboundPrice',
  amount: 'inboundPrice',
  totalAmount: 'inboundPrice',
  paidAmount: 'inboundPrice',
  settledAmount: 'inboundPrice',
  outstandingAmount: 'inboundPrice',
  // Stock held, and its flow.
  stockQuantity: 'stockQuantity',
  stockBefore: 'stockQuantity',
  stockAfter: 'stockQuantity',
  balanceQuantity: 'stockQuantity',
  available: 'stockQuantity',
  bookQuantity: 'stockQuantity',
  difference: 'stockQuantity',
  lowStockCount: 'stockQuantity',
  isLow: 'stockQuantity',
  productQuantity: 'stockQuantity',
  todayInboundQuantity: 'stockQuantity',
  todayOutboundQuantity: 'stockQuantity',
  inboundQuantity: 'stockQuantity',
  outboundQuantity: 'stockQuantity',
  // A warning's figures tell how much stock there is and how fast it goes.
  dailyOutbound: 'stockQuantity',
  daysOfCover: 'stockQuantity',
  weekOutbound: 'stockQuantity',
  weeklyAverage: 'stockQuantity',
  daysIdle: 'stockQuantity',
  openByKind: 'stockQuantity',
  openWarningCount: 'stockQuantity',
  // What the storefront can sell and what orders hold are the shop's stock.
  availableQuantity: 'stockQuantity',
  reservedQuantity: 'stockQuantity',
  // Sales prices and what customers owe (a supplier's side of the same shapes: RESPONSES_REFUSED below).
  outboundPrice: 'salesMoney',
  price: 'salesMoney',
  receivable: 'salesMoney',
  receivableTotal: 'salesMoney',
  todayOutboundAmount: 'salesMoney',
  outboundAmount: 'salesMoney',
  monthSales: 'salesMoney',
  salesAmount: 'salesMoney',
  owed: 'salesMoney',
  openingBalance: 'salesMoney',
  totalBilled: 'salesMoney',
  totalSettled: 'salesMoney',
  closingBalance: 'salesMoney',
  billed: 'salesMoney',
  settled: 'salesMoney',
  runningBalance: 'salesMoney',
  days0to30: 'salesMoney',
  days31to60: 'salesMoney',
  days61to90: 'salesMoney',
  over90: 'salesMoney',
  // Quantities moved, counts, settings and flags.
  quantity: 'visible',
  // What an order's shipments sent of a line: the order's own quantities, as the customer sees them.
  shippedQuantity: 'visible',
  remainingQuantity: 'visible',
  // An uploaded image's size in pixels and bytes.
  width: 'visible',
  height: 'visible',
  bytes: 'visible',
  // Forecasts and purchase suggestions: responses of owner-only routes (viewSalesReports), which no switch opens.
  mean: 'visible',
  rmsse: 'visible',
  mase: 'visible',
  bias: 'visible',
  historyDays: 'visible',
  censoredDays: 'visible',
  onHand: 'visible',
  onOrder: 'visible',
  dailyDemand: 'visible',
  safetyStock: 'visible',
  reorderPoint: 'visible',
  orderUpTo: 'visible',
  orderQuantity: 'visible',
  leadTimeDays: 'visible',
  meanDays: 'visible',
  sdDays: 'visible',
  orders: 'visible',
  serviceLevel: 'visible',
  coverDays: 'visible',
  productsChecked: 'visible',
  // The classification (owner-only): ranks, shares of the cost of goods sold, demand figures and the cut-offs.
  rank: 'visible',
  sharePercent: 'visible',
  cumulativePercent: 'visible',
  adi: 'visible',
  cv2: 'visible',
  observedDays: 'visible',
  demandDays: 'visible',
  a: 'visible',
  b: 'visible',
  minObservedDays: 'visible',
  minDemandDays: 'visible',
  productCount: 'visible',
  // What an import did: counts and row numbers of the owner's own file.
  dryRun: 'visible',
  rows: 'visible',
  created: 'visible',
  withOpeningStock: 'visible',
  row: 'visible',
  totalQuantity: 'visible',
  requested: 'visible',
  countedQuantity: 'visible',
  warningStock: 'visible',
  moq: 'visible',
  packSize: 'visible',
  lineNo: 'visible',
  total: 'visible',
  page: 'visible',
  pageSize: 'visible',
  year: 'visible',
  month: 'visible',
  position: 'visible',
  serviceMonths: 'visible',
  billCount: 'visible',
  salesCount: 'visible',
  purchaseCount: 'visible',
  inboundCount: 'visible',
  outboundCount: 'visible',
  todayInboundCount: 'visible',
  todayOutboundCount: 'visible',
  pendingApprovalCount: 'visible',
  openBillCount: 'visible',
  checkedBalances: 'visible',
  checkedLedgerRows: 'visible',
  checkedParties: 'visible',
  checkedAccounts: 'visible',
  checkedDues: 'visible',
  checkedEntries: 'visible',
  isEnabled: 'visible',
  isDefault: 'visible',
  isReversal: 'visible',
  showPrices: 'visible',
  allowed: 'visible',
  allowNegativeStock: 'visible',
  archiveAfterMonths: 'visible',
  disableInbound: 'visible',
  disableOutbound: 'visible',
  adminApproval: 'visible',
  hideInboundPrice: 'visible',
  ownRecordsOnly: 'visible',
  hideInventory: 'visible',
  disableProductEdit: 'visible',
  disableStockPoint: 'visible',
  // Warning rules are settings; the warning report's counts are served only to who may see stock.
  lowStockThreshold: 'visible',
  rateWindowDays: 'visible',
  spikeFactor: 'visible',
  staleDays: 'visible',
  threshold: 'visible',
  receivesWarnings: 'visible',
  mayViewStock: 'visible',
  raisedCount: 'visible',
  resolvedCount: 'visible',
  openCount: 'visible',
  medianHoursToResolve: 'visible',
  counts: 'visible',
  warningCount: 'visible',
  // The notification centre and its settings.
  unreadCount: 'visible',
  inApp: 'visible',
  wechat: 'visible',
  email: 'visible',
  sms: 'visible',
  wechatBound: 'visible',
  wechatQuota: 'visible',
  ready: 'visible',
  attempts: 'visible',
  // The storefront's settings and counts.
  onShelf: 'visible',
  sortOrder: 'visible',
  maxPerOrder: 'visible',
  orderExpiryMinutes: 'visible',
  customerHoldCap: 'visible',
  tabCounts: 'visible',
  wechatSignIn: 'visible',
  wechatPay: 'visible',
  wechatPayEnabled: 'visible',
};

/**
 * Responses in which a field of a visible name carries what a switch hides, so the whole response is refused
 * instead: stock held at a stock point (its `quantity`) and counted stock, or a supplier's side of the money
 * books (what the shop owes them). The server refuses these when `can(actor, action)` is false.
 */
const RESPONSES_REFUSED: Record<string, { action: Action; bySwitch: StaffPermissionKey; fields: string[] }> = {
  InventoryItem: { action: 'viewInventory', bySwitch: 'hideInventory', fields: ['quantity'] },
  InventoryList: { action: 'viewInventory', bySwitch: 'hideInventory', fields: ['quantity'] },
  Stocktake: { action: 'viewInventory', bySwitch: 'hideInventory', fields: ['countedQuantity'] },
  StocktakeLine: { action: 'viewInventory', bySwitch: 'hideInventory', fields: ['countedQuantity'] },
  PartyBalance: { action: 'viewPayables', bySwitch: 'hideInboundPrice', fields: ['owed'] },
  OpenBill: { action: 'viewPayables', bySwitch: 'hideInboundPrice', fields: ['totalAmount', 'paidAmount', 'settledAmount', 'outstandingAmount'] },
  OpenBills: { action: 'viewPayables', bySwitch: 'hideInboundPrice', fields: ['totalAmount', 'paidAmount', 'settledAmount', 'outstandingAmount'] },
  Statement: {
    action: 'viewPayables',
    bySwitch: 'hideInboundPrice',
    fields: ['openingBalance', 'totalBilled', 'totalSettled', 'closingBalance', 'billed', 'settled', 'runningBalance'],
  },
  StatementLine: { action: 'viewPayables', bySwitch: 'hideInboundPrice', fields: ['billed', 'settled', 'runningBalance'] },
  Ageing: { action: 'viewPayables', bySwitch: 'hideInboundPrice', fields: ['total', 'days0to30', 'days31to60', 'days61to90', 'over90'] },
};

interface Field {
  response: string;
  path: string;
  name: string;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);
/** Kinds of leaf that hold no number: ids, names, dates and enums are strings; error details are unknown. */
const NOT_NUMERIC = new Set(['string', 'enum', 'literal', 'unknown']);
/** A name that says "money or quantity": such a field must be a DecimalString, so this walk sees it. */
const SOUNDS_NUMERIC = /(amount|cost|price|quantity|stock|balance|value|margin|total|owed|billed|settled)$/i;

/** Every decimal, number and boolean field in a schema, and every string field whose name sounds like one. */
function numericFields(response: string, schema: z.ZodType, path = '', name = ''): { numeric: Field[]; misTyped: Field[] } {
  const found = { numeric: [] as Field[], misTyped: [] as Field[] };
  const visit = (node: z.ZodType, at: string, key: string): void => {
    if (node === contracts.DecimalString) return void found.numeric.push({ response, path: at, name: key });
    const def = node.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') {
      for (const [child, field] of Object.entries(def.shape as Record<string, z.ZodType>)) visit(field, at ? `${at}.${child}` : child, child);
    } else if (WRAPPERS.has(def.type)) visit(def.innerType as z.ZodType, at, key);
    else if (def.type === 'array') visit(def.element as z.ZodType, `${at}[]`, key);
    else if (def.type === 'record') visit(def.valueType as z.ZodType, `${at}{}`, key);
    else if (def.type === 'number' || def.type === 'boolean') found.numeric.push({ response, path: at, name: key });
    else if (def.type === 'string' && SOUNDS_NUMERIC.test(key)) found.misTyped.push({ response, path: at, name: key });
    else if (!NOT_NUMERIC.has(def.type)) throw new Error(`${response}.${at}: the walk does not know zod's "${def.type}"; teach it`);
  };
  visit(schema, path, name);
  return found;
}

/** Every exported response shape: objects that are not requests, queries or parameters. */
const RESPONSES = (Object.entries(contracts) as Array<[string, unknown]>).filter(
  (entry): entry is [string, z.ZodObject] => entry[1] instanceof z.ZodObject && !/(Request|Query|Params|Input)$/.test(entry[0]),
);
const walked = RESPONSES.map(([response, schema]) => numericFields(response, schema));
const FIELDS = walked.flatMap((found) => found.numeric);

const staffWith = (key: StaffPermissionKey): Actor => ({
  shopId: '1',
  userId: '2',
  role: 'staff',
  staffPermissions: { ...DEFAULT_STAFF_PERMISSIONS, [key]: true },
});
/** Whether the switch removes the field from a record, and from one nested in it. */
const hides = (key: StaffPermissionKey, name: string, record: Record<string, unknown>): boolean => {
  const redacted = redactForActor(staffWith(key), { ...record, [name]: '1.00', nested: [{ [name]: '1.00' }] });
  const [nested] = redacted.nested as Record<string, unknown>[];
  expect(name in redacted, `${name} alone and in a nested record are hidden alike`).toBe(name in nested!);
  return !(name in redacted);
};
const INBOUND_RECORDS: Record<string, unknown>[] = [{ direction: 'in' }, { kind: 'transfer' }, { kind: 'stocktake' }, { kind: 'payment' }, { transferPeerId: '7' }];
const OTHER_RECORDS: Record<string, unknown>[] = [{}, { direction: 'out' }, { kind: 'normal' }, { kind: 'receipt' }, { transferPeerId: '' }, { transferPeerId: null }];

describe('every number in a response is classified, and hidden by the switch its class says', () => {
  it('the walk finds the response shapes and their numbers', () => {
    expect(RESPONSES.map(([name]) => name)).toEqual(expect.arrayContaining(['Bill', 'Product', 'InventoryList', 'LedgerEntry', 'Dashboard', 'Settlement']));
    expect(FIELDS).toContainEqual({ response: 'Bill', path: 'lines[].unitCost', name: 'unitCost' });
    expect(FIELDS).toContainEqual({ response: 'InventoryList', path: 'totals.lowStockCount', name: 'lowStockCount' });
    expect(FIELDS).toContainEqual({ response: 'Product', path: 'isEnabled', name: 'isEnabled' });
  });

  it('every decimal, number and boolean field of every response is in the table', () => {
    const unclassified = FIELDS.filter((field) => !(field.name in FIELD_CLASSES)).map((field) => `${field.response}.${field.path}`);
    expect(unclassified).toEqual([]);
  });

  it('the table names only fields some response has', () => {
    const used = new Set(FIELDS.map((field) => field.name));
    expect(Object.keys(FIELD_CLASSES).filter((name) => !used.has(name))).toEqual([]);
  });

  it('a money or quantity field of a response is a DecimalString (so this walk sees it)', () => {
    expect(walked.flatMap((found) => found.misTyped).map((field) => `${field.response}.${field.path}`)).toEqual([]);
  });

  it('the redaction lists name only classified fields of the matching class', () => {
    const classOf = (name: string) => FIELD_CLASSES[name];
    expect([...COST_FIELDS].filter((name) => classOf(name) !== 'cost')).toEqual([]);
    expect([...PRICE_FIELDS].filter((name) => classOf(name) !== 'inboundPrice')).toEqual([]);
    expect([...STOCK_FIELDS].filter((name) => classOf(name) !== 'stockQuantity')).toEqual([]);
  });

  it.each(Object.entries(FIELD_CLASSES))('%s (%s) is hidden by exactly the switch of its class', (name, fieldClass) => {
    for (const record of [...INBOUND_RECORDS, ...OTHER_RECORDS]) {
      const inbound = INBOUND_RECORDS.includes(record);
      const context = JSON.stringify(record);
      expect(hides('hideInboundPrice', name, record), `hideInboundPrice in ${context}`).toBe(fieldClass === 'cost' || (fieldClass === 'inboundPrice' && inbound));
      expect(hides('hideInventory', name, record), `hideInventory in ${context}`).toBe(fieldClass === 'stockQuantity');
    }
  });

  it.each(Object.entries(RESPONSES_REFUSED))('%s is refused as a whole by %j', (response, { action, bySwitch, fields }) => {
    const names = new Set(FIELDS.filter((field) => field.response === response).map((field) => field.name));
    expect(fields.filter((name) => !names.has(name))).toEqual([]);
    expect(can(staffWith(bySwitch), action)).toBe(false);
  });
});
