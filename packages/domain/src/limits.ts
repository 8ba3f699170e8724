import { shopDay } from './calendar.ts';
import type { CostState } from './costing.ts';
import { moneyUnits, quantityUnits } from './units.ts';

/**
 * How much one line, one bill and one balance may hold. A micro-merchant never comes near them; they
 * exist so that no input, however large or however often repeated, can push a stored number past its
 * column. README.md ("Limits") works out the worst case of every column from them.
 */
export const LIMITS = {
  /** Quantity of one line of a bill or a transfer. */
  lineQuantity: 1_000_000,
  /** Unit price of one line, and a product's inbound and outbound price (yuan). */
  unitPrice: 1_000_000,
  /** Amount of one line, quantity × unit price (yuan). */
  lineAmount: 1_000_000,
  /** Total amount of one bill (yuan). */
  billTotal: 10_000_000,
  /** Stock of one product at one stock point, either side of zero, after every movement (also a counted quantity and a warning level). */
  balanceQuantity: 1_000_000_000,
  /** Value of that stock, either side of zero, after every movement (yuan). */
  balanceValue: 10_000_000_000,
} as const;

/** A limit as people read it in an error message: 10,000,000. */
export const limitText = (limit: number): string => limit.toLocaleString('en-US');

const MAX_BALANCE_QUANTITY = quantityUnits(String(LIMITS.balanceQuantity));
const MAX_BALANCE_VALUE = moneyUnits(String(LIMITS.balanceValue));
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/**
 * Whether a balance stays within the limits. Checked after every movement, it also bounds what a movement
 * moves: an issue's cost is the difference of two balance values, so it never exceeds twice the value limit.
 */
export function withinBalanceLimits(state: CostState): boolean {
  return abs(state.quantity) <= MAX_BALANCE_QUANTITY && abs(state.totalCost) <= MAX_BALANCE_VALUE;
}

/** The first day the books take: anything earlier is a typo (and year 0000 is not a date PostgreSQL stores). */
export const EARLIEST_BOOK_DATE = '2000-01-01';

/**
 * The last day the books take: a year after the shop's today. A bill dated further ahead would sit after
 * every real posting of its products, which would then all be backdated.
 */
export function latestBookDate(now = new Date()): string {
  const [year, month, day] = shopDay(now).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + 1, month - 1, day)).toISOString().slice(0, 10);
}

/**
 * How many years one report may cover: a day-by-day series or a grouped summary of longer spans answers
 * slowly and reads no better than a few of them side by side.
 */
export const REPORT_PERIOD_YEARS = 3;

/** The last day a report that starts on `from` may cover: the day before the same date REPORT_PERIOD_YEARS later. */
export function lastReportDay(from: string): string {
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + REPORT_PERIOD_YEARS, month - 1, day - 1)).toISOString().slice(0, 10);
}
