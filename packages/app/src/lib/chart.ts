import type { MonthlyStat } from '../api/types';
import type { BarGroup } from '../components/BarChart';

export const monthNumber = (month: number) => month;

/** Bar heights relative to the largest figure of the year: layout only, the figures come from the server. */
export function toBarGroups(months: MonthlyStat[]): BarGroup[] {
  const value = (text: string | undefined) => Math.max(0, Number(text ?? 0) || 0);
  const max = Math.max(1, ...months.flatMap((m) => [value(m.outboundAmount), value(m.inboundAmount)]));
  return months.map((m) => ({ label: `${monthNumber(m.month)}月`, a: value(m.outboundAmount) / max, b: value(m.inboundAmount) / max }));
}
