import { LIMITS } from '@xiaocang/domain';
import { z } from 'zod';
import { DecimalString, decimalInput, Id, IsoDate, ListQuery, MoneyInput, Page, PageSize, RequiredText, Status, Text, Timestamp, updateOf } from './common.ts';

const Audited = { createdAt: Timestamp, updatedAt: Timestamp };

/** 零售价, 代理价, 批发价, …: the default level is the product's outbound price. */
export const PriceLevel = z.object({ id: Id, name: z.string(), isDefault: z.boolean(), position: z.number().int(), status: Status, ...Audited });
export type PriceLevel = z.infer<typeof PriceLevel>;
export const CreatePriceLevelRequest = z.object({
  name: RequiredText(20),
  position: z.number().int().min(0).max(1000).default(0),
  status: Status.default('active'),
});
export const UpdatePriceLevelRequest = updateOf(CreatePriceLevelRequest);

/** A product's price at a level other than the default. */
export const ProductPrice = z.object({ priceLevelId: Id, price: DecimalString });
export const ProductPriceInput = z.object({ priceLevelId: Id, price: MoneyInput });

export const CustomerPricesQuery = z.object({
  productIds: z
    .string()
    .regex(/^[1-9]\d{0,17}(,[1-9]\d{0,17}){0,199}$/, 'must be up to 200 product ids separated by commas')
    .transform((ids) => [...new Set(ids.split(','))]),
});
/** What a customer pays for each product: the price at their level, or the outbound price where that level sets none. */
export const CustomerPrices = z.object({
  customerId: Id,
  priceLevelId: Id,
  priceLevelName: z.string(),
  items: z.array(z.object({ productId: Id, price: DecimalString, allowed: z.boolean() })),
});
export type CustomerPrices = z.infer<typeof CustomerPrices>;

export const PaymentAccountKind = z.enum(['wechat', 'alipay', 'cash', 'bank', 'other']);
export type PaymentAccountKind = z.infer<typeof PaymentAccountKind>;
/** 资金账户. `balance` is what money recorded here put in and took out. */
export const PaymentAccount = z.object({
  id: Id,
  name: z.string(),
  kind: PaymentAccountKind,
  balance: DecimalString.optional(),
  position: z.number().int(),
  remarks: z.string(),
  status: Status,
  ...Audited,
});
export type PaymentAccount = z.infer<typeof PaymentAccount>;
export const CreatePaymentAccountRequest = z.object({
  name: RequiredText(20),
  kind: PaymentAccountKind.default('other'),
  position: z.number().int().min(0).max(1000).default(0),
  remarks: Text(200).default(''),
  status: Status.default('active'),
});
export const UpdatePaymentAccountRequest = updateOf(CreatePaymentAccountRequest);

// A receipt or payment settles at most what is owed; the bound only keeps the number within what the books hold.
export const SettlementAmount = decimalInput({ places: 2, min: 0, max: LIMITS.balanceValue, nonZero: true });
export const AllocationInput = z.object({ billId: Id, amount: SettlementAmount });

const SettlementFields = {
  accountId: Id,
  amount: SettlementAmount,
  docDate: IsoDate,
  remarks: Text(200).default(''),
  /** The bills it settles and how much of each; without them, the oldest open bills first. */
  allocations: z.array(AllocationInput).min(1, 'name at least one bill, or leave allocations out').max(200).optional(),
};
/** 收款单: money from a customer, settling their bills. */
export const CreateReceiptRequest = z.object({ customerId: Id, ...SettlementFields });
export type CreateReceiptRequest = z.infer<typeof CreateReceiptRequest>;
/** 付款单: money to a supplier, settling the shop's purchases from them. */
export const CreatePaymentRequest = z.object({ supplierId: Id, ...SettlementFields });
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;

export const SettlementKind = z.enum(['receipt', 'payment']);
export const Settlement = z.object({
  id: Id,
  docNo: z.string(),
  kind: SettlementKind,
  isReversal: z.boolean(),
  docDate: z.string(),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  supplierId: Id.nullable(),
  supplierName: z.string().nullable(),
  accountId: Id,
  accountName: z.string(),
  /** Negative on a reversal. */
  amount: DecimalString.optional(),
  remarks: z.string(),
  status: z.enum(['posted', 'reversed']),
  reversalOfId: Id.nullable(),
  reversedById: Id.nullable(),
  allocations: z.array(z.object({ billId: Id, billNo: z.string(), billDate: z.string(), amount: DecimalString.optional() })),
  createdBy: Id,
  createdByName: z.string(),
  createdAt: Timestamp,
});
export type Settlement = z.infer<typeof Settlement>;

export const SettlementListQuery = z.object({
  page: Page,
  pageSize: PageSize,
  kind: SettlementKind.optional(),
  customerId: Id.optional(),
  supplierId: Id.optional(),
  accountId: Id.optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
});
export type SettlementListQuery = z.infer<typeof SettlementListQuery>;

/** A customer who owes the shop, or a supplier the shop owes. */
export const PartyBalance = z.object({
  partyId: Id,
  name: z.string(),
  phone: z.string(),
  owed: DecimalString,
  openBillCount: z.number().int(),
  oldestOpenBillDate: z.string().nullable(),
});
export type PartyBalance = z.infer<typeof PartyBalance>;
export const PartyBalanceQuery = ListQuery.pick({ page: true, pageSize: true, q: true });

/** A posted bill that still leaves money owed. */
export const OpenBill = z.object({
  billId: Id,
  billNo: z.string(),
  billDate: z.string(),
  billType: z.string(),
  totalAmount: DecimalString,
  paidAmount: DecimalString,
  settledAmount: DecimalString,
  outstandingAmount: DecimalString,
});
export type OpenBill = z.infer<typeof OpenBill>;
export const OpenBills = z.object({ items: z.array(OpenBill) });

/** A period; without dates, the current month up to today. */
export const PeriodQuery = z
  .object({ dateFrom: IsoDate.optional(), dateTo: IsoDate.optional() })
  .refine((q) => !q.dateFrom || !q.dateTo || q.dateFrom <= q.dateTo, { message: 'must not be before dateFrom', path: ['dateTo'] });
export const StatementLine = z.object({
  date: z.string(),
  source: z.enum(['bill', 'receipt', 'payment']),
  billId: Id.nullable(),
  documentId: Id.nullable(),
  number: z.string(),
  /** The bill type, or 收款/付款; reversals say 红冲. */
  description: z.string(),
  billed: DecimalString,
  settled: DecimalString,
  runningBalance: DecimalString,
});
/** 对账单: what the party owed before the period, each bill and settlement in it, what it owes after. */
export const Statement = z.object({
  partyKind: z.enum(['customer', 'supplier']),
  partyId: Id,
  partyName: z.string(),
  dateFrom: z.string(),
  dateTo: z.string(),
  openingBalance: DecimalString,
  totalBilled: DecimalString,
  totalSettled: DecimalString,
  closingBalance: DecimalString,
  lines: z.array(StatementLine),
});
export type Statement = z.infer<typeof Statement>;

/** The home screen's money figures. */
export const MoneySummary = z.object({
  receivableTotal: DecimalString,
  payableTotal: DecimalString.optional(),
  accountsTotal: DecimalString.optional(),
});
export type MoneySummary = z.infer<typeof MoneySummary>;

export const MoneyDrift = z.object({ record: z.string(), id: Id, problem: z.string(), expected: z.string(), actual: z.string() });
export const MoneyVerification = z.object({
  checkedParties: z.number().int(),
  checkedAccounts: z.number().int(),
  checkedDues: z.number().int(),
  checkedEntries: z.number().int(),
  drift: z.array(MoneyDrift),
});
export type MoneyVerification = z.infer<typeof MoneyVerification>;

const AgeingAmounts = {
  total: DecimalString,
  days0to30: DecimalString,
  days31to60: DecimalString,
  days61to90: DecimalString,
  over90: DecimalString,
};
/** 账龄: what each party still owes today, by the age of the bills that owe it. */
export const Ageing = z.object({
  asOf: z.string(),
  totals: z.object(AgeingAmounts),
  items: z.array(z.object({ partyId: Id, name: z.string(), ...AgeingAmounts })),
});
export type Ageing = z.infer<typeof Ageing>;

const SalesFigures = {
  billCount: z.number().int(),
  quantity: DecimalString,
  amount: DecimalString,
  costAmount: DecimalString.optional(),
  profit: DecimalString.optional(),
};
/** Sales of a period (outbound bills, less their reversals) with their cost and margin. */
export const SalesByCustomer = z.object({
  dateFrom: z.string(),
  dateTo: z.string(),
  totals: z.object(SalesFigures),
  items: z.array(z.object({ customerId: Id.nullable(), customerName: z.string().nullable(), ...SalesFigures })),
});
export type SalesByCustomer = z.infer<typeof SalesByCustomer>;
export const SalesByProduct = z.object({
  dateFrom: z.string(),
  dateTo: z.string(),
  totals: z.object(SalesFigures),
  items: z.array(z.object({ productId: Id, productName: z.string(), unit: z.string(), ...SalesFigures })),
});
export type SalesByProduct = z.infer<typeof SalesByProduct>;
