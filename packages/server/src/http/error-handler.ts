import type { FieldError } from '@xiaocang/contracts';
import { redactErrorForActor, type ErrorBody } from '@xiaocang/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

const PG_CONSTRAINT_FIELDS: Record<string, string> = {
  products_shop_id_code_key: 'code',
  suppliers_shop_id_code_key: 'code',
  customers_shop_id_code_key: 'code',
  stock_points_shop_id_code_key: 'code',
  stock_points_shop_id_name_key: 'name',
  categories_shop_id_name_key: 'name',
  login_names_pkey: 'username',
  users_shop_id_username_key: 'username',
  stock_points_one_default: 'isDefault',
  price_levels_shop_id_name_key: 'name',
  payment_accounts_shop_id_name_key: 'name',
};

function toAppError(error: FastifyError & { code?: string; constraint?: string }): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: FieldError[] = error.validation.flatMap((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      // Each unknown key is named as a field of its own (bodies are strict, see strictInput).
      if (issue.keyword === 'unrecognized_keys') {
        return (issue.params.keys as string[]).map((key) => ({ field: path ? `${path}.${key}` : key, message: 'is not a known field' }));
      }
      return [{ field: path || error.validationContext || 'body', message: issue.message ?? 'is invalid' }];
    });
    const first = details[0];
    return new AppError('VALIDATION_FAILED', first ? `${first.field}: ${first.message}` : 'Invalid request', details);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION_FAILED', 'The body is not valid JSON', [{ field: 'body', message: 'must be valid JSON' }]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('VALIDATION_FAILED', 'Send the body as application/json', [{ field: 'body', message: 'must be JSON' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    // Errors the router answers before any route runs (see frameworkErrors in app.ts).
    case 'FST_ERR_BAD_URL':
      return new AppError('VALIDATION_FAILED', 'The address is not valid', [{ field: 'url', message: 'is not a valid address' }]);
    // A path segment longer than any id can name no record.
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('NOT_FOUND', 'Not found');
    case '23505': {
      const field = PG_CONSTRAINT_FIELDS[error.constraint ?? ''] ?? 'id';
      return new AppError('DUPLICATE', `${field} is already in use`, [{ field, message: 'is already in use' }]);
    }
    case '22003':
      return new AppError('VALIDATION_FAILED', 'A number is too large', [{ field: 'body', message: 'number out of range' }]);
    // Text the database cannot store (the contracts refuse NUL already; this catches any route they miss).
    case '22021':
    case '22P05':
      return new AppError('VALIDATION_FAILED', 'The request contains characters that cannot be stored', [
        { field: 'request', message: 'contains characters that cannot be stored' },
      ]);
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', error.message, [{ field: 'request', message: error.message }]);
  }
  return new AppError('INTERNAL', 'Something went wrong on our side');
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  // Only the unexpected is logged with its stack; DATA_DAMAGED was logged once, when the books were checked.
  if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
  const retryAfter = (appError.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (appError.code === 'TOO_MANY_REQUESTS' && typeof retryAfter === 'number') reply.header('retry-after', retryAfter);
  // An error is an answer for this moment only.
  reply.header('cache-control', 'no-store');
  const body: ErrorBody = { code: appError.code, message: appError.message, ...(appError.details === undefined ? {} : { details: appError.details }) };
  // Errors tell the caller no more than responses do (a shortage's lines would reveal stock).
  return reply.status(appError.status).send({ error: request.actor ? redactErrorForActor(request.actor, body) : body });
}
