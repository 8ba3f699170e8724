import { LIMITS } from '@xiaocang/domain';
import { z } from 'zod';
import { DecimalString, decimalInput, Id, IsoDate, ListQuery, QuantityInput, RequiredText, Text, Timestamp, UnitPriceInput, WebAddress } from './common.ts';

export const Direction = z.enum(['in', 'out']);
export type Direction = z.infer<typeof Direction>;
export const BillKind = z.enum(['normal', 'transfer', 'stocktake', 'reversal']);
export const BillStatus = z.enum(['draft', 'pending', 'confirmed', 'rejected', 'reversed']);
export type BillStatus = z.infer<typeof BillStatus>;

/** Quantities on lines are positive; a reversal is a bill of its own, never a negative line typed by hand. */
export const LineQuantity = decimalInput({ places: 3, max: LIMITS.lineQuantity, nonZero: true });
export const LinePrice = UnitPriceInput;

/** Attachments are links to files (receipts, photos) the app shows. */
export const Attachment = z.object({ fileId: WebAddress(500).min(1, 'is required'), name: Text(200).default('') });

export const BillLineInput = z.object({
  productId: Id,
  quantity: LineQuantity,
  /** Defaults to the product's inbound price, or on a sale to a customer to the price at the customer's level. */
  unitPrice: LinePrice.optional(),
});
export type BillLineInput = z.input<typeof BillLineInput>;

const BillFields = {
  billType: RequiredText(20),
  billDate: IsoDate,
  /** Defaults to the shop's default stock point. */
  stockPointId: Id.optional(),
  supplierId: Id.nullable().optional(),
  customerId: Id.nullable().optional(),
  remarks: Text(500).default(''),
  attachments: z.array(Attachment).max(9, 'at most 9 attachments').default([]),
  lines: z.array(BillLineInput).min(1, 'a bill needs at least one line').max(1000, 'at most 1000 lines'),
  /** Paid at once (received on a sale, paid on a purchase); the rest is owed by the customer or to the supplier. */
  // Paid now, at most the bill's total (the money rules hold it to that).
  paidAmount: decimalInput({ places: 2, max: LIMITS.billTotal }).default('0'),
  /** The account the money went into or came out of; required when something is paid. */
  paymentAccountId: Id.nullable().default(null),
};

export const CreateBillRequest = z.object({
  direction: Direction,
  ...BillFields,
  /** Post at once (or submit for approval) instead of saving a draft. */
  confirm: z.boolean().default(false),
});
export type CreateBillRequest = z.infer<typeof CreateBillRequest>;
export type CreateBillInput = z.input<typeof CreateBillRequest>;

export const UpdateBillRequest = z.object(BillFields);
export type UpdateBillRequest = z.infer<typeof UpdateBillRequest>;

export const RejectBillRequest = z.object({ reason: RequiredText(200) });

export const BillLine = z.object({
  id: Id,
  lineNo: z.number().int(),
  productId: Id,
  productName: z.string(),
  productCode: z.string().nullable(),
  unit: z.string(),
  specification: z.string(),
  quantity: DecimalString,
  unitPrice: DecimalString.optional(),
  amount: DecimalString.optional(),
  unitCost: DecimalString.nullable().optional(),
  costAmount: DecimalString.nullable().optional(),
  stockBefore: DecimalString.nullable().optional(),
  stockAfter: DecimalString.nullable().optional(),
});
export type BillLine = z.infer<typeof BillLine>;

/**
 * An outbound line the stock at hand does not cover now, on a bill that waits for the owner: approval
 * would be refused unless stock comes in first. `available` is stock on hand (hidden by hideInventory).
 */
export const StockWarning = z.object({
  productId: Id,
  productName: z.string(),
  stockPointId: Id,
  requested: DecimalString,
  available: DecimalString.optional(),
});
export type StockWarning = z.infer<typeof StockWarning>;

export const Bill = z.object({
  id: Id,
  billNo: z.string(),
  direction: Direction,
  kind: BillKind,
  billType: z.string(),
  billDate: z.string(),
  stockPointId: Id,
  stockPointName: z.string(),
  supplierId: Id.nullable(),
  supplierName: z.string().nullable(),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  totalQuantity: DecimalString,
  totalAmount: DecimalString.optional(),
  totalCost: DecimalString.nullable().optional(),
  /**
   * What the bill is worth in lists: 'price', what it states (totalAmount), or 'cost', its cost (totalCost),
   * for stock adjustments and internal use, which state no sales price (domain `isValuedAtCost`).
   */
  valuation: z.enum(['price', 'cost']),
  remarks: z.string(),
  attachments: z.array(z.object({ fileId: z.string(), name: z.string() })),
  status: BillStatus,
  approvalStatus: z.enum(['pending', 'approved', 'rejected']).nullable(),
  approvedBy: Id.nullable(),
  approvedAt: Timestamp.nullable(),
  rejectedReason: z.string().nullable(),
  confirmedBy: Id.nullable(),
  confirmedAt: Timestamp.nullable(),
  /** A reversal (红冲, kind 'reversal') names the bill it undoes; a reversed bill (status 'reversed') names its reversal. */
  reversalOfId: Id.nullable(),
  reversalOfBillNo: z.string().nullable(),
  reversedById: Id.nullable(),
  reversedByBillNo: z.string().nullable(),
  transferPeerId: Id.nullable(),
  paidAmount: DecimalString.optional(),
  paymentAccountId: Id.nullable(),
  paymentAccountName: z.string().nullable(),
  /** Settled since by receipts or payments. */
  settledAmount: DecimalString.optional(),
  /** What the bill leaves owed: total − paid − settled (nothing once reversed, or without a counterparty). */
  outstandingAmount: DecimalString.optional(),
  createdBy: Id,
  createdByName: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lines: z.array(BillLine).optional(),
  /** On the answer to a submission that leaves the bill pending. */
  stockWarnings: z.array(StockWarning).optional(),
});
export type Bill = z.infer<typeof Bill>;

export const BillListQuery = ListQuery.omit({ status: true }).extend({
  direction: Direction.optional(),
  kind: BillKind.optional(),
  status: BillStatus.optional(),
  billType: Text(20).optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  supplierId: Id.optional(),
  customerId: Id.optional(),
  productId: Id.optional(),
  stockPointId: Id.optional(),
  createdBy: Id.optional(),
});
export type BillListQuery = z.infer<typeof BillListQuery>;

export const CreateTransferRequest = z
  .object({
    fromStockPointId: Id,
    toStockPointId: Id,
    billDate: IsoDate,
    remarks: Text(500).default(''),
    lines: z.array(z.object({ productId: Id, quantity: LineQuantity })).min(1, 'a transfer needs at least one line').max(1000),
    confirm: z.boolean().default(true),
  })
  .refine((t) => t.fromStockPointId !== t.toStockPointId, { message: 'must differ from fromStockPointId', path: ['toStockPointId'] });
export type CreateTransferRequest = z.infer<typeof CreateTransferRequest>;

/** A transfer is a pair of bills: out of one stock point, into the other, at the source's average cost. */
export const Transfer = z.object({ outBill: Bill, inBill: Bill });
export type Transfer = z.infer<typeof Transfer>;

export const CreateStocktakeRequest = z.object({
  stockPointId: Id.optional(),
  billDate: IsoDate,
  remarks: Text(500).default(''),
  lines: z
    .array(z.object({ productId: Id, countedQuantity: QuantityInput }))
    .min(1, 'count at least one product')
    .max(1000),
});
export type CreateStocktakeRequest = z.infer<typeof CreateStocktakeRequest>;

export const StocktakeLine = z.object({
  productId: Id,
  productName: z.string(),
  productCode: z.string().nullable(),
  unit: z.string(),
  bookQuantity: DecimalString.optional(),
  countedQuantity: DecimalString,
  difference: DecimalString.optional(),
});
export const Stocktake = z.object({
  id: Id,
  stockPointId: Id,
  billDate: z.string(),
  /** Pending while its gain and loss bills wait for the owner; rejected when the owner rejects them. */
  status: z.enum(['draft', 'pending', 'confirmed', 'rejected']),
  remarks: z.string(),
  lines: z.array(StocktakeLine),
  gainBillId: Id.nullable(),
  lossBillId: Id.nullable(),
  createdBy: Id,
  createdAt: Timestamp,
  confirmedAt: Timestamp.nullable(),
});
export type Stocktake = z.infer<typeof Stocktake>;
