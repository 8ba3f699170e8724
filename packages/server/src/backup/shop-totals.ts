import { bookSums, verifyFigure } from '../db/book-figures.ts';
import type { Queryable } from '../db/database.ts';

/**
 * The totals of one shop's books that a restored copy must reproduce: the books' sums and the replay of its
 * ledgers, as `move-to-postgres` compares them. Ids are left out: they are the shop's own.
 */
export async function shopTotals(db: Queryable, shopId: string): Promise<Record<string, string>> {
  const [figure, value] = await verifyFigure(db, shopId);
  return { ...Object.fromEntries((await bookSums(db, shopId)).map((sum) => [sum.figure, sum.value])), [figure]: value };
}
