import type { WarningKind, WarningReport, WarningReportQuery } from '@xiaocang/contracts';
import { WARNING_KINDS, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { requireWarningAccess } from './list-warnings.ts';

const PERIOD_FORMAT = { day: 'YYYY-MM-DD', week: 'IYYY-"W"IW', month: 'YYYY-MM' } as const;
const zeroCounts = () => Object.fromEntries(WARNING_KINDS.map((kind) => [kind, 0])) as Record<WarningKind, number>;

/**
 * The warning report over the shop's days `from`–`to` (China time): per kind how many were raised and
 * resolved and how long resolving took, counts per period, and the products warned of most often.
 */
export async function warningReport(db: Queryable, actor: Actor, query: WarningReportQuery): Promise<WarningReport> {
  requireWarningAccess(actor);
  const inRange = `e.shop_id = $1 AND (e.raised_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2::date AND $3::date`;
  const params = [actor.shopId, query.from, query.to];
  const byKind = await db.query<{ kind: WarningKind; raised: number; resolved: number; open: number; median_hours: number | null }>(
    `SELECT e.kind, count(*)::int AS raised, count(e.resolved_at)::int AS resolved, (count(*) - count(e.resolved_at))::int AS open,
            (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.resolved_at - e.raised_at)) / 3600)::float8 AS median_hours
       FROM warning_events e WHERE ${inRange} GROUP BY e.kind`,
    params,
  );
  const periods = await db.query<{ period: string; kind: WarningKind; count: number }>(
    `SELECT to_char(e.raised_at AT TIME ZONE 'Asia/Shanghai', '${PERIOD_FORMAT[query.period]}') AS period, e.kind, count(*)::int AS count
       FROM warning_events e WHERE ${inRange} GROUP BY 1, 2 ORDER BY 1`,
    params,
  );
  const top = await db.query<{ product_id: string; name: string; count: number }>(
    `SELECT e.product_id::text, p.name, count(*)::int AS count FROM warning_events e JOIN products p ON p.shop_id = e.shop_id AND p.id = e.product_id
      WHERE ${inRange} GROUP BY e.product_id, p.name ORDER BY count(*) DESC, p.name LIMIT 10`,
    params,
  );
  const byPeriod = new Map<string, Record<WarningKind, number>>();
  for (const row of periods) {
    const counts = byPeriod.get(row.period) ?? zeroCounts();
    counts[row.kind] = row.count;
    byPeriod.set(row.period, counts);
  }
  return {
    from: query.from,
    to: query.to,
    byKind: WARNING_KINDS.map((kind) => {
      const row = byKind.find((found) => found.kind === kind);
      const median = row?.median_hours;
      return {
        kind,
        raisedCount: row?.raised ?? 0,
        resolvedCount: row?.resolved ?? 0,
        openCount: row?.open ?? 0,
        medianHoursToResolve: median === null || median === undefined ? null : Math.round(median * 10) / 10,
      };
    }),
    periods: [...byPeriod].map(([period, counts]) => ({ period, counts })),
    topProducts: top.map((row) => ({ productId: row.product_id, productName: row.name, warningCount: row.count })),
  };
}
