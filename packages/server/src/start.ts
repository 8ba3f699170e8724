import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildServer } from './app.ts';
import type { ServerConfig } from './config.ts';
import { databaseOnceOpen, openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { AppError } from './errors.ts';
import { bufferedLogger } from './http/buffered-logger.ts';
import { checkBooks, restoreAdvice, type BooksCheck } from './jobs/check-books.ts';
import { keepStatistics } from './jobs/keep-statistics.ts';
import { startBackgroundWork } from './jobs/background.ts';
import { outsideFromEnv } from './integrations/outside.ts';
import { onlinePaymentFromEnv } from './integrations/config.ts';
import { backupShelfOf, uploadsConfigFromEnv } from './integrations/storage/config.ts';

/** How long after it starts listening the server begins its background work and the check of the books. */
const BACKGROUND_AFTER_MS = 1000;

export interface RunningServer {
  app: FastifyInstance;
  log: Logger;
  db: Database;
  url: string;
  /** The check of the books in the data folder, running in the background after start (none on PostgreSQL). */
  booksChecked: Promise<BooksCheck | undefined>;
  stop(): Promise<void>;
}

/** Opens the database, brings its schema up to date, listens, and checks the books of a data folder. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const opening = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteSync: config.pgliteSync }).then(async (db) => {
    await migrate(db);
    return db;
  });
  // The routes are registered while the database opens; nothing listens until it has.
  const log = bufferedLogger();
  const { outside, delivery, wechat } = outsideFromEnv();
  const payments = onlinePaymentFromEnv();
  const uploads = uploadsConfigFromEnv(process.env, config.dataDir);
  const app = await buildServer({
    db: databaseOnceOpen(config.databaseUrl ? 'postgres' : 'pglite', opening),
    logger: log,
    appDir: config.appDir,
    trustProxy: config.trustProxy,
    publicBaseUrl: config.publicBaseUrl,
    outside,
    payments,
    uploads,
  });
  const db = await opening.catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  // Books found damaged are not served: every API call, and every shared bill, answers DATA_DAMAGED until the folder is restored.
  let damage: string | undefined;
  app.addHook('onRequest', async (request) => {
    const served = (request.url.startsWith('/api/') && !request.url.startsWith('/api/health')) || request.url.startsWith('/p/');
    if (damage && served) throw new AppError('DATA_DAMAGED', damage);
  });
  const url = await app.listen({ port: config.port, host: config.host });
  const stopping = new AbortController();
  // On PGlite the background work runs in the server's own thread: begun at once, it held up the first answers by
  // half a second. It begins once the server has been listening for a moment.
  const settled = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, BACKGROUND_AFTER_MS);
    stopping.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const started = settled.then(() =>
    stopping.signal.aborted
      ? undefined
      : {
          statistics: keepStatistics(db, log),
          background: startBackgroundWork(db, log, { ...delivery, leaseMs: config.deliveryLeaseMs, payments, uploads: uploads.store, wechat, backups: { shelf: backupShelfOf(config.backupDir, process.env, config.dataDir), keep: config.backupKeep, store: uploads.store } }),
        },
  );
  const booksChecked =
    config.databaseUrl || !config.checkBooksOnStart
      ? Promise.resolve(undefined)
      : settled.then(async () => {
          if (stopping.signal.aborted) return undefined;
          const check = await checkBooks(db, stopping.signal);
          if (check.problems.length) {
            damage = `The books in the data folder are damaged; the server has stopped serving them. Restore the last backup (see the server's console). ${check.problems[0]}`;
            log.error({ problems: check.problems }, 'the books in the data folder are damaged');
            log.flush();
            process.stderr.write(
              `\nThe books in ${config.dataDir} are damaged, so Xiaocang answers every request with DATA_DAMAGED:\n` +
                `${check.problems.map((problem) => `  - ${problem}`).join('\n')}\n${restoreAdvice(config.dataDir)}\n\n`,
            );
          } else if (!stopping.signal.aborted) {
            log.info(`Books checked: ${check.tables} tables read, ${check.shops} shops' ${check.ledgerRows} ledger rows replayed, no difference`);
          }
          return check;
        });
  return {
    app,
    log,
    db,
    url,
    booksChecked,
    async stop() {
      stopping.abort();
      const work = await started;
      await Promise.all([booksChecked, work?.statistics.stop(), work?.background.stop()]);
      await app.close();
      await db.close();
    },
  };
}
