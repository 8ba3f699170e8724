import { describe, expect, it } from 'vitest';
import { applyMovement, costState, EMPTY_STATE, replay, type CostState, type Movement } from './costing.ts';
import { moneyText, moneyUnits, quantityText, quantityUnits, unitCostText, unitCostUnits } from './units.ts';

const receive = (quantity: string, unitPrice: string, amount?: string): Movement =>
  amount === undefined
    ? { kind: 'receive', quantity: quantityUnits(quantity), unitPrice: unitCostUnits(unitPrice) }
    : { kind: 'receive', quantity: quantityUnits(quantity), unitPrice: unitCostUnits(unitPrice), amount: moneyUnits(amount) };
const issue = (quantity: string): Movement => ({ kind: 'issue', quantity: quantityUnits(quantity) });
const unreceive = (quantity: string, amount: string): Movement => ({ kind: 'unreceive', quantity: quantityUnits(quantity), amount: moneyUnits(amount) });

/** [quantity, avgCost, totalCost] at their stored places. */
const show = (s: CostState): [string, string, string] => [quantityText(s.quantity), unitCostText(s.avgCost), moneyText(s.totalCost)];
const final = (opening: CostState, movements: Movement[]): CostState => replay(opening, movements).at(-1)?.after ?? opening;

describe('applyMovement', () => {
  it('seed example: stock 50 and 100, sell 10 and 20 → 40 and 80 at unchanged averages', () => {
    const a = applyMovement(costState('50', '2.5', '125'), issue('10'));
    const b = applyMovement(costState('100', '12.3', '1230'), issue('20'));
    expect(show(a.after)).toEqual(['40.000', '2.5000', '100.00']);
    expect(moneyText(a.costAmount)).toBe('25.00');
    expect(show(b.after)).toEqual(['80.000', '12.3000', '984.00']);
    expect(moneyText(b.costAmount)).toBe('246.00');
  });

  it('weighted average: 10@5 + 10@7 → 6.0000', () => {
    const [first, second] = replay(EMPTY_STATE, [receive('10', '5'), receive('10', '7')]);
    expect(show(first!.after)).toEqual(['10.000', '5.0000', '50.00']);
    expect(show(second!.after)).toEqual(['20.000', '6.0000', '120.00']);
    expect(moneyText(second!.costAmount)).toBe('70.00');
  });

  it('weighted average uses the receipt amount, rounded to unit cost', () => {
    // 3 @ 1 + 1.5 @ 2.3333 (3.50) → 6.50 / 4.5 = 1.4444…
    expect(show(final(EMPTY_STATE, [receive('3', '1'), receive('1.5', '2.3333')]))).toEqual(['4.500', '1.4444', '6.50']);
  });

  it('rounds movement inputs to the rule before using them', () => {
    const result = applyMovement(EMPTY_STATE, receive('1.0005', '2.00005'));
    // 1.001 × 2.0001 = 2.0021 → 2.00 stored, so the average is 2.00 / 1.001, not the price.
    expect(show(result.after)).toEqual(['1.001', '1.9980', '2.00']);
    expect(unitCostText(result.unitCost)).toBe('2.0001');
  });

  it('issues at the average cost', () => {
    const result = applyMovement(costState('20', '6', '120'), issue('7.5'));
    expect(unitCostText(result.unitCost)).toBe('6.0000');
    expect(moneyText(result.costAmount)).toBe('45.00');
    expect(show(result.after)).toEqual(['12.500', '6.0000', '75.00']);
  });

  it('an issue that empties stock takes the whole remaining total: 3 for 10.00 sold one by one', () => {
    const results = replay(costState('3', '3.3333', '10'), [issue('1'), issue('1'), issue('1')]);
    expect(results.map((r) => moneyText(r.costAmount))).toEqual(['3.33', '3.34', '3.33']);
    expect(results.map((r) => show(r.after))).toEqual([
      ['2.000', '3.3350', '6.67'],
      ['1.000', '3.3300', '3.33'],
      ['0.000', '3.3300', '0.00'],
    ]);
  });

  it('emptying takes the total even when quantity × average would not', () => {
    // 1000 × 1.2346 = 1234.60, but the stock is worth 1234.57.
    const before = final(EMPTY_STATE, [receive('700', '1'), receive('300', '1.7819')]);
    expect(show(before)).toEqual(['1000.000', '1.2346', '1234.57']);
    const out = applyMovement(before, issue('1000'));
    expect(moneyText(out.costAmount)).toBe('1234.57');
    expect(out.after.totalCost).toBe(0n);
  });

  it('issuing beyond stock (negative stock allowed) costs at the average and keeps it', () => {
    const result = applyMovement(costState('2', '4', '8'), issue('5'));
    expect(moneyText(result.costAmount)).toBe('20.00');
    expect(show(result.after)).toEqual(['-3.000', '4.0000', '-12.00']);
  });

  it('a receipt into negative stock takes its own price as the average and revalues the total', () => {
    const result = applyMovement(costState('-3', '4', '-12'), receive('5', '6'));
    expect(moneyText(result.costAmount)).toBe('30.00');
    expect(show(result.after)).toEqual(['2.000', '6.0000', '12.00']);
  });

  it('a receipt that leaves stock not positive takes its own price as the average', () => {
    expect(show(applyMovement(costState('-5', '4', '-20'), receive('2', '6')).after)).toEqual(['-3.000', '6.0000', '-18.00']);
    expect(show(applyMovement(costState('-2', '4', '-8'), receive('2', '6')).after)).toEqual(['0.000', '6.0000', '0.00']);
  });

  it('a receipt into zero stock keeps any residue in the total (cost is conserved)', () => {
    expect(show(applyMovement(costState('0', '6', '1'), receive('1', '10')).after)).toEqual(['1.000', '11.0000', '11.00']);
  });

  it('unreceive takes a receipt back at its own amount and restores the prior state', () => {
    const opening = costState('3', '3.3333', '10');
    const received = applyMovement(opening, receive('4', '2.5'));
    expect(show(received.after)).toEqual(['7.000', '2.8571', '20.00']);
    const reversed = applyMovement(received.after, unreceive('4', moneyText(received.costAmount)));
    expect(show(reversed.after)).toEqual(show(opening));
    expect(unitCostText(reversed.unitCost)).toBe('2.5000');
    expect(moneyText(reversed.costAmount)).toBe('10.00');
  });

  it('unreceive after other movements recomputes the average from what is left', () => {
    // 10@5, 10@7, sell 5 (at 6), take back the 5-receipt: 15 - 10 units, 90 - 50 value.
    const after = final(EMPTY_STATE, [receive('10', '5'), receive('10', '7'), issue('5'), unreceive('10', '50')]);
    expect(show(after)).toEqual(['5.000', '8.0000', '40.00']);
  });

  it('unreceive to zero or below keeps the average it cannot recompute', () => {
    expect(show(applyMovement(costState('2', '6', '12'), unreceive('2', '10')).after)).toEqual(['0.000', '6.0000', '2.00']);
    expect(show(applyMovement(costState('1', '6', '6'), unreceive('3', '15')).after)).toEqual(['-2.000', '6.0000', '-9.00']);
    expect(unitCostText(applyMovement(costState('1', '6', '6'), unreceive('0', '0')).unitCost)).toBe('6.0000');
  });

  it('a receipt with an explicit amount carries the cost exactly (transfer in)', () => {
    const source = final(EMPTY_STATE, [receive('700', '1'), receive('300', '1.7819')]);
    const out = applyMovement(source, issue('1000'));
    const transferIn = applyMovement(EMPTY_STATE, receive('1000', unitCostText(out.unitCost), moneyText(out.costAmount)));
    expect(moneyText(transferIn.costAmount)).toBe('1234.57');
    expect(show(transferIn.after)).toEqual(['1000.000', '1.2346', '1234.57']);
    // Without the amount the value would be 1000 × 1.2346.
    expect(moneyText(applyMovement(EMPTY_STATE, receive('1000', '1.2346')).after.totalCost)).toBe('1234.60');
  });

  it('receiving an issue back at its cost and price (reversal of an issue) restores the prior state', () => {
    const sold = replay(costState('3', '3.3333', '10'), [issue('1'), issue('1')]);
    const last = sold[1]!;
    const reversed = applyMovement(last.after, receive('1', unitCostText(last.unitCost), moneyText(last.costAmount)));
    expect(show(reversed.after)).toEqual(show(last.before));
    expect(show(reversed.after)).toEqual(['2.000', '3.3350', '6.67']);
  });

  it('never mutates the state it is given', () => {
    const before = costState('3', '3.3333', '10');
    const snapshot = show(before);
    applyMovement(before, issue('3'));
    applyMovement(before, receive('1', '1'));
    applyMovement(before, unreceive('1', '1'));
    expect(show(before)).toEqual(snapshot);
  });
});

describe('replay', () => {
  it('chains each result into the next and returns one result per movement', () => {
    const results = replay(EMPTY_STATE, [receive('10', '5'), issue('4'), receive('2', '8')]);
    expect(results).toHaveLength(3);
    expect(results[1]!.before).toBe(results[0]!.after);
    expect(results[2]!.before).toBe(results[1]!.after);
    expect(show(results[2]!.after)).toEqual(['8.000', '5.7500', '46.00']);
    expect(replay(EMPTY_STATE, [])).toEqual([]);
  });
});
