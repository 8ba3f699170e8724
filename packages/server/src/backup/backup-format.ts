// The per-shop backup file, version 1: gzip of UTF-8 lines, each one JSON value.
//
//   {"format":"xiaocang-shop-backup","version":1,"migrations":[…],"shop":{"id":"…","name":"…"},"createdAt":"…"}
//   {"table":"products","columns":["shop_id","id",…]}      a table's header, then one line per row:
//   {"shop_id":7,"id":12,"name":"可乐",…}                   the row as PostgreSQL's row_to_json wrote it
//   …                                                       (numbers, dates and JSON exactly as stored)
//   {"file":"<token>","variant":"full","data":"<base64>"}  an uploaded photo's file (and its "thumb" copy)
//   {"end":true,"rows":{"products":2,…},"totals":{…},"sha256":"…"}
//
// `sha256` is the hex SHA-256 of every byte before the last line (newlines included), so a changed or cut file
// is refused. `totals` are the shop's book totals when it was saved; a restore must come out with the same.
// Rows never pass through JavaScript numbers: they are written and read back as text by the database.

export const BACKUP_FORMAT = 'xiaocang-shop-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  migrations: string[];
  shop: { id: string; name: string };
  createdAt: string;
}

export interface BackupTrailer {
  end: true;
  rows: Record<string, number>;
  totals: Record<string, string>;
  sha256: string;
}

/**
 * Tables a shop's backup leaves out: sign-in sessions, remembered devices and retry keys belong to the moment,
 * share links and WeChat bindings are keyed by values unique across the deployment, and messages not yet sent
 * must not be sent twice. After a restore people sign in again, share again and bind WeChat again.
 * The kept report totals, stock days and forecasts are derived from the bills and stamped with the deployment's posting order: the
 * restored shop's are kept again by the next passes (jobs/keep-report-totals.ts, jobs/nightly-forecasts.ts), its
 * reports and forecasts reading the bills and the ledger until then.
 */
export const LEFT_OUT = new Set([
  'sessions',
  'trusted_devices',
  'idempotency_keys',
  'customer_sessions',
  'bill_shares',
  'notification_deliveries',
  'kept_report_state',
  'kept_in_out_totals',
  'kept_sales_by_product',
  'kept_sales_by_customer',
  'product_forecasts',
  'kept_stock_days',
]);

/** The tables without shop_id that a shop's backup carries, with the rows that are the shop's. */
export const GLOBAL_ROWS: Record<string, string> = { shops: 'id', login_names: 'shop_id' };

/** Tables whose `username` a restore may rename, since usernames are unique across the deployment. */
export const USERNAME_TABLES = new Set(['users', 'login_names']);
