import { replayLedgers } from '../use-cases/inventory/verify-inventory.ts';
import type { Queryable, Transaction } from './database.ts';
import { quoted, schemaTables } from './schema-tables.ts';

/**
 * The sums of the books, per shop: balances, ledger, bills by status, money documents by kind and monthly
 * figures. `{shop}` becomes the filter to one shop, or nothing for every shop.
 */
const BOOK_SUMS: Array<[figure: string, sql: string]> = [
  ['balances: rows, quantity, value', `SELECT shop_id, '' AS detail, concat_ws(', ', count(*), sum(quantity), sum(total_cost)) AS value FROM inventory_balances {shop} GROUP BY shop_id`],
  ['ledger: rows, quantity, amount, cost', `SELECT shop_id, '' AS detail, concat_ws(', ', count(*), sum(quantity), sum(amount), sum(cost_amount)) AS value FROM stock_ledger {shop} GROUP BY shop_id`],
  ['bills: count, quantity, amount ', `SELECT shop_id, status AS detail, concat_ws(', ', count(*), sum(total_quantity), sum(total_amount)) AS value FROM stock_bills {shop} GROUP BY shop_id, status`],
  ['money documents: count, amount ', `SELECT shop_id, kind AS detail, concat_ws(', ', count(*), sum(amount)) AS value FROM money_documents {shop} GROUP BY shop_id, kind`],
  [
    'monthly amount, cost, count ',
    `SELECT shop_id, concat_ws(' ', to_char(make_date(year, month, 1), 'YYYY-MM'), direction, bill_type) AS detail, concat_ws(', ', amount, cost, bill_count) AS value
       FROM stats_monthly_bill_types {shop}`,
  ],
];

/** The books' sums (BOOK_SUMS) as one row per shop and figure, for one shop or every shop. */
export async function bookSums(db: Queryable, shopId?: string): Promise<Array<{ shop_id: string; figure: string; value: string }>> {
  const sums = [];
  for (const [figure, sql] of BOOK_SUMS) {
    const rows = await db.query<{ shop_id: string; detail: string; value: string }>(sql.replace('{shop}', shopId ? 'WHERE shop_id = $1' : ''), shopId ? [shopId] : []);
    sums.push(...rows.map((row) => ({ shop_id: String(row.shop_id), figure: `${figure}${row.detail}`, value: row.value })));
  }
  return sums;
}

/** The replay of a shop's ledgers (`GET /api/inventory/verify`) as a figure. */
export async function verifyFigure(db: Queryable, shopId: string): Promise<[figure: string, value: string]> {
  const verified = await replayLedgers(db, shopId);
  return ['inventory verify: balances, ledger rows, drift', `${verified.checkedBalances}, ${verified.checkedLedgerRows}, ${verified.drift.length}`];
}

/** Figures by label, for each shop (`shop <id> <name>`) and for the tables no shop owns (`all shops`). */
export type BookFigures = Map<string, Map<string, string>>;

export interface FigureDifference {
  books: string;
  figure: string;
  source: string;
  target: string;
}

const ALL_SHOPS = 'all shops';

/**
 * What must come out the same from two copies of the books: for every shop, the replay of its ledgers
 * (`GET /api/inventory/verify`), its balances, its ledger, its bills and its monthly figures, and the row
 * count and a digest of the rows of every table. Runs in a transaction so that both databases print
 * timestamps alike.
 */
export async function bookFigures(tx: Transaction): Promise<BookFigures> {
  await tx.query("SET LOCAL TimeZone = 'UTC'");
  await tx.query("SET LOCAL DateStyle = 'ISO, YMD'");
  const figures: BookFigures = new Map([[ALL_SHOPS, new Map()]]);
  const shops = await tx.query<{ id: string; name: string }>('SELECT id, name FROM shops ORDER BY id');
  const label = new Map(shops.map((shop) => [shop.id, `shop ${shop.id} ${shop.name}`]));
  for (const name of label.values()) figures.set(name, new Map());
  const put = (shopId: string | null, figure: string, value: string) => figures.get(shopId === null ? ALL_SHOPS : label.get(shopId)!)!.set(figure, value);

  for (const shop of shops) put(shop.id, ...(await verifyFigure(tx, shop.id)));
  for (const row of await bookSums(tx)) put(row.shop_id, row.figure, row.value);
  for (const table of await schemaTables(tx)) {
    const order = table.key.length ? table.key.map((column) => `t.${quoted(column)}`).join(', ') : 't::text';
    const digest = `concat_ws(', ', count(*), md5(string_agg(md5(t::text), '' ORDER BY ${order})))`;
    const rows = table.ownedByShop
      ? await tx.query<{ shop_id: string; value: string }>(`SELECT t.shop_id, ${digest} AS value FROM ${quoted(table.name)} t GROUP BY t.shop_id`)
      : await tx.query<{ shop_id: null; value: string }>(`SELECT NULL AS shop_id, ${digest} AS value FROM ${quoted(table.name)} t`);
    for (const row of rows) put(row.shop_id, `table ${table.name}: rows, digest`, row.value);
  }
  return figures;
}

/** Every figure that is not the same in both, including figures one side lacks. */
export function compareFigures(source: BookFigures, target: BookFigures): FigureDifference[] {
  const differences: FigureDifference[] = [];
  for (const books of new Set([...source.keys(), ...target.keys()])) {
    const from = source.get(books) ?? new Map<string, string>();
    const to = target.get(books) ?? new Map<string, string>();
    for (const figure of new Set([...from.keys(), ...to.keys()])) {
      const [a, b] = [from.get(figure) ?? '(none)', to.get(figure) ?? '(none)'];
      if (a !== b) differences.push({ books, figure, source: a, target: b });
    }
  }
  return differences;
}
