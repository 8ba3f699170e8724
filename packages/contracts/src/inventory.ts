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
  avgCost: DecimalString.optional(),
  totalCost: DecimalString.optional(),
  warningStock: DecimalString,
  isLow: z.boolean(),
});
export type InventoryItem = z.infer<typeof InventoryItem>;

export const InventoryList = z.object({
  items: z.array(InventoryItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
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
export const MonthlyStat = z.object({
  year: z.number().int(),
  month: z.number().int(),
  inboundAmount: DecimalString.optional(),
  inboundCount: z.number().int(),
  outboundAmount: DecimalString,
  outboundCount: z.number().int(),
  outboundCost: DecimalString.optional(),
  profit: DecimalString.optional(),
});
export const MonthlyStats = z.object({ year: z.number().int(), months: z.array(MonthlyStat) });
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

export const Dashboard = z.object({
  today: z.string(),
  todayInboundCount: z.number().int(),
  todayInboundQuantity: DecimalString.optional(),
  todayInboundAmount: DecimalString.optional(),
  todayOutboundCount: z.number().int(),
  todayOutboundQuantity: DecimalString.optional(),
  todayOutboundAmount: DecimalString,
  monthSales: DecimalString,
  monthProfit: DecimalString.optional(),
  lowStockCount: z.number().int().optional(),
  pendingApprovalCount: z.number().int(),
});
export type Dashboard = z.infer<typeof Dashboard>;
