import { z } from 'zod';
import { BillKind } from './bills.ts';
import { DecimalString, Id, IsoDate, Page, PageSize, Text } from './common.ts';

export const InventoryQuery = z.object({
  page: Page,
  pageSize: PageSize,
  q: Text(100).optional(),
  productId: Id.optional(),
  categoryId: Id.optional(),
  stockPointId: Id.optional(),
  lowStock: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type InventoryQuery = z.infer<typeof InventoryQuery>;

export const InventoryItem = z.object({
  productId: Id,
  productName: z.string(),
  productCode: z.string().nullable(),
  unit: z.string(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  stockPointId: Id,
  stockPointName: z.string(),
  quantity: DecimalString,
  /** What unpaid storefront orders hold of this balance, and what is left to sell (quantity less it). */
  reservedQuantity: DecimalString,
  availableQuantity: DecimalString,
  avgCost: DecimalString.optional(),
  totalCost: DecimalString.optional(),
  /** The warning stock that binds the product: its own, else its category's or the shop's threshold (warning rules). */
  warningStock: DecimalString,
  /** The product's stock across all stock points: what `isLow` compares with the warning stock. */
  productQuantity: DecimalString,
  /** The one low-stock rule (domain `isLowStock`): productQuantity ≤ warningStock, never when no warning stock is set. */
  isLow: z.boolean(),
});
export type InventoryItem = z.infer<typeof InventoryItem>;

export const InventoryList = z.object({
  items: z.array(InventoryItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** lowStockCount counts products, as the home screen does, not rows. */
  totals: z.object({ quantity: DecimalString, stockValue: DecimalString.optional(), lowStockCount: z.number().int() }),
});
export type InventoryList = z.infer<typeof InventoryList>;

export const LedgerQuery = z.object({ page: Page, pageSize: PageSize, stockPointId: Id.optional(), dateFrom: IsoDate.optional(), dateTo: IsoDate.optional() });
export const LedgerEntry = z.object({
  id: Id,
  billId: Id,
  billNo: z.string(),
  lineNo: z.number().int(),
  billDate: z.string(),
  billType: z.string(),
  direction: z.enum(['in', 'out']),
  /** The bill's kind and transfer peer: they tell the redaction which prices are costs. */
  kind: BillKind,
  transferPeerId: Id.nullable(),
  stockPointId: Id,
  stockPointName: z.string(),
  /** Signed change of stock: positive in, negative out. */
  quantity: DecimalString,
  unitPrice: DecimalString.optional(),
  amount: DecimalString.optional(),
  unitCost: DecimalString.optional(),
  costAmount: DecimalString.optional(),
  /** The running balance of this row's stock point (not of the product across points), after the movement. */
  balanceQuantity: DecimalString,
  balanceAvgCost: DecimalString.optional(),
  balanceAmount: DecimalString.optional(),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const MonthlyStatsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** Whose bills the figures add up: the whole shop's, or only the caller's own (ownRecordsOnly). */
export const FigureScope = z.enum(['shop', 'own']);
export type FigureScope = z.infer<typeof FigureScope>;

/** One month's figures, as the domain defines them (`figuresOf`); costs and margins are absent for hideInboundPrice. */
export const MonthlyStat = z.object({
  year: z.number().int(),
  month: z.number().int(),
  salesAmount: DecimalString,
  salesCost: DecimalString.optional(),
  grossMargin: DecimalString.optional(),
  salesCount: z.number().int(),
  purchaseAmount: DecimalString.optional(),
  purchaseCount: z.number().int(),
  stockGain: DecimalString.optional(),
  stockLoss: DecimalString.optional(),
  writeOff: DecimalString.optional(),
  stockAdjustment: DecimalString.optional(),
  internalUse: DecimalString.optional(),
  inboundCount: z.number().int(),
  outboundCount: z.number().int(),
});
export const MonthlyStats = z.object({ year: z.number().int(), scope: FigureScope, months: z.array(MonthlyStat) });
export type MonthlyStats = z.infer<typeof MonthlyStats>;

export const InventoryDrift = z.object({
  stockPointId: Id,
  productId: Id,
  problem: z.string(),
  expected: z.string(),
  actual: z.string(),
});
export const InventoryVerification = z.object({
  checkedBalances: z.number().int(),
  checkedLedgerRows: z.number().int(),
  drift: z.array(InventoryDrift),
});
export type InventoryVerification = z.infer<typeof InventoryVerification>;

/**
 * The home screen. Today: the standing bills dated today (a reversed bill and its reversal count as
 * nothing, transfers not at all) and the amounts they state. The month: the domain's figures.
 */
export const Dashboard = z.object({
  today: z.string(),
  scope: FigureScope,
  todayInboundCount: z.number().int(),
  todayInboundQuantity: DecimalString.optional(),
  todayInboundAmount: DecimalString.optional(),
  todayOutboundCount: z.number().int(),
  todayOutboundQuantity: DecimalString.optional(),
  todayOutboundAmount: DecimalString,
  monthSales: DecimalString,
  monthGrossMargin: DecimalString.optional(),
  monthStockAdjustment: DecimalString.optional(),
  lowStockCount: z.number().int().optional(),
  pendingApprovalCount: z.number().int(),
});
export type Dashboard = z.infer<typeof Dashboard>;
