import type { ErrorCode, FieldError, StockShortage } from '@xiaocang/contracts';
import { LIMITS, limitText, MoneyRuleError } from '@xiaocang/domain';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  INVALID_STATE: 409,
  INSUFFICIENT_STOCK: 409,
  STALE_STOCKTAKE: 409,
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

export const balanceLimitExceeded = (place: { productId: string; stockPointId: string }) =>
  new AppError(
    'CONFLICT',
    `This would take a product's stock at a stock point past what the books hold: at most ${limitText(LIMITS.balanceQuantity)} units ` +
      `and ${limitText(LIMITS.balanceValue)} yuan of value, either side of zero`,
    [place],
  );

/** 429; the handler also sends the wait as Retry-After. */
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError('TOO_MANY_REQUESTS', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });

/** Runs a money rule of the domain; its refusal becomes the one error type (bad input names its field). */
export function obeyMoneyRules<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (!(error instanceof MoneyRuleError)) throw error;
    throw error.kind === 'invalid' ? invalid(error.field, error.message) : invalidState(error.message);
  }
}
