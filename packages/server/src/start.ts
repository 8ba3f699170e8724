import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.ts';
import type { ServerConfig } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, brings its schema up to date and listens. */
export async function startServer(config: ServerConfig, options: { logger?: boolean } = {}): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  const app = await buildServer({ db, logger: options.logger ?? true, appDir: config.appDir });
  const url = await app.listen({ port: config.port, host: config.host });
  return {
    app,
    db,
    url,
    async stop() {
      await app.close();
      await db.close();
    },
  };
}
