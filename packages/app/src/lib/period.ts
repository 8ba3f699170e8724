import { shiftDay } from '@xiaocang/domain/calendar';
import { today } from './format';

export type Period = '' | 'today' | 'week' | 'month';

export const PERIOD_LABEL: Record<Period, string> = { '': '全部日期', today: '今天', week: '近 7 天', month: '本月' };

/** The bill-date range of a quick filter, on the shop's calendar. */
export function periodRange(period: Period, now: Date = new Date()): { dateFrom?: string; dateTo?: string } {
  if (period === '') return {};
  const to = today(now);
  if (period === 'today') return { dateFrom: to, dateTo: to };
  if (period === 'month') return { dateFrom: `${to.slice(0, 8)}01`, dateTo: to };
  return { dateFrom: shiftDay(to, -6), dateTo: to };
}
