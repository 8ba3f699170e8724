import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildServer } from './app.ts';
import type { ServerConfig } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { bufferedLogger } from './http/buffered-logger.ts';

export interface RunningServer {
  app: FastifyInstance;
  log: Logger;
  db: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, brings its schema up to date and listens. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  const log = bufferedLogger();
  const app = await buildServer({ db, logger: log, appDir: config.appDir, trustProxy: config.trustProxy });
  const url = await app.listen({ port: config.port, host: config.host });
  return {
    app,
    log,
    db,
    url,
    async stop() {
      await app.close();
      await db.close();
    },
  };
}
