import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BILL_ACTIONS,
  BILL_KINDS,
  BILL_STATUSES,
  billActionOpenTo,
  billActionRefusal,
  billActionsFor,
  type BillAction,
  type BillFacts,
  type BillStatus,
} from './bill-status.ts';
import { DEFAULT_STAFF_PERMISSIONS, type Actor, type StaffPermissionKey } from './permissions.ts';

const owner: Actor = { shopId: 's1', userId: 'owner', role: 'owner', staffPermissions: DEFAULT_STAFF_PERMISSIONS };
const staff = (userId = 'clerk', ...switches: StaffPermissionKey[]): Actor => ({
  shopId: 's1',
  userId,
  role: 'staff',
  staffPermissions: { ...DEFAULT_STAFF_PERMISSIONS, ...Object.fromEntries(switches.map((key) => [key, true])) },
});
const clerk = staff();
const bill = (status: BillStatus, fields: Partial<BillFacts> = {}): BillFacts => ({ status, kind: 'normal', direction: 'out', createdBy: 'clerk', ...fields });

describe('the bill state machine', () => {
  it.each<[string, Actor, BillStatus, BillAction[]]>([
    ['its creator', clerk, 'draft', ['edit', 'delete', 'submit']],
    ['its creator', clerk, 'pending', ['withdraw']],
    ['its creator', clerk, 'confirmed', []],
    ['its creator', clerk, 'rejected', ['reopen']],
    ['its creator', clerk, 'reversed', []],
    ['the owner', owner, 'draft', ['edit', 'delete', 'submit']],
    ['the owner', owner, 'pending', ['approve', 'reject']],
    ['the owner', owner, 'confirmed', ['reverse']],
    ['the owner', owner, 'rejected', ['reopen']],
    ['the owner', owner, 'reversed', []],
    ['another staff member', staff('colleague'), 'draft', []],
    ['another staff member', staff('colleague'), 'pending', []],
    ['another staff member', staff('colleague'), 'rejected', []],
  ])('a staff member’s ordinary bill: %s may, when it is %s, %j', (_, actor, status, expected) => {
    expect(billActionsFor(actor, bill(status))).toEqual(expected);
  });

  it('a staff member barred from a direction keeps only what writes nothing of it: delete and withdraw', () => {
    const barred = staff('clerk', 'disableOutbound');
    expect(billActionsFor(barred, bill('draft'))).toEqual(['delete']);
    expect(billActionsFor(barred, bill('pending'))).toEqual(['withdraw']);
    expect(billActionsFor(barred, bill('rejected'))).toEqual([]);
    expect(billActionsFor(barred, bill('draft', { direction: 'in' }))).toEqual(['edit', 'delete', 'submit']);
    // The owner is never barred.
    expect(billActionsFor({ ...owner, staffPermissions: barred.staffPermissions }, bill('rejected'))).toEqual(['reopen']);
  });

  it('transfers, stocktakes and reversals are made by their own screens: only approval, deletion of a draft transfer and reversal apply', () => {
    expect(billActionsFor(clerk, bill('draft', { kind: 'transfer' }))).toEqual(['delete', 'submit']);
    expect(billActionsFor(clerk, bill('pending', { kind: 'transfer' }))).toEqual([]);
    expect(billActionsFor(clerk, bill('rejected', { kind: 'stocktake' }))).toEqual([]);
    expect(billActionsFor(owner, bill('pending', { kind: 'stocktake' }))).toEqual(['approve', 'reject']);
    expect(billActionsFor(owner, bill('confirmed', { kind: 'stocktake' }))).toEqual(['reverse']);
    expect(billActionsFor(owner, bill('confirmed', { kind: 'transfer' }))).toEqual(['reverse']);
    expect(billActionsFor(owner, bill('confirmed', { kind: 'reversal' }))).toEqual([]);
  });

  it('every action leaves from some status, and every status but reversed has a way on for someone', () => {
    const reachable = new Set(
      BILL_STATUSES.flatMap((status) => BILL_KINDS.flatMap((kind) => [owner, clerk].flatMap((actor) => billActionsFor(actor, bill(status, { kind }))))),
    );
    expect([...reachable].sort()).toEqual([...BILL_ACTIONS].sort());
    for (const status of BILL_STATUSES.filter((s) => s !== 'reversed')) {
      expect([owner, clerk].some((actor) => billActionsFor(actor, bill(status)).length > 0), status).toBe(true);
    }
  });

  it('tells who-you-are refusals (403) from where-the-bill-is refusals (409), with a sentence', () => {
    expect(billActionRefusal(clerk, bill('pending'), 'approve')).toEqual({ reason: 'forbidden', message: 'Only the owner can approve this bill' });
    expect(billActionRefusal(staff('colleague'), bill('draft'), 'edit')).toEqual({ reason: 'forbidden', message: 'Only the creator or the owner can edit this bill' });
    expect(billActionRefusal(owner, bill('pending'), 'withdraw')).toEqual({ reason: 'forbidden', message: 'Only the creator can withdraw this bill' });
    expect(billActionRefusal(staff('clerk', 'disableOutbound'), bill('draft'), 'submit')).toEqual({
      reason: 'forbidden',
      message: 'Outbound bills are disabled for your account',
    });
    expect(billActionRefusal(owner, bill('confirmed'), 'approve')).toEqual({
      reason: 'state',
      message: 'This bill is confirmed; only a pending bill can be approved',
    });
    expect(billActionRefusal(owner, bill('confirmed', { kind: 'reversal' }), 'reverse')).toEqual({ reason: 'state', message: 'A reversal bill cannot be reversed' });
    expect(billActionRefusal(clerk, bill('draft'), 'edit')).toBeNull();
  });

  /** Each action as its refusals word it, who may take it and a status it does not leave from. */
  const WORDING: Record<BillAction, { verb: string; done: string; who: string; from: BillStatus; otherStatus: BillStatus; stranger: Actor }> = {
    edit: { verb: 'edit', done: 'edited', who: 'the creator or the owner', from: 'draft', otherStatus: 'pending', stranger: staff('colleague') },
    delete: { verb: 'delete', done: 'deleted', who: 'the creator or the owner', from: 'draft', otherStatus: 'confirmed', stranger: staff('colleague') },
    submit: { verb: 'confirm', done: 'confirmed', who: 'the creator or the owner', from: 'draft', otherStatus: 'rejected', stranger: staff('colleague') },
    withdraw: { verb: 'withdraw', done: 'withdrawn', who: 'the creator', from: 'pending', otherStatus: 'draft', stranger: owner },
    approve: { verb: 'approve', done: 'approved', who: 'the owner', from: 'pending', otherStatus: 'draft', stranger: clerk },
    reject: { verb: 'reject', done: 'rejected', who: 'the owner', from: 'pending', otherStatus: 'reversed', stranger: clerk },
    reopen: { verb: 'reopen', done: 'reopened', who: 'the creator or the owner', from: 'rejected', otherStatus: 'confirmed', stranger: staff('colleague') },
    reverse: { verb: 'reverse', done: 'reversed', who: 'the owner', from: 'confirmed', otherStatus: 'pending', stranger: clerk },
  };

  it.each(BILL_ACTIONS)('words every refusal of %s: who may, from which status, of which kind', (action) => {
    const { verb, done, who, from, otherStatus, stranger } = WORDING[action];
    const allowed = action === 'withdraw' ? clerk : owner;
    expect(billActionRefusal(stranger, bill(from), action)).toEqual({ reason: 'forbidden', message: `Only ${who} can ${verb} this bill` });
    expect(billActionRefusal(allowed, bill(otherStatus), action)).toEqual({
      reason: 'state',
      message: `This bill is ${otherStatus}; only a ${from} bill can be ${done}`,
    });
    // A reversal waits for the owner like any bill, and is otherwise never acted on.
    const reversal = billActionRefusal(allowed, bill(from, { kind: 'reversal' }), action);
    expect(reversal).toEqual(['approve', 'reject'].includes(action) ? null : { reason: 'state', message: `A reversal bill cannot be ${done}` });
  });

  it('names the direction that is disabled', () => {
    expect(billActionRefusal(staff('clerk', 'disableInbound'), bill('draft', { direction: 'in' }), 'edit')).toEqual({
      reason: 'forbidden',
      message: 'Inbound bills are disabled for your account',
    });
  });

  it('refuses owner-only actions to staff before the bill is even read', () => {
    for (const action of BILL_ACTIONS) expect(billActionOpenTo(clerk, action), action).toBe(!['approve', 'reject', 'reverse'].includes(action));
    for (const action of BILL_ACTIONS) expect(billActionOpenTo(owner, action), action).toBe(true);
  });
});

describe('@xiaocang/domain/rules', () => {
  /** Every module the entry point loads, following relative imports. */
  function modulesOf(entry: URL, seen = new Map<string, string[]>()): Map<string, string[]> {
    if (seen.has(entry.href)) return seen;
    const imports = [...readFileSync(entry, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
    seen.set(entry.href, imports);
    for (const specifier of imports) if (specifier.startsWith('.')) modulesOf(new URL(specifier, entry), seen);
    return seen;
  }

  it('is exported as a subpath and loads nothing but pure rules (no decimal.js)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string> };
    const entry = new URL(`../${pkg.exports['./rules']}`, import.meta.url);
    const modules = modulesOf(entry);
    expect([...modules.keys()].map((href) => href.split('/').at(-1)).sort()).toEqual(['bill-status.ts', 'permissions.ts', 'rules.ts']);
    expect([...modules.values()].flat().filter((specifier) => !specifier.startsWith('.'))).toEqual([]);
  });
});
