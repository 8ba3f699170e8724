import type { MonthlyStats } from '@xiaocang/contracts';
import { formatMoney } from '@xiaocang/domain';
import type { UseCaseContext } from '../../http/context.ts';

/** The twelve months of a year, zeros where nothing happened. */
export async function getMonthlyStats({ db, actor }: UseCaseContext, year: number): Promise<MonthlyStats> {
  const rows = await db.query<Record<string, string | number>>('SELECT * FROM stats_monthly WHERE shop_id = $1 AND year = $2', [actor.shopId, year]);
  const byMonth = new Map(rows.map((row) => [Number(row.month), row]));
  return {
    year,
    months: Array.from({ length: 12 }, (_, index) => {
      const row = byMonth.get(index + 1);
      return {
        year,
        month: index + 1,
        inboundAmount: formatMoney(String(row?.inbound_amount ?? 0)),
        inboundCount: Number(row?.inbound_count ?? 0),
        outboundAmount: formatMoney(String(row?.outbound_amount ?? 0)),
        outboundCount: Number(row?.outbound_count ?? 0),
        outboundCost: formatMoney(String(row?.outbound_cost ?? 0)),
        profit: formatMoney(String(row?.profit ?? 0)),
      };
    }),
  };
}
