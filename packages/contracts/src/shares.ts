import { z } from 'zod';
import { BillKind, Direction } from './bills.ts';
import { DecimalString, Id, Timestamp } from './common.ts';

/** Sharing a posted bill: whether the public view shows prices and money (never more than the sharer may see). */
export const ShareBillRequest = z.object({ showPrices: z.boolean().default(true) });
export type ShareBillRequest = z.infer<typeof ShareBillRequest>;

/**
 * A live share link. `token` is shown only here: the server keeps its hash alone. `url` is the public view's
 * path (the JSON; `.png` and `.pdf` beside it), `link` the same on the configured public address (PUBLIC_BASE_URL).
 */
export const BillShare = z.object({
  billId: Id,
  token: z.string(),
  url: z.string(),
  link: z.string(),
  showPrices: z.boolean(),
  createdAt: Timestamp,
});
export type BillShare = z.infer<typeof BillShare>;

/** Which page a printable bill is laid out for: A4, or a 58 mm or 80 mm receipt roll. */
export const PrintLayout = z.enum(['a4', '58', '80']);
export type PrintLayout = z.infer<typeof PrintLayout>;
export const PrintQuery = z.object({ layout: PrintLayout.default('a4') });
export type PrintQuery = z.infer<typeof PrintQuery>;

/** A line as the public sees it: what was moved, and its price and amount when the link shows prices. */
export const SharedBillLine = z.object({
  lineNo: z.number().int(),
  productName: z.string(),
  productCode: z.string().nullable(),
  specification: z.string(),
  unit: z.string(),
  quantity: DecimalString,
  unitPrice: DecimalString.optional(),
  amount: DecimalString.optional(),
});
export type SharedBillLine = z.infer<typeof SharedBillLine>;

/**
 * The public, read-only view of one posted bill (GET /p/bills/:token). Money fields are absent, not null,
 * when the link hides prices. A reversed bill says so (status 'reversed', 已冲红) and names its reversal.
 */
export const SharedBill = z.object({
  shopName: z.string(),
  billNo: z.string(),
  billDate: z.string(),
  billType: z.string(),
  direction: Direction,
  kind: BillKind,
  status: z.enum(['confirmed', 'reversed']),
  customerName: z.string().nullable(),
  supplierName: z.string().nullable(),
  reversalOfBillNo: z.string().nullable(),
  reversedByBillNo: z.string().nullable(),
  lines: z.array(SharedBillLine),
  totalQuantity: DecimalString,
  totalAmount: DecimalString.optional(),
  paidAmount: DecimalString.optional(),
  outstandingAmount: DecimalString.optional(),
  showPrices: z.boolean(),
});
export type SharedBill = z.infer<typeof SharedBill>;
