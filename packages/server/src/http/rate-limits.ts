import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { tooManyRequests } from '../errors.ts';

/**
 * Requests per client address to the routes that check a password or create an account. Each of them
 * runs scrypt (~60 ms of CPU), so a spray of usernames from one address would slow everyone else down;
 * these limits stop it early. Counted in this process's memory: with several server processes each
 * counts on its own. The per-username and per-device limits on password checks are in the database.
 */
export const ADDRESS_LIMITS = {
  login: { max: 10, timeWindow: 60_000 },
  register: { max: 10, timeWindow: 60 * 60_000 },
  // A storefront's customers often share an address (an office, a mobile carrier's gateway): more sign-ups, still bounded.
  customerRegister: { max: 30, timeWindow: 10 * 60_000 },
  changePassword: { max: 10, timeWindow: 60_000 },
} as const;

/**
 * The public view of shared bills (/p/bills/…), per address, hits and misses alike: painting an image or a
 * PDF takes tens of milliseconds of CPU, and a guesser of tokens (256 random bits) gets nowhere anyway.
 */
export const PUBLIC_VIEW_LIMIT = { max: 60, timeWindow: 60_000 } as const;

export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    // Only the routes that name a limit in their config are limited.
    global: false,
    errorResponseBuilder: (_request, context) =>
      tooManyRequests(`Too many requests from this address; try again in ${context.after}`, context.ttl / 1000),
  });
}
