import { describe, expect, it } from 'vitest';
import type { InOutSummary, StockTrend } from '../../src/api/types';
import { grainFor, REPORT_GRAINS } from '../../src/lib/report-periods';
import { inOutBars, periodLabel, trendShares } from '../../src/lib/stock-report';

const zero = { inboundCount: 0, outboundCount: 0, outboundAmount: '0.00' };
const summary = (items: Array<Partial<InOutSummary['items'][number]> & { key: string }>, quantities = true): InOutSummary => ({
  from: '2026-10-01',
  to: '2026-10-03',
  groupBy: 'day',
  scope: 'shop',
  items: items.map((item) => ({ name: null, partyKind: null, ...zero, ...item })),
  totals: { ...zero, ...(quantities ? { inboundQuantity: '0.000', outboundQuantity: '0.000' } : {}) },
});

describe('the stock and in/out report', () => {
  it('labels periods by their first day: days by number, weeks by their Monday, months by number', () => {
    expect(periodLabel('2026-10-01', 'day')).toBe('10/1');
    expect(periodLabel('2026-10-12', 'day')).toBe('12');
    expect(periodLabel('2026-09-28', 'week')).toBe('9/28');
    expect(periodLabel('2026-11-01', 'month')).toBe('11月');
  });

  it('picks a grain that keeps a chosen range near sixteen bars', () => {
    expect(grainFor('2026-10-01', '2026-10-16')).toBe('day');
    expect(grainFor('2026-10-01', '2026-10-17')).toBe('week');
    expect(grainFor('2026-01-01', '2026-04-22')).toBe('week');
    expect(grainFor('2026-01-01', '2026-04-23')).toBe('month');
    expect(REPORT_GRAINS.week.range('2026-12-03')).toEqual({ from: '2026-10-12', to: '2026-12-03' });
  });

  it('draws quantities against the largest, and bill counts when quantities are hidden', () => {
    const withQuantities = summary([
      { key: '2026-10-01', inboundCount: 1, inboundQuantity: '40.000', outboundQuantity: '10.000' },
      { key: '2026-10-02', outboundCount: 2, inboundQuantity: '0.000', outboundQuantity: '20.000' },
    ]);
    expect(inOutBars(withQuantities, 'day')).toEqual([
      { label: '10/1', a: 1, b: 0.25 },
      { label: '2', a: 0, b: 0.5 },
    ]);
    const counted = summary([{ key: '2026-10-01', inboundCount: 1, outboundCount: 4 }], false);
    expect(inOutBars(counted, 'day')).toEqual([{ label: '10/1', a: 0.25, b: 1 }]);
  });

  it('draws each day’s stock against the period’s highest, stock below zero as none', () => {
    const trend: StockTrend = {
      from: '2026-10-01',
      to: '2026-10-03',
      productId: '1',
      categoryId: null,
      name: '面霜',
      unit: '个',
      days: ['8.000', '-2.000', '2.000'].map((balanceQuantity, index) => ({ date: `2026-10-0${index + 1}`, balanceQuantity })),
    };
    expect(trendShares(trend)).toEqual([1, 0, 0.25]);
    expect(trendShares({ ...trend, days: trend.days.map((day) => ({ ...day, balanceQuantity: '0.000' })) })).toEqual([0, 0, 0]);
  });
});
