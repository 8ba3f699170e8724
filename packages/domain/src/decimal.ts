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

const ZERO = dec(0);

export function roundQuantity(value: DecimalInput): Decimal {
  return dec(value).toDecimalPlaces(QUANTITY_PLACES, Decimal.ROUND_HALF_UP);
}

export function roundMoney(value: DecimalInput): Decimal {
  return dec(value).toDecimalPlaces(MONEY_PLACES, Decimal.ROUND_HALF_UP);
}

export function roundUnitCost(value: DecimalInput): Decimal {
  return dec(value).toDecimalPlaces(UNIT_COST_PLACES, Decimal.ROUND_HALF_UP);
}

/** Fixed-place strings are what the API and the database exchange (rounded by the rule on the way). */
const format = (places: number) => (value: DecimalInput): string => {
  const text = (value instanceof Decimal ? value : dec(value)).toFixed(places, Decimal.ROUND_HALF_UP);
  // -0.001 rounds to zero, which has no sign.
  return Number(text) === 0 ? text.replace('-', '') : text;
};
export const formatQuantity = format(QUANTITY_PLACES);
export const formatMoney = format(MONEY_PLACES);
export const formatUnitCost = format(UNIT_COST_PLACES);

/** amount = quantity × unit price, rounded to money. */
export function lineAmount(quantity: DecimalInput, unitPrice: DecimalInput): Decimal {
  return roundMoney(dec(quantity).times(unitPrice));
}

export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/** Money in 分 (the integer payment providers count in) from yuan, exactly; refuses fractions of a 分. */
export function moneyToFen(value: DecimalInput): number {
  const fen = dec(value).times(100);
  if (!fen.isInteger()) throw new RangeError(`${String(value)} is not a whole number of 分`);
  return fen.toNumber();
}

/** Yuan, formatted as money, from 分. */
export const fenToMoney = (fen: number | bigint | string): string => formatMoney(dec(String(fen)).dividedBy(100));
