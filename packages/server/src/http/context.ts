import type { Actor } from '@xiaocang/domain';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Please log in');
  return request.actor;
}

/** Ids in paths: anything that is not an id cannot name a record, so it is simply not found. */
export function pathId(value: string, what: string): string {
  if (!/^[1-9]\d{0,17}$/.test(value)) throw new AppError('NOT_FOUND', `${what} not found`);
  return value;
}
