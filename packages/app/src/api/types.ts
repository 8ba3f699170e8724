/**
 * Shapes of the HTTP API. Types only: the zod schemas stay out of the app bundle.
 */
import type { z } from 'zod';
import type {
  CreateBillRequest,
  CreateStocktakeRequest,
  CreateTransferRequest,
  MonthlyStat as MonthlyStatSchema,
} from '@xiaocang/contracts';

export type {
  Bill,
  BillLine,
  Category,
  Customer,
  Dashboard,
  FieldError,
  InventoryItem,
  InventoryList,
  LedgerEntry,
  List,
  Me,
  MonthlyStats,
  Product,
  Session,
  Shop,
  ShopConfig,
  StaffMember,
  StaffPermissions,
  Stocktake,
  StockPoint,
  StockShortage,
  StockWarning,
  Supplier,
  Transfer,
  User,
} from '@xiaocang/contracts';

export type SaveBillRequest = z.input<typeof CreateBillRequest>;
export type TransferRequest = z.input<typeof CreateTransferRequest>;
export type StocktakeRequest = z.input<typeof CreateStocktakeRequest>;
export type MonthlyStat = z.infer<typeof MonthlyStatSchema>;
