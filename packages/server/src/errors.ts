import type { ErrorCode, FieldError, StockShortage } from '@xiaocang/contracts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  INVALID_STATE: 409,
  INSUFFICIENT_STOCK: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  DATA_DAMAGED: 503,
};

/** The one error type: a code, a sentence for people and details for programs. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const invalid = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field} ${message}`, [{ field, message } satisfies FieldError]);

export const notFound = (what: string, field?: string) =>
  new AppError('NOT_FOUND', `${what} not found`, field ? [{ field, message: 'not found' }] : undefined);

export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);

export const invalidState = (message: string) => new AppError('INVALID_STATE', message);

export const insufficientStock = (shortages: StockShortage[]) =>
  new AppError('INSUFFICIENT_STOCK', 'Not enough stock for one or more lines', shortages);
