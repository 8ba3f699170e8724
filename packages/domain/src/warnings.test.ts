import { describe, expect, it } from 'vitest';
import { DEFAULT_WARNING_RULES, effectiveWarningRules, heldRateAndAgeWarnings, warningMessage, type ProductMovement } from './warnings.ts';

const still: ProductMovement = { quantity: '0', windowOutbound: '0', weekOutbound: '0', priorOutbound: '0', daysSinceOutbound: null, daysSinceFirstMovement: 0 };
const rules = DEFAULT_WARNING_RULES; // cover 7 days over 28, spike ×2, stale 90 days

describe('warning rules', () => {
  it('takes each rule from the nearest level that sets it', () => {
    expect(effectiveWarningRules({ coverDays: 10, staleDays: 30 }, { staleDays: 60, spikeFactor: null }, { staleDays: 0 })).toEqual({
      ...DEFAULT_WARNING_RULES,
      coverDays: 10,
      staleDays: 0,
    });
  });

  it('warns of low cover strictly below the days wanted, exactly at the limit', () => {
    // 28 sold over 28 days: 1 a day. 7 in stock lasts exactly 7 days: not below.
    expect(heldRateAndAgeWarnings({ ...still, quantity: '7', windowOutbound: '28' }, rules).has('lowCover')).toBe(false);
    const low = heldRateAndAgeWarnings({ ...still, quantity: '6.999', windowOutbound: '28' }, rules).get('lowCover');
    expect(low).toEqual({ stockQuantity: '6.999', dailyOutbound: '1.000', daysOfCover: '7.0' });
    expect(heldRateAndAgeWarnings({ ...still, quantity: '5', windowOutbound: '0' }, rules).has('lowCover')).toBe(false);
    expect(heldRateAndAgeWarnings({ ...still, quantity: '-2', windowOutbound: '10' }, rules).get('lowCover')?.daysOfCover).toBe('0.0');
    expect(heldRateAndAgeWarnings({ ...still, quantity: '1', windowOutbound: '28' }, { ...rules, coverDays: 0 }).has('lowCover')).toBe(false);
  });

  it('warns of a spike at the factor times the usual week, not below it', () => {
    expect(heldRateAndAgeWarnings({ ...still, weekOutbound: '20', priorOutbound: '40' }, rules).get('spike')).toEqual({
      stockQuantity: '0',
      weekOutbound: '20',
      weeklyAverage: '10.000',
    });
    expect(heldRateAndAgeWarnings({ ...still, weekOutbound: '19.999', priorOutbound: '40' }, rules).has('spike')).toBe(false);
    expect(heldRateAndAgeWarnings({ ...still, weekOutbound: '15', priorOutbound: '40' }, { ...rules, spikeFactor: '1.5' }).has('spike')).toBe(true);
    // Nothing usual to compare with: a first week of sales is not a spike.
    expect(heldRateAndAgeWarnings({ ...still, weekOutbound: '50', priorOutbound: '0' }, rules).has('spike')).toBe(false);
  });

  it('calls stock stale after the idle days, counting from its arrival when it never went out', () => {
    expect(heldRateAndAgeWarnings({ ...still, quantity: '3', daysSinceOutbound: 90, daysSinceFirstMovement: 400 }, rules).get('stale')).toEqual({
      stockQuantity: '3',
      daysIdle: 90,
    });
    expect(heldRateAndAgeWarnings({ ...still, quantity: '3', daysSinceOutbound: 89, daysSinceFirstMovement: 400 }, rules).has('stale')).toBe(false);
    expect(heldRateAndAgeWarnings({ ...still, quantity: '3', daysSinceOutbound: null, daysSinceFirstMovement: 95 }, rules).has('stale')).toBe(true);
    expect(heldRateAndAgeWarnings({ ...still, quantity: '0', daysSinceOutbound: 200, daysSinceFirstMovement: 400 }, rules).has('stale')).toBe(false);
  });

  it('says each warning in words with its figures', () => {
    const product = { name: '可乐', unit: '瓶' };
    expect(warningMessage('lowStock', product, { stockQuantity: '3.000', threshold: '5.000' })).toEqual({
      title: '库存不足：可乐',
      detail: '库存 3 瓶，不高于预警库存 5 瓶',
    });
    expect(warningMessage('stale', product, { stockQuantity: '12.500', daysIdle: 91 }).detail).toBe('库存 12.5 瓶，已 91 天没有出库');
  });
});
