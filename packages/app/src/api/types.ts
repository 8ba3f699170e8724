/**
 * Shapes of the HTTP API. Types only: the zod schemas stay on the server side of the bundle.
 */
export type {
  Category,
  Customer,
  FieldError,
  List,
  Me,
  Product,
  Session,
  Shop,
  ShopConfig,
  StaffPermissions,
  StockPoint,
  StockShortage,
  Supplier,
  User,
} from '@xiaocang/contracts';
import type { BillStatus, Direction } from '../lib/labels';

export interface BillLine {
  id?: string;
  productId: string;
  productName: string;
  productCode: string | null;
  unit: string;
  specification: string;
  quantity: string;
  unitPrice?: string;
  amount?: string;
  stockBefore?: string;
  stockAfter?: string;
}

export interface Bill {
  id: string;
  billNo: string;
  direction: Direction;
  billType: string;
  billDate: string;
  status: BillStatus;
  stockPointId: string;
  stockPointName?: string;
  supplierId?: string | null;
  supplierName?: string | null;
  customerId?: string | null;
  customerName?: string | null;
  totalQuantity?: string;
  totalAmount?: string;
  remarks: string;
  createdBy?: string | null;
  createdByName?: string | null;
  rejectReason?: string | null;
  reversalOfId?: string | null;
  reversedById?: string | null;
  createdAt: string;
  lines?: BillLine[];
}

export interface BillLineInput {
  productId: string;
  quantity: string;
  unitPrice: string;
}

export interface SaveBillRequest {
  direction: Direction;
  billType: string;
  billDate: string;
  stockPointId: string;
  supplierId?: string | null;
  customerId?: string | null;
  remarks: string;
  lines: BillLineInput[];
  confirm?: boolean;
}

export interface InventoryItem {
  productId: string;
  productName: string;
  productCode: string | null;
  unit: string;
  stockPointId: string;
  stockPointName: string;
  quantity?: string;
  avgCost?: string;
  totalCost?: string;
  warningStock?: string;
  isLow?: boolean;
}

export interface InventoryList {
  items: InventoryItem[];
  total: number;
  page: number;
  pageSize: number;
  totals?: { quantity?: string; totalCost?: string };
}

export interface LedgerEntry {
  id: string;
  billId?: string;
  billNo: string;
  billType?: string;
  billDate: string;
  direction?: Direction;
  stockPointName?: string;
  quantity?: string;
  unitCost?: string;
  balanceQuantity?: string;
  balanceAvgCost?: string;
  createdAt?: string;
}

export interface Dashboard {
  todayInboundCount?: number;
  todayInboundAmount?: string;
  todayInboundQuantity?: string;
  todayOutboundCount?: number;
  todayOutboundAmount?: string;
  todayOutboundQuantity?: string;
  monthSales?: string;
  monthProfit?: string;
  lowStockCount?: number;
  pendingApprovalCount?: number;
}

export interface MonthlyStat {
  month: number;
  inboundAmount?: string;
  inboundCount?: number;
  outboundAmount?: string;
  outboundCount?: number;
  profit?: string;
}

export interface TransferRequest {
  fromStockPointId: string;
  toStockPointId: string;
  billDate: string;
  lines: Array<{ productId: string; quantity: string }>;
  confirm: boolean;
}

export interface StocktakeLine {
  productId: string;
  productName?: string;
  unit?: string;
  bookQuantity?: string;
  countedQuantity: string;
  difference?: string;
}

export interface Stocktake {
  id: string;
  billNo?: string;
  status: string;
  stockPointId: string;
  billDate: string;
  lines: StocktakeLine[];
}
