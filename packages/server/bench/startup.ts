/**
 * How long `npm start` takes to answer: from launching the real command line (`npm start`, with the web app
 * already built) to the first answer of `GET /api/health`, on an existing data folder and on a new one (the
 * folder removed before each run). Prints each run, then the min and median of each. On a machine shared with
 * other work the wall-clock times vary a lot; on Linux the CPU time the command's processes used up to the
 * answer is printed too, which varies less.
 *
 *   npm run bench:startup [-- --runs 5]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds used by the process group so far, by its live processes and the children they have waited for (Linux's /proc). */
function cpuSeconds(group: number): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // After "(command)": state, ppid, pgrp, …; utime, stime, cutime and cstime are the 12th to 15th fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === group) ticks += fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0);
  }
  // Linux counts CPU time in ticks of 1/100 s (USER_HZ).
  return ticks / 100;
}

interface Start {
  seconds: number;
  cpu: number | undefined;
}

/** Seconds from launching `npm start` on dataDir to the first answer; then stops it and waits for every process of it to end. */
async function timeStart(dataDir: string): Promise<Start> {
  const port = await freePort();
  const launched = performance.now();
  // Its own process group, so that npm, the shell and the server are stopped together.
  const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let start: Start | undefined;
  while (!start) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before answering:\n${log}`);
    const answered = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) start = { seconds: (performance.now() - launched) / 1000, cpu: cpuSeconds(child.pid!) };
    else await sleep(10);
  }
  process.kill(-child.pid!, 'SIGTERM');
  // The next run opens the same folder: wait until the server has closed it.
  while (alive(child.pid!)) await sleep(20);
  return start;
}

const minAndMedian = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(2)} s, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} s`;
};
const summary = (starts: Start[]) =>
  minAndMedian(starts.map((start) => start.seconds)) + (starts[0]!.cpu === undefined ? '' : `; CPU ${minAndMedian(starts.map((start) => start.cpu!))}`);
const shown = ({ seconds, cpu }: Start) => `${seconds.toFixed(2)} s${cpu === undefined ? '' : ` (CPU ${cpu.toFixed(2)} s)`}`;

const scratch = mkdtempSync(path.join(tmpdir(), 'xiaocang-startup-'));
try {
  const existingDir = path.join(scratch, 'existing');
  const newDir = path.join(scratch, 'new');
  // Once unmeasured: it creates the existing folder and builds whatever `npm start` keeps between starts.
  await timeStart(existingDir);
  const existing: Start[] = [];
  const fresh: Start[] = [];
  for (let run = 0; run < runs; run++) {
    existing.push(await timeStart(existingDir));
    rmSync(newDir, { recursive: true, force: true });
    fresh.push(await timeStart(newDir));
    console.log(`run ${run + 1}: existing folder ${shown(existing.at(-1)!)}, new folder ${shown(fresh.at(-1)!)}`);
  }
  console.log(`\nnpm start to the first answer, ${runs} runs:\n  existing data folder: ${summary(existing)}\n  new data folder:      ${summary(fresh)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
