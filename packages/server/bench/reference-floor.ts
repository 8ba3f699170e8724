import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The shared reference floor, kept byte for byte as published: raw SQL, unnamed statements, no HTTP. */
const SCRIPT = fileURLToPath(new URL('./reference/floor-post-bills.mjs', import.meta.url));

export interface ReferenceFloor {
  backend: 'pg' | 'pglite';
  bills: number;
  concurrency: number;
  lines: number;
  seconds: number;
  billsPerSec: number;
}

/**
 * Runs the reference floor in its own process, as its README says (from the repository's root). On
 * PostgreSQL it creates its own `lb_*` tables in `databaseUrl`; on PGlite it writes a fresh folder.
 */
export async function runReferenceFloor(backend: 'pg' | 'pglite', bills: number, concurrency: number, databaseUrl?: string): Promise<ReferenceFloor> {
  const args = backend === 'pg' ? [SCRIPT, 'pg', String(bills), String(concurrency), '5', '200'] : [SCRIPT, 'pglite', String(bills)];
  const env = { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT, env, maxBuffer: 1 << 20 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ReferenceFloor;
}
