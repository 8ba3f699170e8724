import { shopDay } from './calendar.ts';

export type BillDirection = 'in' | 'out';
/** Each series is numbered on its own: inbound and outbound bills, receipts (收款, SK) and payments (付款, FK). */
export type NumberSeries = BillDirection | 'receipt' | 'payment';

export const BILL_NUMBER_PREFIX: Record<NumberSeries, string> = { in: 'IN', out: 'OUT', receipt: 'SK', payment: 'FK' };

/** The series prefix + yyyymmdd + a 4-digit per-shop daily sequence, e.g. IN202611220007. */
export function formatBillNumber(direction: NumberSeries, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) {
    throw new RangeError(`bill sequence out of range: ${sequence}`);
  }
  return `${BILL_NUMBER_PREFIX[direction]}${day.replaceAll('-', '')}${String(sequence).padStart(4, '0')}`;
}

/** A period of bill dates; what is not given is the current month up to today (the shop's calendar). */
export function periodOf(query: { dateFrom?: string | undefined; dateTo?: string | undefined }, now = new Date()): { dateFrom: string; dateTo: string } {
  const today = shopDay(now);
  return { dateFrom: query.dateFrom ?? `${today.slice(0, 8)}01`, dateTo: query.dateTo ?? today };
}
