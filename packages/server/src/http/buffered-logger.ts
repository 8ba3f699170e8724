import pino, { type Logger } from 'pino';

/**
 * The server's log: one JSON line per event, written to stdout in batches of 8 KiB, because a write
 * per line costs more than a small request's own work. A timer flushes what a quiet server holds;
 * pino flushes the rest when the process exits.
 */
export function bufferedLogger(): Logger {
  const log = pino(pino.destination({ sync: false, minLength: 8192 }));
  setInterval(() => log.flush(), 1000).unref();
  return log;
}
