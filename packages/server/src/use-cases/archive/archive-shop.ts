import { IsoDate } from '@xiaocang/contracts';
import { monthStart, shopDay } from '@xiaocang/domain';
import { invalid } from '../../errors.ts';
import type { Database } from '../../db/database.ts';
import { lockShopArchive } from './archive-lock.ts';

export interface ArchivedMonth {
  /** The first day of the month whose rows moved. */
  month: string;
  ledgerRows: number;
  lineRows: number;
}

export interface ArchiveOutcome {
  ledgerRows: number;
  lineRows: number;
  /** The shop's archive date afterwards: every archived row is dated before it. */
  archivedBefore: string | null;
}

/**
 * Moves a shop's ledger rows and the lines of its posted bills dated before `before` to the archive tables,
 * a month at a time from the oldest, each month in a transaction of its own: the shop's postings wait for one
 * month's move at most (all its products are locked, in the order posting locks them), and a process killed
 * midway leaves whole months moved and the books as they were. Drafts and bills awaiting approval stay live.
 */
export async function archiveShop(db: Database, shopId: string, before: string, onMonth?: (done: ArchivedMonth) => void): Promise<ArchiveOutcome> {
  if (!IsoDate.safeParse(before).success || before > shopDay(new Date())) throw invalid('before', 'must be a day (YYYY-MM-DD), today or earlier');
  const [oldest] = await db.query<{ day: string | null; archived_before: string | null }>(
    `SELECT (SELECT archived_before::text FROM shops WHERE id = $1) AS archived_before,
            least((SELECT min(bill_date) FROM stock_ledger_live WHERE shop_id = $1),
                  (SELECT min(b.bill_date) FROM stock_bills b WHERE b.shop_id = $1 AND b.posting_seq IS NOT NULL AND b.bill_date < $2::date
                      AND EXISTS (SELECT 1 FROM stock_bill_lines_live l WHERE l.shop_id = b.shop_id AND l.bill_id = b.id)))::text AS day`,
    [shopId, before],
  );
  const total: ArchiveOutcome = { ledgerRows: 0, lineRows: 0, archivedBefore: oldest?.archived_before ?? null };
  for (let month = oldest?.day ? monthStart(oldest.day) : before; month < before; month = monthStart(month, 1)) {
    const end = monthStart(month, 1) < before ? monthStart(month, 1) : before;
    const moved = await db.transaction(async (tx) => {
      const [locked] = await tx.query<{ ids: string[] }>(
        `SELECT coalesce(array_agg(id::text), '{}') AS ids FROM (SELECT id FROM products WHERE shop_id = $1 ORDER BY id FOR NO KEY UPDATE) p`,
        [shopId],
      );
      await lockShopArchive(tx, shopId);
      // Only the locked products' rows: a product made meanwhile may be in a posting this run does not wait for.
      const [ledger] = await tx.query<{ n: number }>(
        `WITH moved AS (DELETE FROM stock_ledger_live WHERE shop_id = $1 AND bill_date < $2::date AND product_id = ANY($3::bigint[]) RETURNING *),
              kept AS (INSERT INTO stock_ledger_archive SELECT * FROM moved RETURNING 1)
         SELECT count(*)::int AS n FROM kept`,
        [shopId, end, locked!.ids],
      );
      const [lines] = await tx.query<{ n: number }>(
        `WITH moved AS (DELETE FROM stock_bill_lines_live l USING stock_bills b
                         WHERE l.shop_id = $1 AND b.shop_id = l.shop_id AND b.id = l.bill_id AND b.bill_date < $2::date AND b.posting_seq IS NOT NULL
                         RETURNING l.*),
              kept AS (INSERT INTO stock_bill_lines_archive SELECT * FROM moved RETURNING 1)
         SELECT count(*)::int AS n FROM kept`,
        [shopId, end],
      );
      const [shop] = await tx.query<{ archived_before: string }>(
        'UPDATE shops SET archived_before = greatest(archived_before, $2::date) WHERE id = $1 RETURNING archived_before::text',
        [shopId, end],
      );
      total.archivedBefore = shop!.archived_before;
      return { month, ledgerRows: ledger!.n, lineRows: lines!.n };
    });
    total.ledgerRows += moved.ledgerRows;
    total.lineRows += moved.lineRows;
    onMonth?.(moved);
  }
  return total;
}
