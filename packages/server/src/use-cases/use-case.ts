import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../db/database.ts';

/**
 * The one shape of every use case a route calls: the database handle it needs (a Queryable to read, the
 * Database when it opens its own transactions, a Transaction when it must run in the caller's, as writes
 * sharing one with their Idempotency-Key do), who asks (which fixes the shop), and what is asked: an id, an
 * object, or nothing when the caller alone says it. Registering and logging in come before there is a
 * caller and take no actor. Use cases know nothing of HTTP (test/use-case-rules.test.ts).
 */
export type UseCase<Db extends Queryable, Input, Output> = (db: Db, actor: Actor, input: Input) => Promise<Output>;
