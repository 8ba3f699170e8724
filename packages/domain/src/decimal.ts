import Decimal from 'decimal.js';

/**
 * The one rounding rule of Xiaocang, used everywhere a number is stored:
 * quantities to 3 places, money (amounts, totals, prices) to 2, unit costs and unit prices to 4,
 * always rounding half away from zero (the way a shop owner rounds by hand: 2.345 → 2.35, -2.345 → -2.35).
 */
export const QUANTITY_PLACES = 3;
export const MONEY_PLACES = 2;
export const UNIT_COST_PLACES = 4;

// 34 significant digits hold every sum and product of the books exactly (money below 10^15 with 2 places,
// quantity × unit price below 10^25). Only a division can run past them; it is truncated there, and
// truncating before rounding half-up at 2, 3 or 4 places gives the same result as rounding the exact quotient.
const Exact = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_DOWN });
export type Dec = Decimal;
export type DecimalInput = Decimal.Value;

export function dec(value: DecimalInput): Decimal {
  return new Exact(value);
}

export const ZERO = dec(0);

// Decimals are immutable, so one that already has few enough places is returned as it is: a replay
// of 100,000 ledger rows rounds values that are mostly rounded already.
const asDecimal = (value: DecimalInput): Decimal => (value instanceof Decimal && value.constructor === Exact ? value : new Exact(value));
const roundTo = (value: DecimalInput, places: number): Decimal => {
  const decimal = asDecimal(value);
  return decimal.decimalPlaces() <= places ? decimal : decimal.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
};

export function roundQuantity(value: DecimalInput): Decimal {
  return roundTo(value, QUANTITY_PLACES);
}

export function roundMoney(value: DecimalInput): Decimal {
  return roundTo(value, MONEY_PLACES);
}

export function roundUnitCost(value: DecimalInput): Decimal {
  return roundTo(value, UNIT_COST_PLACES);
}

/** Fixed-place strings are what the API and the database exchange (rounded by the rule on the way). */
const format = (places: number) => (value: DecimalInput): string => {
  const text = (value instanceof Decimal ? value : dec(value)).toFixed(places, Decimal.ROUND_HALF_UP);
  // -0.001 rounds to zero, which has no sign.
  return text.startsWith('-') && /^-0\.?0*$/.test(text) ? text.slice(1) : text;
};
export const formatQuantity = format(QUANTITY_PLACES);
export const formatMoney = format(MONEY_PLACES);
export const formatUnitCost = format(UNIT_COST_PLACES);

/**
 * Exact text of a value already rounded by the rule, for the database (numeric columns keep their own
 * scale): no re-rounding and no new Decimal, which matters when a replay writes 100,000 rows.
 */
export const plain = (value: Decimal): string => value.toFixed();

/** amount = quantity × unit price, rounded to money. */
export function lineAmount(quantity: DecimalInput, unitPrice: DecimalInput): Decimal {
  return roundMoney(asDecimal(quantity).times(unitPrice));
}

export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}
