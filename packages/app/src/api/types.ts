/**
 * Shapes of the HTTP API. Types only: the zod schemas stay out of the app bundle.
 */
import type { z } from 'zod';
import type {
  CreateBillRequest,
  CreateReceiptRequest,
  CreateStocktakeRequest,
  CreateTransferRequest,
  MonthlyStat as MonthlyStatSchema,
  GoodsInput as GoodsInputSchema,
  GoodsList as GoodsListSchema,
  StoreSettings as StoreSettingsSchema,
  StoreSettingsInput as StoreSettingsInputSchema,
  ShipRequest as ShipRequestSchema,
} from '@xiaocang/contracts';

export type {
  Bill,
  SalesByCustomer,
  SalesByProduct,
  Classification,
  ClassifiedProduct,
  BillLine,
  BillShare,
  Category,
  Customer,
  CustomerPrices,
  Dashboard,
  FieldError,
  Forecast,
  ImportKind,
  ImportResult,
  InventoryItem,
  InventoryList,
  LedgerEntry,
  List,
  Me,
  MoneySummary,
  MonthlyStats,
  OpenBill,
  PartyBalance,
  PaymentAccount,
  PriceLevel,
  Product,
  PurchaseSuggestions,
  Session,
  Settlement,
  Shop,
  ShopConfig,
  StaffMember,
  StaffPermissions,
  Statement,
  Stocktake,
  StockPoint,
  StockShortage,
  StockWarning,
  Supplier,
  Transfer,
  User,
  Delivery,
  DeliveryList,
  Notification,
  NotificationBadges,
  NotificationKind,
  NotificationChannel,
  NotificationList,
  NotificationPreferences,
  NotificationPreferencesInput,
  WarningEvent,
  WarningList,
  WarningOverride,
  WarningOverrideInput,
  WarningReport,
  StockSummary,
  InOutSummary,
  StockTrend,
  WarningRules,
  WarningRulesInput,
  WarningRulesView,
  Goods,
  GoodsStatus,
  Order,
  OrderList,
  AuditEntry,
  AuditList,
  Upload,
  UploadPurpose,
} from '@xiaocang/contracts';

export type SaveBillRequest = z.input<typeof CreateBillRequest>;
export type TransferRequest = z.input<typeof CreateTransferRequest>;
export type StocktakeRequest = z.input<typeof CreateStocktakeRequest>;
export type MonthlyStat = z.infer<typeof MonthlyStatSchema>;
/** A receipt names its customer, a payment its supplier; the rest is the same. */
export type SaveSettlementRequest = Omit<z.input<typeof CreateReceiptRequest>, 'customerId'> & ({ customerId: string } | { supplierId: string });

// The storefront, as the merchant runs it.
export type GoodsInput = z.input<typeof GoodsInputSchema>;
export type GoodsList = z.infer<typeof GoodsListSchema>;
export type StoreSettings = z.infer<typeof StoreSettingsSchema>;
export type StoreSettingsInput = z.input<typeof StoreSettingsInputSchema>;
export type ShipRequest = z.input<typeof ShipRequestSchema>;
