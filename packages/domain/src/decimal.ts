import Decimal from 'decimal.js';

/**
 * The one rounding rule of Xiaocang, used everywhere a number is stored:
 * quantities to 3 places, money (amounts, totals, prices) to 2, unit costs and unit prices to 4,
 * always rounding half away from zero (the way a shop owner rounds by hand: 2.345 → 2.35, -2.345 → -2.35).
 */
export const QUANTITY_PLACES = 3;
export const MONEY_PLACES = 2;
export const UNIT_COST_PLACES = 4;

const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;
export type DecimalInput = Decimal.Value;

export function dec(value: DecimalInput): Decimal {
  return new Exact(value);
}

export const ZERO = dec(0);

export function roundQuantity(value: DecimalInput): Decimal {
  return dec(value).toDecimalPlaces(QUANTITY_PLACES, Decimal.ROUND_HALF_UP);
}

export function roundMoney(value: DecimalInput): Decimal {
  return dec(value).toDecimalPlaces(MONEY_PLACES, Decimal.ROUND_HALF_UP);
}

export function roundUnitCost(value: DecimalInput): Decimal {
  return dec(value).toDecimalPlaces(UNIT_COST_PLACES, Decimal.ROUND_HALF_UP);
}

/** Fixed-place strings are what the API and the database exchange. */
export const formatQuantity = (value: DecimalInput): string => roundQuantity(value).toFixed(QUANTITY_PLACES);
export const formatMoney = (value: DecimalInput): string => roundMoney(value).toFixed(MONEY_PLACES);
export const formatUnitCost = (value: DecimalInput): string => roundUnitCost(value).toFixed(UNIT_COST_PLACES);

/** amount = quantity × unit price, rounded to money. */
export function lineAmount(quantity: DecimalInput, unitPrice: DecimalInput): Decimal {
  return roundMoney(dec(quantity).times(unitPrice));
}

export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}
