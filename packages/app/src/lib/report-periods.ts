import { monthStart, shiftDay, weekdayOf } from '@xiaocang/domain/calendar';

export type Grain = 'day' | 'week' | 'month';

/** Each grain of a report looks back as far as fits in bars side by side on a phone. */
export const REPORT_GRAINS: Record<Grain, { label: string; range: (day: string) => { from: string; to: string } }> = {
  day: { label: '近 14 天', range: (day) => ({ from: shiftDay(day, -13), to: day }) },
  // From the Monday seven weeks before this week's: eight whole weeks.
  week: { label: '近 8 周', range: (day) => ({ from: shiftDay(day, -(weekdayOf(day) - 1) - 49), to: day }) },
  month: { label: '近 12 个月', range: (day) => ({ from: monthStart(day, -11), to: day }) },
};

/** The grain that keeps a chosen range to about sixteen bars: days up to sixteen days, weeks up to sixteen weeks, then months. */
export function grainFor(from: string, to: string): Grain {
  if (to <= shiftDay(from, 15)) return 'day';
  if (to <= shiftDay(from, 16 * 7 - 1)) return 'week';
  return 'month';
}
