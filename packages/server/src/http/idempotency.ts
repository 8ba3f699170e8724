import { createHash } from 'node:crypto';
import type { Actor } from '@xiaocang/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Transaction } from '../db/database.ts';
import { AppError, invalid } from '../errors.ts';

export interface Outcome<T> {
  status: number;
  body: T;
  /**
   * What the key keeps for a retry instead of the body, when the body holds a secret the database must not
   * keep (a share link's token): a retry then gets `reissue(stored)`, made anew in the retry's transaction.
   */
  stored?: unknown;
}

/**
 * Runs a write in one transaction. With an Idempotency-Key, the key is claimed in that same
 * transaction: a retry (even one racing the first request) waits for it and gets the first response;
 * the same key with another body is refused. A failed request leaves no key, so it can be retried.
 */
export async function idempotent<T>(
  db: Database,
  actor: Actor,
  request: FastifyRequest,
  reply: FastifyReply,
  work: (tx: Transaction) => Promise<Outcome<T>>,
  reissue?: (tx: Transaction, stored: unknown) => Promise<T>,
): Promise<void> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) {
    const outcome = await db.transaction(work);
    await reply.status(outcome.status).send(outcome.body);
    return;
  }
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) throw invalid('Idempotency-Key', 'must be 1 to 200 characters');
  const requestHash = createHash('sha256').update(`${request.method} ${request.url} ${JSON.stringify(request.body ?? null)}`).digest('hex');
  const outcome = await db.transaction(async (tx) => {
    const claimed = await tx.query(
      `INSERT INTO idempotency_keys (shop_id, user_id, key, request_hash, status_code, response)
       VALUES ($1, $2, $3, $4, 0, 'null') ON CONFLICT DO NOTHING RETURNING key`,
      [actor.shopId, actor.userId, key, requestHash],
    );
    if (claimed.length === 0) {
      const [stored] = await tx.query<{ request_hash: string; status_code: number; response: T }>(
        'SELECT request_hash, status_code, response FROM idempotency_keys WHERE shop_id = $1 AND user_id = $2 AND key = $3',
        [actor.shopId, actor.userId, key],
      );
      if (stored!.request_hash !== requestHash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');
      }
      const body = reissue ? await reissue(tx, stored!.response) : stored!.response;
      return { status: stored!.status_code, body, replayed: true };
    }
    const result = await work(tx);
    await tx.query('UPDATE idempotency_keys SET status_code = $4, response = $5 WHERE shop_id = $1 AND user_id = $2 AND key = $3', [
      actor.shopId,
      actor.userId,
      key,
      result.status,
      JSON.stringify(result.stored ?? result.body),
    ]);
    return { status: result.status, body: result.body, replayed: false };
  });
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  await reply.status(outcome.status).send(outcome.body);
}
