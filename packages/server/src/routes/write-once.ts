import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Transaction } from '../db/database.ts';
import { actorOf } from '../http/context.ts';
import { idempotent } from '../http/idempotency.ts';
import type { UseCase } from '../use-cases/use-case.ts';

/** A write that must post once: the use case runs in the transaction that claims the request's Idempotency-Key. */
export function writeOnce<Input, Output>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  useCase: UseCase<Transaction, Input, Output>,
  input: Input,
): Promise<void> {
  const actor = actorOf(request);
  return idempotent(db, actor, request, reply, async (tx) => ({ status, body: await useCase(tx, actor, input) }));
}
