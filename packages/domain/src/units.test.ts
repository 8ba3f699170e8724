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
});
