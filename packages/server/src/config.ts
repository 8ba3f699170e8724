import { fileURLToPath } from 'node:url';
import path from 'node:path';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL server; when unset, the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  appDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR ?? 'data'),
    appDir: path.resolve(REPO_ROOT, env.APP_DIR ?? 'packages/app/dist-h5'),
  };
}
