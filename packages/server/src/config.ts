import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { pgliteSyncSetting, type PgliteSync } from './db/pglite-folder.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL server; when unset, the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** How PGlite's folder reaches the disk (PGLITE_SYNC). */
  pgliteSync: PgliteSync;
  /** Check the books in the data folder in the background at start-up (CHECK_BOOKS_ON_START). */
  checkBooksOnStart: boolean;
  appDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR ?? 'data'),
    pgliteSync: pgliteSyncSetting(env.PGLITE_SYNC),
    checkBooksOnStart: env.CHECK_BOOKS_ON_START !== '0',
    appDir: path.resolve(REPO_ROOT, env.APP_DIR ?? 'packages/app/dist-h5'),
  };
}
