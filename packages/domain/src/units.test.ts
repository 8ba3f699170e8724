import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, formatMoney, formatQuantity, formatUnitCost } from './decimal.ts';
import {
  amountUnits,
  divideRounded,
  moneyText,
  moneyUnits,
  quantityText,
  quantityUnits,
  toUnits,
  unitCostOf,
  unitCostText,
  unitCostUnits,
  unitsText,
} from './units.ts';

describe('units', () => {
  it('reads decimal text into units, rounding half away from zero at the places kept', () => {
    expect(quantityUnits('12.5')).toBe(12_500n);
    expect(quantityUnits('1.0005')).toBe(1_001n);
    expect(quantityUnits('1.00049')).toBe(1_000n);
    expect(quantityUnits('-1.0005')).toBe(-1_001n);
    expect(moneyUnits('.5')).toBe(50n);
    expect(moneyUnits('7')).toBe(700n);
    expect(unitCostUnits('-0.00004')).toBe(0n);
    expect(toUnits('1e-7', 4)).toBe(0n);
    expect(toUnits('2.5e3', 2)).toBe(250_000n);
  });

  it('writes units as fixed-place text; zero has no sign', () => {
    expect(quantityText(-1_500n)).toBe('-1.500');
    expect(moneyText(5n)).toBe('0.05');
    expect(unitCostText(0n)).toBe('0.0000');
    expect(unitsText(-7n, 2)).toBe('-0.07');
  });

  it('agrees with the decimal formatting of the API for any text', () => {
    const text = fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 7 })).map(([n, places]) => dec(n.toString()).div(10 ** places).toFixed());
    fc.assert(
      fc.property(text, (value) => {
        expect(quantityText(quantityUnits(value))).toBe(formatQuantity(value));
        expect(moneyText(moneyUnits(value))).toBe(formatMoney(value));
        expect(unitCostText(unitCostUnits(value))).toBe(formatUnitCost(value));
      }),
    );
  });

  it('divides rounding half away from zero', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(5n, -2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    // 3 × 3.3333 = 9.9999 → 10.00; 10.00 / 3 = 3.3333…
    expect(moneyText(amountUnits(3_000n, 33_333n))).toBe('10.00');
    expect(unitCostText(unitCostOf(1_000n, 3_000n))).toBe('3.3333');
  });

  it.each<[string, number, bigint]>([
    // Exactly the places kept (as the database writes them): the digits are the units.
    ['12.345', 3, 12_345n],
    ['-12.345', 3, -12_345n],
    ['0.000', 3, 0n],
    ['-0.0500', 4, -500n],
    // Fewer places, no fraction, no whole part.
    ['12.5', 3, 12_500n],
    ['7', 2, 700n],
    ['-7', 2, -700n],
    ['7.', 2, 700n],
    ['.5', 3, 500n],
    ['-.5', 3, -500n],
    ['.0005', 3, 1n],
    // More places: the first digit dropped decides, 4 down and 5 up, away from zero.
    ['1.0004', 3, 1_000n],
    ['1.0005', 3, 1_001n],
    ['-1.0004', 3, -1_000n],
    ['-1.0005', 3, -1_001n],
    ['1.00049999', 3, 1_000n],
    ['0.9995', 3, 1_000n],
    ['-0.9995', 3, -1_000n],
    ['12.3449', 2, 1_234n],
    ['12.345', 2, 1_235n],
    // Exponents, however many places they seem to have.
    ['1.5e3', 3, 1_500_000n],
    ['1.25e-1', 2, 13n],
    ['-1.25e-1', 2, -13n],
  ])('reads %j at %i places as %i', (text, places, units) => {
    expect(toUnits(text, places)).toBe(units);
  });

  it.each<[bigint, number, string]>([
    [0n, 2, '0.00'],
    [5n, 2, '0.05'],
    [12n, 2, '0.12'],
    [123n, 2, '1.23'],
    [-123n, 2, '-1.23'],
    [1_000n, 3, '1.000'],
    [-12_345_678n, 4, '-1234.5678'],
  ])('writes %i at %i places as %j', (units, places, text) => {
    expect(unitsText(units, places)).toBe(text);
  });
});
