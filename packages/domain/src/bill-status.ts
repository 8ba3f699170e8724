import { can, type Actor } from './permissions.ts';

/**
 * The life of a bill, as one state machine read by the server (to allow or refuse) and by the app
 * (to show only the buttons that will work):
 *
 *   draft ──submit──▶ pending ──approve──▶ confirmed ──reverse──▶ reversed
 *    │ ▲ ▲               │  │
 *    │ │ └───withdraw────┘  └──reject──▶ rejected
 *    │ └────────────reopen──────────────────┘
 *    └──delete──▶ (deleted)
 *
 * Submit goes straight to confirmed when the actor needs no approval (see `needsApproval`).
 * `edit` keeps a draft a draft. Transfers, stocktakes and reversals are made by their own screens, so
 * only ordinary bills are edited, withdrawn or reopened by hand.
 */
export const BILL_STATUSES = ['draft', 'pending', 'confirmed', 'rejected', 'reversed'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

/** How a bill's status reads to a shop, in the app and in exported files. */
export const BILL_STATUS_LABEL: Readonly<Record<BillStatus, string>> = {
  draft: '草稿',
  pending: '待审核',
  confirmed: '已确认',
  rejected: '已驳回',
  reversed: '已红冲',
};

export const BILL_KINDS = ['normal', 'transfer', 'stocktake', 'reversal'] as const;
export type BillKind = (typeof BILL_KINDS)[number];

export const BILL_ACTIONS = ['edit', 'delete', 'submit', 'withdraw', 'approve', 'reject', 'reopen', 'reverse'] as const;
export type BillAction = (typeof BILL_ACTIONS)[number];

/** What the state machine needs to know of a bill. */
export interface BillFacts {
  status: BillStatus;
  kind: BillKind;
  direction: 'in' | 'out';
  createdBy: string;
}

/** Who may take an action: the owner only, the bill's creator only, or its author (the creator or the owner). */
export type BillActor = 'owner' | 'creator' | 'author';

export interface BillTransition {
  from: readonly BillStatus[];
  kinds: readonly BillKind[];
  by: BillActor;
  /** The actor must be allowed to write bills of this direction (the disableInbound/disableOutbound switches). */
  needsDirection: boolean;
  /** For messages: "approve" / "approved". */
  verb: string;
  done: string;
}

export const BILL_TRANSITIONS: Readonly<Record<BillAction, BillTransition>> = {
  edit: { from: ['draft'], kinds: ['normal'], by: 'author', needsDirection: true, verb: 'edit', done: 'edited' },
  delete: { from: ['draft'], kinds: ['normal', 'transfer'], by: 'author', needsDirection: false, verb: 'delete', done: 'deleted' },
  submit: { from: ['draft'], kinds: ['normal', 'transfer'], by: 'author', needsDirection: true, verb: 'confirm', done: 'confirmed' },
  withdraw: { from: ['pending'], kinds: ['normal'], by: 'creator', needsDirection: false, verb: 'withdraw', done: 'withdrawn' },
  approve: { from: ['pending'], kinds: BILL_KINDS, by: 'owner', needsDirection: false, verb: 'approve', done: 'approved' },
  reject: { from: ['pending'], kinds: BILL_KINDS, by: 'owner', needsDirection: false, verb: 'reject', done: 'rejected' },
  reopen: { from: ['rejected'], kinds: ['normal'], by: 'author', needsDirection: true, verb: 'reopen', done: 'reopened' },
  reverse: { from: ['confirmed'], kinds: ['normal', 'transfer', 'stocktake'], by: 'owner', needsDirection: false, verb: 'reverse', done: 'reversed' },
};

/** Why an action is refused: `forbidden` for who the actor is, `state` for where the bill is. */
export interface BillRefusal {
  reason: 'forbidden' | 'state';
  message: string;
}

/**
 * What can be decided before the bill is read: owner-only actions are refused to staff whatever the
 * bill, so the answer tells nothing about it.
 */
export function billActionOpenTo(actor: Actor, action: BillAction): boolean {
  return BILL_TRANSITIONS[action].by !== 'owner' || can(actor, 'approveBills');
}

/** The one place that decides whether an actor may take an action on a bill; null when allowed. */
export function billActionRefusal(actor: Actor, bill: BillFacts, action: BillAction): BillRefusal | null {
  const t = BILL_TRANSITIONS[action];
  const isCreator = bill.createdBy === actor.userId;
  const allowedActor = t.by === 'owner' ? can(actor, 'approveBills') : t.by === 'creator' ? isCreator : isCreator || actor.role === 'owner';
  if (!allowedActor) {
    const who = t.by === 'owner' ? 'the owner' : t.by === 'creator' ? 'the creator' : 'the creator or the owner';
    return { reason: 'forbidden', message: `Only ${who} can ${t.verb} this bill` };
  }
  if (!t.kinds.includes(bill.kind)) return { reason: 'state', message: `A ${bill.kind} bill cannot be ${t.done}` };
  if (!t.from.includes(bill.status)) {
    return { reason: 'state', message: `This bill is ${bill.status}; only a ${t.from.join(' or ')} bill can be ${t.done}` };
  }
  if (t.needsDirection && !can(actor, bill.direction === 'in' ? 'createInbound' : 'createOutbound')) {
    return { reason: 'forbidden', message: `${bill.direction === 'in' ? 'Inbound' : 'Outbound'} bills are disabled for your account` };
  }
  return null;
}

export function canActOnBill(actor: Actor, bill: BillFacts, action: BillAction): boolean {
  return billActionRefusal(actor, bill, action) === null;
}

/** Every action the actor may take on the bill now, in the order of BILL_ACTIONS. */
export function billActionsFor(actor: Actor, bill: BillFacts): BillAction[] {
  return BILL_ACTIONS.filter((action) => canActOnBill(actor, bill, action));
}
