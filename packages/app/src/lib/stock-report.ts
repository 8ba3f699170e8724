import type { InOutSummary, StockTrend } from '../api/types';
import type { BarGroup } from '../components/BarChart';
import type { Grain } from './report-periods';

type InOutRow = InOutSummary['items'][number];

/** A period as its bar is labelled: the day's number (the month on its first day), a week by its Monday, a month by its number. */
export function periodLabel(key: string, grain: Grain): string {
  const month = Number(key.slice(5, 7));
  const day = Number(key.slice(8, 10));
  if (grain === 'month') return `${month}月`;
  if (grain === 'week' || day === 1) return `${month}/${day}`;
  return String(day);
}

/** What a bar shows: quantities moved, or the number of bills for whom quantities are hidden. */
export const barMeasure = (summary: InOutSummary): 'quantity' | 'count' => (summary.totals.inboundQuantity === undefined ? 'count' : 'quantity');

/** Inbound (a) and outbound (b) per period, as shares of the largest: layout only, the figures come from the server. */
export function inOutBars(summary: InOutSummary, grain: Grain): BarGroup[] {
  const measure = barMeasure(summary);
  const value = (row: InOutRow, side: 'inbound' | 'outbound') =>
    Math.max(0, measure === 'quantity' ? Number(row[`${side}Quantity`] ?? 0) || 0 : row[`${side}Count`]);
  const max = Math.max(1e-9, ...summary.items.flatMap((row) => [value(row, 'inbound'), value(row, 'outbound')]));
  return summary.items.map((row) => ({ label: periodLabel(row.key ?? '', grain), a: value(row, 'inbound') / max, b: value(row, 'outbound') / max }));
}

/** Each day's closing stock as a share of the period's highest (stock below zero draws as none). */
export function trendShares(trend: StockTrend): number[] {
  const values = trend.days.map((day) => Math.max(0, Number(day.balanceQuantity) || 0));
  const max = Math.max(0, ...values);
  return values.map((value) => (max === 0 ? 0 : value / max));
}
