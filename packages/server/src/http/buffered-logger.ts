import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
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

/** One line per request, when it completes (Fastify writes two by default: one as it comes in). */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}
