import { ErrorResponse, strictInput } from '@xiaocang/contracts';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { z } from 'zod';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type RouteSchema = Record<string, unknown> & { body?: z.ZodType; querystring?: unknown; params?: unknown; security?: unknown[]; tags?: string[]; response?: Record<string, unknown> };

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; details name each bad field',
  401: 'Not logged in, or the session has ended',
  403: 'Not allowed for this user',
  404: 'Not found (also another shop’s record)',
  409: 'Conflict: a duplicate, a state that does not allow this, not enough stock, a reused Idempotency-Key',
  413: 'The body is too large',
  429: 'Too many requests; see Retry-After',
};

/**
 * Which error statuses a route can answer, read from what it is: a route with input can be refused
 * (400); one that needs a session can find none (401) or be forbidden by a staff switch (403); a path id,
 * or an id the body refers to, can be missing (404); creating, changing or deleting a record, or acting
 * on one, can conflict (409); a body can be too large (413); a rate-limited route can be throttled (429).
 * The account routes (register, login, me, password) meet no staff switch and refer to no record.
 */
function errorStatuses(method: string, schema: RouteSchema, rateLimited: boolean): number[] {
  const isPublic = Array.isArray(schema.security) && schema.security.length === 0;
  const account = schema.tags?.includes('auth') ?? false;
  const hasParams = schema.params !== undefined;
  const creates = schema.response?.['201'] !== undefined;
  return [
    Boolean(schema.body ?? schema.querystring ?? schema.params) && 400,
    !isPublic && 401,
    !isPublic && !account && 403,
    (hasParams || (schema.body !== undefined && !account)) && 404,
    (method === 'PUT' || method === 'DELETE' || (method === 'POST' && (creates || hasParams))) && 409,
    schema.body !== undefined && 413,
    rateLimited && 429,
  ].filter((status): status is number => status !== false);
}

/**
 * The OpenAPI transform: every route documents its error statuses with the one error shape (so a
 * generated client can type its errors), and request bodies are shown as strict, as they are validated.
 */
export function openApiTransform(input: TransformInput) {
  const schema = input.schema as RouteSchema | undefined;
  if (!schema || schema.hide) return jsonSchemaTransform(input);
  const route = input.route as { method: string | string[]; config?: { rateLimit?: unknown } };
  const method = [route.method].flat()[0]!.toUpperCase();
  const errors = Object.fromEntries(
    errorStatuses(method, schema, route.config?.rateLimit !== undefined).map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  );
  return jsonSchemaTransform({
    ...input,
    schema: {
      ...schema,
      ...(schema.body ? { body: strictInput(schema.body) } : {}),
      response: { ...errors, ...schema.response },
    },
  } as TransformInput);
}
