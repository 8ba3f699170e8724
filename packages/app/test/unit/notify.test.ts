import { describe, expect, it } from 'vitest';
import { translateServerMessage } from '../../src/api/messages';
import type { WarningOverride, WarningReport } from '../../src/api/types';
import { notificationTarget, overrideSummary, periodLabel, periodSlots, rulesToValues, valuesToOverrideInput, valuesToRulesInput, warningBars } from '../../src/lib/notify';

const override = (fields: Partial<WarningOverride>): WarningOverride => ({
  scope: 'category',
  id: '3',
  name: '面膜',
  lowStockThreshold: null,
  coverDays: null,
  rateWindowDays: null,
  spikeFactor: null,
  staleDays: null,
  ...fields,
});

describe('warning rules as typed', () => {
  it('shows stored figures without trailing zeros and sends day counts as numbers', () => {
    const values = rulesToValues({ lowStockThreshold: '5.000', coverDays: 7, rateWindowDays: 28, spikeFactor: '2.0', staleDays: 0 });
    expect(values).toEqual({ lowStockThreshold: '5', coverDays: '7', rateWindowDays: '28', spikeFactor: '2', staleDays: '0' });
    expect(valuesToRulesInput({ ...values, coverDays: ' 10 ' })).toEqual({ lowStockThreshold: '5', coverDays: 10, rateWindowDays: 28, spikeFactor: '2', staleDays: 0 });
  });

  it('leaves what is not a whole number as typed, for the server to refuse under its field', () => {
    const input = valuesToRulesInput({ lowStockThreshold: 'abc', coverDays: '7.5', rateWindowDays: '', spikeFactor: '1.05', staleDays: '-1' });
    expect(input).toEqual({ lowStockThreshold: 'abc', coverDays: '7.5', rateWindowDays: '', spikeFactor: '1.05', staleDays: '-1' });
  });

  it('sends a blank override field as null (follow the level above) and never a product threshold', () => {
    const values = { lowStockThreshold: '3', coverDays: '', rateWindowDays: '14', spikeFactor: '0', staleDays: ' ' };
    expect(valuesToOverrideInput(values, 'category')).toEqual({ lowStockThreshold: '3', coverDays: null, rateWindowDays: 14, spikeFactor: '0', staleDays: null });
    expect(valuesToOverrideInput(values, 'product')).toEqual({ coverDays: null, rateWindowDays: 14, spikeFactor: '0', staleDays: null });
  });

  it('sums up an override by the rules it sets, saying which it turns off', () => {
    expect(overrideSummary(override({}))).toBe('全部跟随全店');
    expect(overrideSummary(override({ lowStockThreshold: '10.000', spikeFactor: '0', staleDays: 30 }))).toBe('库存≤10 · 不提醒出库激增 · 30 天未出库');
  });
});

describe('the warning report chart', () => {
  it('scales both series against the largest bar and names the periods', () => {
    const report: WarningReport = {
      from: '2026-03-01',
      to: '2026-03-31',
      byKind: [],
      periods: [
        { period: '2026-03-02', counts: { lowStock: 3, lowCover: 1, spike: 0, stale: 2 } },
        { period: '2026-03-09', counts: { lowStock: 0, lowCover: 0, spike: 1, stale: 0 } },
      ],
      topProducts: [],
    };
    expect(warningBars(report)).toEqual([
      { label: '3/2', a: 1, b: 0.5 },
      { label: '3/9', a: 0, b: 0.25 },
    ]);
    expect(periodLabel('2026-11')).toBe('11月');
    // Every period of the range has its bar, named as the server names it (ISO weeks, labelled by their Monday).
    const slots = periodSlots('2026-03-01', '2026-03-10', 'week');
    expect(slots).toEqual([
      { key: '2026-W09', label: '2/23' },
      { key: '2026-W10', label: '3/2' },
      { key: '2026-W11', label: '3/9' },
    ]);
    const weekly = { ...report, periods: [{ period: '2026-W10', counts: { lowStock: 2, lowCover: 0, spike: 1, stale: 0 } }] };
    expect(warningBars(weekly, slots)).toEqual([
      { label: '2/23', a: 0, b: 0 },
      { label: '3/2', a: 1, b: 0.5 },
      { label: '3/9', a: 0, b: 0 },
    ]);
    expect(periodSlots('2026-12-28', '2027-01-04', 'week').map((slot) => slot.key)).toEqual(['2026-W53', '2027-W01']);
    expect(periodSlots('2026-11-30', '2027-01-02', 'month').map((slot) => slot.key)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(periodSlots('2026-02-27', '2026-03-01', 'day').map((slot) => slot.label)).toEqual(['27', '28', '3/1']);
    expect(periodLabel('2026-W07')).toBe('第7周');
  });
});

describe('where a notification leads', () => {
  it('opens the app’s own screens with their query, and a tab by switching to it', () => {
    expect(notificationTarget('/sub/notify/warnings/index')).toEqual({ url: '/sub/notify/warnings/index', tab: false });
    expect(notificationTarget('/sub/bill/detail/index?id=42')).toEqual({ url: '/sub/bill/detail/index?id=42', tab: false });
    expect(notificationTarget('/pages/bills/index?status=pending')).toEqual({ url: '/pages/bills/index?status=pending', tab: true });
  });

  it('opens nothing that is not one of its screens', () => {
    expect(notificationTarget(null)).toBeNull();
    expect(notificationTarget('https://evil.example/sub/bill/detail/index')).toBeNull();
    expect(notificationTarget('/sub/bill/detail/index?id=1"><script>')).toBeNull();
    expect(notificationTarget('/pages/login/index')).toBeNull();
  });
});

describe('the server’s words for these forms', () => {
  it('are shown in Chinese', () => {
    expect(translateServerMessage('must be an 11-digit mobile number')).toBe('请输入 11 位手机号');
    expect(translateServerMessage('must be an email address')).toBe('请输入正确的邮箱地址');
    expect(translateServerMessage('Too small: expected number to be >=7')).toBe('不能小于 7');
    expect(translateServerMessage('must be 0 (off) or at least 1.1')).toBe('填 0（关闭）或不小于 1.1');
  });
});
