import { describe, expect, it } from 'vitest';
import {
  can,
  DEFAULT_STAFF_PERMISSIONS,
  effectiveRestrictions,
  needsApproval,
  redactErrorForActor,
  redactForActor,
  STAFF_PERMISSION_KEYS,
  staffPermissionsOf,
  type Action,
  type Actor,
  type StaffPermissionKey,
} from './permissions.ts';

const ALL_ON = Object.fromEntries(STAFF_PERMISSION_KEYS.map((key) => [key, true])) as Actor['staffPermissions'];
const owner: Actor = { shopId: 's1', userId: 'u1', role: 'owner', staffPermissions: ALL_ON };
const staffWith = (...keys: StaffPermissionKey[]): Actor => ({
  shopId: 's1',
  userId: 'u2',
  role: 'staff',
  staffPermissions: { ...DEFAULT_STAFF_PERMISSIONS, ...Object.fromEntries(keys.map((key) => [key, true])) },
});

const OWNER_ONLY: Action[] = ['manageShop', 'manageStaff', 'manageConfig', 'approveBills', 'viewSalesReports'];
/** Which switch takes away which actions from staff. */
const GATED: Record<Exclude<StaffPermissionKey, 'adminApproval'>, Action[]> = {
  disableInbound: ['createInbound', 'recordPayments'],
  disableOutbound: ['createOutbound', 'recordReceipts'],
  hideInboundPrice: ['viewCosts', 'recordPayments', 'viewPayables'],
  ownRecordsOnly: ['viewOthersRecords', 'viewMoneyBooks'],
  hideInventory: ['viewInventory'],
  disableProductEdit: ['editProducts', 'editCounterparties'],
  disableStockPoint: ['manageStockPoints', 'chooseStockPoint'],
};
const ALL_ACTIONS: Action[] = [...new Set([...OWNER_ONLY, ...Object.values(GATED).flat()])];

describe('can', () => {
  it('an owner may do everything, whatever the switches say', () => {
    for (const action of ALL_ACTIONS) expect(can(owner, action), action).toBe(true);
    expect(needsApproval(owner)).toBe(false);
    expect(effectiveRestrictions(owner)).toEqual(DEFAULT_STAFF_PERMISSIONS);
  });

  it('staff never manage the shop, staff, config or approvals', () => {
    for (const action of OWNER_ONLY) expect(can(staffWith(), action), action).toBe(false);
  });

  it('staff with no switches may do every day-to-day action', () => {
    for (const action of ALL_ACTIONS.filter((a) => !OWNER_ONLY.includes(a))) expect(can(staffWith(), action), action).toBe(true);
    expect(needsApproval(staffWith())).toBe(false);
  });

  it.each(Object.entries(GATED) as [StaffPermissionKey, Action[]][])('%s takes away exactly %j', (key, denied) => {
    const staff = staffWith(key);
    for (const action of ALL_ACTIONS) {
      expect(can(staff, action), action).toBe(!OWNER_ONLY.includes(action) && !denied.includes(action));
    }
  });

  it('adminApproval makes staff bills wait, and takes nothing away', () => {
    const staff = staffWith('adminApproval');
    expect(needsApproval(staff)).toBe(true);
    expect(ALL_ACTIONS.filter((action) => can(staff, action))).toEqual(ALL_ACTIONS.filter((a) => !OWNER_ONLY.includes(a)));
  });
});

const inboundBill = {
  id: 'b1',
  direction: 'in',
  billNumber: 'IN202611220001',
  totalQuantity: '3.000',
  totalAmount: '30.00',
  createdAt: new Date('2026-11-22T01:00:00Z'),
  lines: [{ productId: 'p1', quantity: '3.000', unitPrice: '10.0000', amount: '30.00', stockBefore: '1.000', stockAfter: '4.000' }],
};
const outboundBill = {
  id: 'b2',
  direction: 'out',
  totalAmount: '50.00',
  totalCost: '30.00',
  grossMargin: '20.00',
  lines: [{ productId: 'p1', quantity: '1.000', unitPrice: '50.0000', amount: '50.00', unitCost: '30.0000', costAmount: '30.00' }],
};
const product = { id: 'p1', name: '可乐', inboundPrice: '10.00', outboundPrice: '50.00', stockQuantity: '4.000', isLow: false };

describe('redactForActor', () => {
  it('returns the very same body to owners and to staff without hiding switches', () => {
    const body = { bills: [inboundBill, outboundBill], product };
    expect(redactForActor(owner, body)).toBe(body);
    expect(redactForActor(staffWith('disableInbound', 'ownRecordsOnly', 'adminApproval'), body)).toBe(body);
  });

  it('hideInboundPrice strips prices of inbound records and their lines, and costs and profit everywhere', () => {
    const staff = staffWith('hideInboundPrice');
    expect(redactForActor(staff, { items: [inboundBill, outboundBill] })).toEqual({
      items: [
        {
          id: 'b1',
          direction: 'in',
          billNumber: 'IN202611220001',
          totalQuantity: '3.000',
          createdAt: inboundBill.createdAt,
          lines: [{ productId: 'p1', quantity: '3.000', stockBefore: '1.000', stockAfter: '4.000' }],
        },
        {
          id: 'b2',
          direction: 'out',
          totalAmount: '50.00',
          lines: [{ productId: 'p1', quantity: '1.000', unitPrice: '50.0000', amount: '50.00' }],
        },
      ],
    });
    expect(redactForActor(staff, product)).toEqual({ id: 'p1', name: '可乐', outboundPrice: '50.00', stockQuantity: '4.000', isLow: false });
  });

  it.each(['transfer', 'stocktake'])('hideInboundPrice treats a %s as inbound', (kind) => {
    const redacted = redactForActor(staffWith('hideInboundPrice'), {
      kind,
      totalAmount: '9.00',
      lines: [{ productId: 'p1', quantity: '1.000', unitPrice: '9.0000', amount: '9.00', bookQuantity: '2.000' }],
    });
    expect(redacted).toEqual({ kind, lines: [{ productId: 'p1', quantity: '1.000', bookQuantity: '2.000' }] });
  });

  it('hideInventory strips stock fields only, at any depth', () => {
    const redacted = redactForActor(staffWith('hideInventory'), { data: { bill: inboundBill, products: [product] } });
    expect(redacted.data.bill.lines[0]).toEqual({ productId: 'p1', quantity: '3.000', unitPrice: '10.0000', amount: '30.00' });
    expect(redacted.data.bill.totalAmount).toBe('30.00');
    expect(redacted.data.products[0]).toEqual({ id: 'p1', name: '可乐', inboundPrice: '10.00', outboundPrice: '50.00' });
  });

  it('both switches together strip both, and keep nulls, primitives and dates', () => {
    const redacted = redactForActor(staffWith('hideInboundPrice', 'hideInventory'), {
      count: 2,
      note: null,
      bill: inboundBill,
      available: '4.000',
      difference: '-1.000',
      stockValue: '40.00',
    });
    expect(redacted).toEqual({
      count: 2,
      note: null,
      bill: {
        id: 'b1',
        direction: 'in',
        billNumber: 'IN202611220001',
        totalQuantity: '3.000',
        createdAt: inboundBill.createdAt,
        lines: [{ productId: 'p1', quantity: '3.000' }],
      },
    });
    expect(redacted.bill.createdAt).toBeInstanceOf(Date);
    expect(redactForActor(staffWith('hideInboundPrice'), 'plain')).toBe('plain');
  });

  it('never mutates its input', () => {
    const body = { bills: [inboundBill, outboundBill], product };
    const snapshot = structuredClone(body);
    redactForActor(staffWith('hideInboundPrice', 'hideInventory'), body);
    expect(body).toEqual(snapshot);
  });
});

describe('staffPermissionsOf', () => {
  it('is the shop\'s set where the member has no override, and the override where they have one', () => {
    const shopSet = { ...DEFAULT_STAFF_PERMISSIONS, hideInventory: true, disableInbound: true };
    expect(staffPermissionsOf(shopSet, {})).toEqual(shopSet);
    expect(staffPermissionsOf(shopSet, { hideInventory: false, hideInboundPrice: true })).toEqual({
      ...DEFAULT_STAFF_PERMISSIONS,
      disableInbound: true,
      hideInboundPrice: true,
    });
  });

  it('fills switches missing from both with off, and knows no other keys', () => {
    const stored = { hideInventory: true, retired: true } as Partial<Actor['staffPermissions']>;
    expect(staffPermissionsOf(stored, { ownRecordsOnly: true })).toEqual({ ...DEFAULT_STAFF_PERMISSIONS, hideInventory: true, ownRecordsOnly: true });
  });
});

describe('redactErrorForActor', () => {
  const shortage = {
    code: 'INSUFFICIENT_STOCK',
    message: 'Not enough stock for one or more lines',
    details: [{ productId: 'p1', stockPointId: 's1', requested: '5.000', available: '4.000' }],
  };

  it('gives staff who may not see stock the refusal alone', () => {
    expect(redactErrorForActor(staffWith('hideInventory'), shortage)).toEqual({ code: 'INSUFFICIENT_STOCK', message: shortage.message });
  });

  it('keeps every detail for the owner and for staff who may see stock', () => {
    expect(redactErrorForActor(owner, shortage)).toEqual(shortage);
    expect(redactErrorForActor(staffWith('hideInboundPrice', 'ownRecordsOnly'), shortage)).toEqual(shortage);
  });

  it('redacts the details of other errors like any response', () => {
    const conflict = { code: 'INVALID_STATE', message: 'no', details: { stockValue: '9.00', productId: 'p1' } };
    expect(redactErrorForActor(staffWith('hideInventory'), conflict)).toEqual(conflict);
    expect(redactErrorForActor(staffWith('hideInboundPrice'), conflict)).toEqual({ ...conflict, details: { productId: 'p1' } });
  });
});
