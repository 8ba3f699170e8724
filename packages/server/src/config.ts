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
  /** Fastify's trustProxy: whose X-Forwarded-For names the client address. */
  trustProxy: boolean | string;
  /** Where share links and their QR codes point: the address customers reach this server at (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /**
   * How long a notification being sent is one process's alone (DELIVERY_LEASE_MS, 2 min): longer than any
   * send may take; a process killed mid-send leaves it to be sent again once this has passed.
   */
  deliveryLeaseMs: number;
  /** The folder each shop's daily backup is written to (BACKUP_DIR); unset: the bucket if there is one, else <DATA_DIR>/backups. */
  backupDir: string | undefined;
  /** How many daily backups each shop keeps (BACKUP_KEEP, default 7; 0 turns them off). */
  backupKeep: number;
}

/**
 * PUBLIC_BASE_URL, without a trailing slash; by default the listen address, with 127.0.0.1 for "every
 * interface" (0.0.0.0, ::), which only works on this machine: set it to the shop's public https address.
 */
function publicBaseUrlOf(value: string | undefined, host: string, port: number): string {
  if (value) return value.replace(/\/+$/, '');
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** TRUST_PROXY: true/false, or addresses and ranges (e.g. "loopback, 10.0.0.0/8"). */
function parseTrustProxy(value: string | undefined): boolean | string {
  if (!value) return 'loopback';
  return value === 'true' || value === 'false' ? value === 'true' : value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(REPO_ROOT, env.DATA_DIR ?? 'data');
  const backupKeep = Number(env.BACKUP_KEEP ?? 7);
  if (!Number.isSafeInteger(backupKeep) || backupKeep < 0) throw new Error('BACKUP_KEEP must be a whole number of days, 0 or more');
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    pgliteSync: pgliteSyncSetting(env.PGLITE_SYNC),
    checkBooksOnStart: env.CHECK_BOOKS_ON_START !== '0',
    appDir: path.resolve(REPO_ROOT, env.APP_DIR ?? 'packages/app/dist-h5'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicBaseUrl: publicBaseUrlOf(env.PUBLIC_BASE_URL, host, port),
    deliveryLeaseMs: Number(env.DELIVERY_LEASE_MS ?? 120_000),
    backupDir: env.BACKUP_DIR ? path.resolve(REPO_ROOT, env.BACKUP_DIR) : undefined,
    backupKeep,
  };
}
