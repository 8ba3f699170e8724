import type { MonthlyStat } from '../api/types';
import type { BarGroup } from '../components/BarChart';

export const monthNumber = (month: number) => month;

/** A month with any bill standing in it (a reversed bill and its reversal leave nothing behind). */
export const isActiveMonth = (m: MonthlyStat) => m.inboundCount !== 0 || m.outboundCount !== 0;

/** Bar heights relative to the largest figure of the year: layout only, the figures come from the server. */
export function toBarGroups(months: MonthlyStat[]): BarGroup[] {
  const value = (text: string | undefined) => Math.max(0, Number(text ?? 0) || 0);
  const max = Math.max(1, ...months.flatMap((m) => [value(m.salesAmount), value(m.purchaseAmount)]));
  return months.map((m) => ({ label: `${monthNumber(m.month)}月`, a: value(m.salesAmount) / max, b: value(m.purchaseAmount) / max }));
}
