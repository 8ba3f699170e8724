import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms) spent so far by the server process, by the backends serving its database, and by the bench itself. */
export interface CpuTime {
  server: number;
  database: number;
  bench: number;
}

const TICK_MS = 10; // Linux reports CPU time in clock ticks of 1/100 s.

function cpuOf(pid: string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * Reads /proc (Linux only; zeros elsewhere). PostgreSQL backends are found by the database named in their
 * process title; on PGlite the database runs inside the server process and `database` stays 0.
 */
export function cpuTime(serverPid: number | undefined, databaseName: string | undefined): CpuTime {
  const time: CpuTime = { server: 0, database: 0, bench: 0 };
  const backendTitle = databaseName && new RegExp(`^postgres: (?:[^ ]+: )?[^ ]+ ${databaseName} `);
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return time;
  }
  for (const pid of pids) {
    try {
      if (pid === String(process.pid)) time.bench += cpuOf(pid);
      else if (pid === String(serverPid)) time.server += cpuOf(pid);
      else if (backendTitle && backendTitle.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) time.database += cpuOf(pid);
    } catch {
      // The process ended while /proc was read.
    }
  }
  return time;
}

/** CPU ms per bill between two readings. */
export function perBill(from: CpuTime, to: CpuTime, bills: number): CpuTime {
  const each = (key: keyof CpuTime) => Math.round(((to[key] - from[key]) / bills) * 100) / 100;
  return { server: each('server'), database: each('database'), bench: each('bench') };
}
