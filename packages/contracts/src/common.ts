import { z } from 'zod';

/** Ids are decimal strings of a bigint. */
export const Id = z.string().regex(/^[1-9]\d{0,17}$/, 'must be an id');
export type Id = z.infer<typeof Id>;

export const IsoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
export const Timestamp = z.string();

interface DecimalRule {
  places: number;
  min?: number;
  max?: number;
  /** Zero is refused (quantities on bill lines). */
  nonZero?: boolean;
}

/**
 * A decimal in a request: a string or a number, at most `places` decimals, within bounds.
 * It becomes a canonical string, so binary floats never reach the books.
 */
export function decimalInput({ places, min = 0, max = 999_999_999_999, nonZero = false }: DecimalRule) {
  const pattern = new RegExp(`^-?\\d{1,15}(\\.\\d{1,${places}})?$`);
  return z
    .union([z.string(), z.number()], { message: 'must be a number' })
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? String(value) : value.trim();
      if (!pattern.test(text)) {
        ctx.addIssue({ code: 'custom', message: `must be a number with at most ${places} decimals` });
        return z.NEVER;
      }
      const numeric = Number(text);
      if (numeric < min || numeric > max) {
        ctx.addIssue({ code: 'custom', message: `must be between ${min} and ${max}` });
        return z.NEVER;
      }
      if (nonZero && numeric === 0) {
        ctx.addIssue({ code: 'custom', message: 'must not be zero' });
        return z.NEVER;
      }
      return text;
    });
}

export const QuantityInput = decimalInput({ places: 3 });
export const MoneyInput = decimalInput({ places: 2 });
export const UnitPriceInput = decimalInput({ places: 4 });
/** Decimals in responses are fixed-place strings. */
export const DecimalString = z.string();

/** PostgreSQL text cannot hold U+0000; refusing it here names the field instead of failing in SQL. */
export const PlainString = z.string().regex(/^[^\u0000]*$/, 'must not contain NUL characters');
export const Text = (max: number) => PlainString.trim().max(max, `must be at most ${max} characters`);
export const RequiredText = (max: number) => Text(max).min(1, 'is required');

export const Status = z.enum(['active', 'inactive']);
export type Status = z.infer<typeof Status>;

export const Page = z.coerce.number().int().min(1).max(1_000_000).default(1);
export const PageSize = z.coerce.number().int().min(1).max(200).default(20);

export const ListQuery = z.object({
  page: Page,
  pageSize: PageSize,
  q: Text(100).optional(),
  status: Status.optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
export interface List<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

type Undefaulted<Shape extends z.ZodRawShape> = {
  [Key in keyof Shape]: z.ZodOptional<Shape[Key] extends z.ZodDefault<infer Inner> ? Inner : Shape[Key]>;
};

/**
 * The update body of a create body: every field optional and none defaulted, so an update changes only
 * the fields it names (zod's own .partial() would still fill in the create defaults).
 */
export function updateOf<Shape extends z.ZodRawShape>(create: z.ZodObject<Shape>): z.ZodObject<Undefaulted<Shape>> {
  const shape = Object.fromEntries(
    Object.entries(create.shape).map(([key, field]) => [key, ((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType).optional()]),
  );
  return z.object(shape) as unknown as z.ZodObject<Undefaulted<Shape>>;
}

export const IdParams = z.object({ id: z.string() });

export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE',
  'INVALID_STATE',
  'INSUFFICIENT_STOCK',
  'IDEMPOTENCY_KEY_REUSED',
  'TOO_MANY_REQUESTS',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
  'DATA_DAMAGED',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const StockShortage = z.object({
  productId: Id,
  stockPointId: Id,
  requested: DecimalString,
  available: DecimalString.optional(),
});
export type StockShortage = z.infer<typeof StockShortage>;

export const ErrorResponse = z.object({
  error: z.object({ code: ErrorCode, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const Ok = z.object({ ok: z.literal(true) });
