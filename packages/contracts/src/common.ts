import { EARLIEST_BOOK_DATE, latestBookDate, LIMITS, limitText } from '@xiaocang/domain';
import { z } from 'zod';

/** Ids are decimal strings of a bigint. */
export const Id = z.string().regex(/^[1-9]\d{0,17}$/, 'must be an id');
export type Id = z.infer<typeof Id>;

/**
 * Every date a request carries (bill dates, date filters): YYYY-MM-DD from 2000-01-01 to a year after the
 * shop's today, the same bounds for what is written and what is looked for.
 */
export const IsoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' }).refine((date) => date >= EARLIEST_BOOK_DATE && date <= latestBookDate(), {
  error: () => `must be between ${EARLIEST_BOOK_DATE} and ${latestBookDate()}`,
  // Only a real date is compared: "2026-02-30" is simply not a date.
  when: (payload) => payload.issues.length === 0,
});
export const Timestamp = z.string();

interface DecimalRule {
  places: number;
  min?: number;
  max: number;
  /** Zero is refused (quantities on bill lines). */
  nonZero?: boolean;
}

/**
 * A decimal in a request: a string or a number, at most `places` decimals, within bounds.
 * It becomes a canonical string, so binary floats never reach the books.
 */
export function decimalInput({ places, min = 0, max, nonZero = false }: DecimalRule) {
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
        ctx.addIssue({ code: 'custom', message: `must be between ${limitText(min)} and ${limitText(max)}` });
        return z.NEVER;
      }
      if (nonZero && numeric === 0) {
        ctx.addIssue({ code: 'custom', message: 'must not be zero' });
        return z.NEVER;
      }
      return text;
    });
}

/** A quantity held rather than moved: a warning level, a counted stock. */
export const QuantityInput = decimalInput({ places: 3, max: LIMITS.balanceQuantity });
/** A product's price in yuan. */
export const MoneyInput = decimalInput({ places: 2, max: LIMITS.unitPrice });
/** The unit price of a line. */
export const UnitPriceInput = decimalInput({ places: 4, max: LIMITS.unitPrice });
/** Decimals in responses are fixed-place strings. */
export const DecimalString = z.string();

/**
 * Every text a request carries. PostgreSQL text cannot hold U+0000, and a lone surrogate (half of a UTF-16
 * pair) is no character at all: no database, JSON column or client can store or show it. Refusing both here
 * names the field instead of failing in SQL.
 */
export const PlainString = z
  .string()
  // NUL is the very character refused here.
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000]*$/, 'must not contain NUL characters')
  .regex(/^\P{Cs}*$/u, 'must be well-formed Unicode (it has an unpaired surrogate)');
export const Text = (max: number) => PlainString.trim().max(max, `must be at most ${max} characters`);
export const RequiredText = (max: number) => Text(max).min(1, 'is required');

const UPLOAD_PATH = /^\/uploads\/(?!.*\.\.)[\w\-.~/]+$/;
const WEB_ADDRESS = /^https?:\/\/[^\s\\/?#"<>`]+([/?#][^\s\\"<>`]*)?$/i;

/**
 * An address the app may load or open: http(s) with a host, and none of the characters a valid address
 * escapes (spaces, quotes, angle brackets, backslashes); or a file the server itself serves under /uploads/,
 * in plain characters and never `..`.
 */
function isWebAddress(text: string): boolean {
  return UPLOAD_PATH.test(text) || (WEB_ADDRESS.test(text) && URL.canParse(text));
}

/**
 * A link stored for the app to show (a product image, an attachment), or '' for none. Anything but http(s)
 * and the server's own uploads (javascript:, data:, file:) would run or read something in the app.
 */
export const WebAddress = (max: number) =>
  Text(max).refine((text) => text === '' || isWebAddress(text), 'must be an http:// or https:// address, or an /uploads/ path');

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
  'STALE_STOCKTAKE',
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

/** The one error shape of every error response; a component of its own in the OpenAPI document. */
export const ErrorResponse = z
  .object({ error: z.object({ code: ErrorCode, message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const Ok = z.object({ ok: z.literal(true) });
