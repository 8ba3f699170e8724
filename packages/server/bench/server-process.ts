import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START = 'packages/server/bin/start.mjs';

/** The real server in a child process (`node bin/start.mjs`), as `npm start` runs it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM and wait: the server closes its pool or PGlite folder cleanly. */
  stop(): Promise<void>;
  /** SIGKILL and wait: what a crash or a power cut does to the process. */
  kill(): Promise<void>;
}

export interface ServerProcessOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** More environment for the server (e.g. the notification channels). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the server on a free port (PORT=0) and resolves once it logs the address it listens on.
 * With databaseUrl it runs on PostgreSQL, otherwise on PGlite in dataDir.
 */
export async function startServerProcess({ databaseUrl, dataDir, env: extra }: ServerProcessOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl ?? '', ...extra };
  if (dataDir) env.DATA_DIR = dataDir;
  // BENCH_PROFILE=<folder>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, START], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A new PGlite folder (initdb, then every file flushed) can take over a minute on a busy 2-core machine.
    const timer = setTimeout(() => reject(new Error(`server did not start within 180 s:\n${log}`)), 180_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /Xiaocang is running at (http:\/\/[^\s"]+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${log}`));
    });
  });
  // Keep draining the pipes so the request log never blocks the server; BENCH_SERVER_LOG=<file> keeps what it wrote.
  if (process.env.BENCH_SERVER_LOG) {
    const kept = createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' });
    kept.write(log);
    child.stdout!.pipe(kept, { end: false });
    child.stderr!.pipe(kept, { end: false });
  } else {
    child.stdout!.resume();
    child.stderr!.resume();
  }
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url, child, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}
