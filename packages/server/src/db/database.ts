import { createHash } from 'node:crypto';
import { PGlite, protocol, types as pgliteTypes, type PGliteOptions } from '@electric-sql/pglite';
import type pg from 'pg';
import { loadLater } from '../load-later.ts';
import { migrate, migrationsKey } from './migrate.ts';
import { FLUSH_IF_WRITTEN, openFolderPglite, PERIODIC_FLUSH_MS, pgliteSyncSetting, sharedBuffersSetting, startParams, templateFolder, type PgliteSync } from './pglite-folder.ts';

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A transaction handle. Use cases that write stock require one, so they cannot run outside a transaction. */
export interface Transaction extends Queryable {
  readonly inTransaction: true;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The database that `opening` resolves to, usable at once: statements sent before it is open wait for it. The
 * server registers its routes while PGlite starts (half a second of a start on an existing folder).
 */
export function databaseOnceOpen(kind: Database['kind'], opening: Promise<Database>): Database {
  let open: Database | undefined;
  opening.then(
    (db) => (open = db),
    () => undefined,
  );
  return {
    kind,
    query: <Row>(text: string, params?: readonly unknown[]) => (open ? open.query<Row>(text, params) : opening.then((db) => db.query<Row>(text, params))),
    transaction: <T>(work: (tx: Transaction) => Promise<T>) => (open ? open.transaction(work) : opening.then((db) => db.transaction(work))),
    close: () => opening.then((db) => db.close()),
  };
}

// Numbers that must stay exact or calendar-free come back as strings: bigint ids, numerics, dates.
const TEXT_TYPES = { int8: 20, numeric: 1700, date: 1082 } as const;

/**
 * PGlite has one connection: every statement and transaction goes through one queue. Parameterised
 * statements are prepared once through the wire protocol, as on PostgreSQL (see `statementName`): PGlite's
 * own `query` parses and plans each statement every time, which cost posting a third of its time.
 * A data folder reaches the disk as `sync` says (see pglite-folder.ts); without one, everything is in memory.
 */
export async function openPglite(dataDir: string | undefined, sync: PgliteSync = pgliteSyncSetting()): Promise<Database> {
  const db = dataDir
    ? await openFolderPglite(dataDir, sync, PGLITE_OPTIONS, migratedFolder)
    : await PGlite.create({ ...PGLITE_OPTIONS, startParams: unflushedStartParams() });
  return pgliteDatabase(db, Boolean(dataDir) && sync === 'periodic');
}

const identity = (value: string) => value;
const PGLITE_OPTIONS: PGliteOptions = {
  parsers: {
    [TEXT_TYPES.int8]: identity,
    [TEXT_TYPES.numeric]: identity,
    [TEXT_TYPES.date]: identity,
    [pgliteTypes.TIMESTAMPTZ]: (value: string) => new Date(value),
  },
};

/** A database in memory, or a template folder flushed when it is copied: PGlite's own fsync-off start, with a small pool. */
const unflushedStartParams = () => startParams('off', sharedBuffersSetting(undefined));

/**
 * What a new data folder starts as: a folder made by initdb and migrated, once per PGlite version and set of
 * migrations. The migrations took a second and a half of a first start on a busy 2-core machine.
 */
const migratedFolder = () =>
  templateFolder(`migrated-${migrationsKey()}`, async (folder) => {
    const db = pgliteDatabase(await PGlite.create({ ...PGLITE_OPTIONS, dataDir: folder, startParams: unflushedStartParams() }), false);
    await migrate(db);
    await db.close();
  });

/**
 * PGlite answers in the server's own thread and settles its promises without I/O, so a run of statements one
 * after another never lets Node read a socket: a background pass of a few thousand statements held every request
 * unread for its whole 16 s. The queue steps out to the event loop once this long has gone by without it.
 */
const EVENT_LOOP_EVERY_MS = 10;

function pgliteDatabase(db: PGlite, flushPeriodically: boolean): Database {
  let queue: Promise<unknown> = Promise.resolve();
  let steppedOut = performance.now();
  const stepOut = async () => {
    if (performance.now() - steppedOut < EVENT_LOOP_EVERY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    steppedOut = performance.now();
  };
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = () => stepOut().then(work);
    const run = queue.then(turn, turn);
    queue = run.catch(() => undefined);
    return run;
  };
  // A failed flush needs no handling here: PostgreSQL stops on a failed fsync, so the next statement fails too.
  const flusher = flushPeriodically
    ? setInterval(() => void exclusive(() => db.query(FLUSH_IF_WRITTEN)).catch(() => undefined), PERIODIC_FLUSH_MS).unref()
      : undefined;
  const statements = new Map<string, PgliteStatement>();
  /** `unprepared` runs a statement without parameters: the database itself, or the open transaction. */
  const run = async <Row>(text: string, params: readonly unknown[] | undefined, unprepared: Pick<PGlite, 'query'>): Promise<Row[]> => {
    if (!params) return (await unprepared.query<Row>(text)).rows;
    let statement = statements.get(text);
    if (!statement) {
      statement = await preparePglite(db, text);
      statements.set(text, statement);
    }
    // PGlite writes its files back when a transaction ends, not after each of its statements.
    return executePglite<Row>(db, statement, params, unprepared === db);
  };
  return {
    kind: 'pglite',
    query: <Row>(text: string, params?: readonly unknown[]) => exclusive(() => run<Row>(text, params, db)),
    transaction: <T>(work: (tx: Transaction) => Promise<T>) =>
      exclusive(() =>
        db.transaction(async (inner) => {
          // A statement sent while another runs waits for it, as on a PostgreSQL connection: PGlite collects the
          // answer of one protocol exchange at a time. The transaction ends once every statement sent has answered.
          let statements: Promise<unknown> = Promise.resolve();
          try {
            return await work({
              inTransaction: true,
              query: <Row>(text: string, params?: readonly unknown[]) => {
                const answer = statements.then(() => run<Row>(text, params, inner));
                statements = answer.catch(() => undefined);
                return answer;
              },
              exec: async (script: string) => {
                await inner.exec(script);
              },
            });
          } finally {
            await statements;
          }
        }),
      ),
    close: () => {
      clearInterval(flusher);
      return exclusive(() => db.close());
    },
  };
}

interface PgliteStatement {
  name: string;
  parameterTypes: number[];
  fields: Array<{ name: string; dataTypeID: number }>;
}

const { serialize } = protocol;

async function preparePglite(db: PGlite, text: string): Promise<PgliteStatement> {
  const name = statementName(text);
  const { messages } = await db.execProtocol(Buffer.concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), {
    syncToFs: false,
  });
  const parameters = messages.find((message) => message.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined;
  const description = messages.find((message) => message.name === 'rowDescription') as { fields: PgliteStatement['fields'] } | undefined;
  return { name, parameterTypes: parameters?.dataTypeIDs ?? [], fields: description?.fields ?? [] };
}

/** Binds, executes and syncs in one message; an error is thrown once the backend is ready again. */
async function executePglite<Row>(db: PGlite, statement: PgliteStatement, params: readonly unknown[], syncToFs: boolean): Promise<Row[]> {
  const values = params.map((value, i) => {
    if (value === null || value === undefined) return null;
    const serializer = db.serializers[statement.parameterTypes[i]!];
    return serializer ? serializer(value) : String(value);
  });
  const { messages } = await db.execProtocol(Buffer.concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]), {
    syncToFs,
  });
  const rows: Row[] = [];
  for (const message of messages) {
    if (message.name !== 'dataRow') continue;
    const { fields } = message as unknown as { fields: Array<string | null> };
    const row: Record<string, unknown> = {};
    statement.fields.forEach((field, i) => {
      row[field.name] = pgliteTypes.parseType(fields[i] ?? null, field.dataTypeID, db.parsers);
    });
    rows.push(row as Row);
  }
  return rows;
}

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Parameterised statements are named after their text, so each connection parses and plans a statement
 * once and then only binds it: posting runs the same dozen statements over and over.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `x${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

function prepared(text: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  return params ? { name: statementName(text), text, values: params as unknown[] } : { text };
}

export function openPostgres(connectionString: string, maxConnections = Number(process.env.DATABASE_POOL_SIZE ?? 10)): Database {
  const textParser = (value: string) => value;
  const { Pool, types } = loadLater('pg') as typeof pg;
  const pool = new Pool({
    connectionString,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        Object.values(TEXT_TYPES).includes(oid as 20) ? textParser : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    },
  });
  return {
    kind: 'postgres',
    query: async <Row>(text: string, params?: readonly unknown[]) =>
      (await pool.query(prepared(text, params))).rows as Row[],
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      // A serialization failure or deadlock is the database asking us to try again.
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work({
            inTransaction: true,
            query: async <Row>(text: string, params?: readonly unknown[]) =>
              (await client.query(prepared(text, params))).rows as Row[],
            exec: async (script: string) => {
              await client.query(script);
            },
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          const code = (error as { code?: string }).code;
          if (code && RETRYABLE.has(code) && attempt < 5) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    },
    close: () => pool.end(),
  };
}

export async function openDatabase(options: { databaseUrl?: string; dataDir?: string; pgliteSync?: PgliteSync; maxConnections?: number }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.maxConnections) : openPglite(options.dataDir, options.pgliteSync);
}
