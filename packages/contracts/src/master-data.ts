import { z } from 'zod';
import {
  DecimalString,
  Id,
  ListQuery,
  MoneyInput,
  QuantityInput,
  RequiredText,
  Status,
  Text,
  Timestamp,
  UnitPriceInput,
  updateOf,
  WebAddress,
} from './common.ts';
import { LineQuantity } from './bills.ts';
import { ProductPrice, ProductPriceInput } from './money.ts';

const Audited = { createdAt: Timestamp, updatedAt: Timestamp };

export const Category = z.object({ id: Id, name: z.string(), status: Status, ...Audited });
export type Category = z.infer<typeof Category>;
export const CreateCategoryRequest = z.object({ name: RequiredText(40), status: Status.default('active') });
export const UpdateCategoryRequest = updateOf(CreateCategoryRequest);

const OptionalCode = Text(64).transform((code) => (code === '' ? null : code)).nullable();

export const Product = z.object({
  id: Id,
  name: z.string(),
  code: z.string().nullable(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  unit: z.string(),
  specification: z.string(),
  supplierId: Id.nullable(),
  supplierName: z.string().nullable(),
  imageUrl: z.string(),
  inboundPrice: DecimalString.optional(),
  outboundPrice: DecimalString,
  warningStock: DecimalString,
  moq: DecimalString,
  packSize: DecimalString,
  isEnabled: z.boolean(),
  remarks: z.string(),
  /** Stock on hand over all stock points; absent for staff who may not see stock. */
  stockQuantity: DecimalString.optional(),
  /** What one unit in stock cost on average over all stock points (null with no stock); absent for staff who may not see costs. */
  avgCost: DecimalString.nullable().optional(),
  /** Prices at levels other than the default (零售价 is outboundPrice); a level without one sells at outboundPrice. */
  prices: z.array(ProductPrice),
  createdBy: Id.nullable(),
  ...Audited,
});
export type Product = z.infer<typeof Product>;

export const CreateProductRequest = z.object({
  name: RequiredText(80),
  code: OptionalCode.default(null),
  categoryId: Id.nullable().default(null),
  unit: RequiredText(10),
  specification: Text(80).default(''),
  supplierId: Id.nullable().default(null),
  imageUrl: WebAddress(500).default(''),
  inboundPrice: MoneyInput.default('0'),
  outboundPrice: MoneyInput.default('0'),
  warningStock: QuantityInput.default('0'),
  /** The smallest quantity the supplier sells, and the pack it comes in (0: none); purchase suggestions obey them. */
  moq: QuantityInput.default('0'),
  packSize: QuantityInput.default('0'),
  isEnabled: z.boolean().default(true),
  remarks: Text(500).default(''),
  /** Replaces the product's prices at the other levels when given. */
  prices: z.array(ProductPriceInput).max(50).optional(),
});
export type CreateProductRequest = z.input<typeof CreateProductRequest>;
/** Stock the product already has when it is entered (期初库存): posted as a 期初入库 bill with the product. */
export const OpeningStockInput = z.object({
  quantity: LineQuantity,
  /** The cost of one unit; the product's inbound price when left out. */
  unitCost: UnitPriceInput.optional(),
  /** The shop's default stock point when left out. */
  stockPointId: Id.optional(),
});
export const CreateProductWithStockRequest = CreateProductRequest.extend({ openingStock: OpeningStockInput.optional() });
export type CreateProductWithStockRequest = z.input<typeof CreateProductWithStockRequest>;
export const UpdateProductRequest = updateOf(CreateProductRequest);
export type UpdateProductRequest = z.input<typeof UpdateProductRequest>;

export const ProductCodeParams = z.object({ code: Text(64) });

export const ProductListQuery = ListQuery.omit({ status: true }).extend({
  categoryId: Id.optional(),
  supplierId: Id.optional(),
  isEnabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

const PartyFields = {
  name: RequiredText(80),
  code: OptionalCode.default(null),
  address: Text(200).default(''),
  contactPerson: Text(40).default(''),
  phone: Text(40).default(''),
  remarks: Text(500).default(''),
  status: Status.default('active'),
};
const PartyResponse = {
  id: Id,
  name: z.string(),
  code: z.string().nullable(),
  address: z.string(),
  contactPerson: z.string(),
  phone: z.string(),
  remarks: z.string(),
  status: Status,
  createdBy: Id.nullable(),
  ...Audited,
};

/** `payable`: what the shop owes the supplier (应付); `leadTimeDays`: days from ordering to the goods on the shelf. */
export const Supplier = z.object({ ...PartyResponse, leadTimeDays: z.number().int().nullable(), payable: DecimalString.optional() });
export type Supplier = z.infer<typeof Supplier>;
export const CreateSupplierRequest = z.object({ ...PartyFields, leadTimeDays: z.number().int().min(1).max(90).nullable().default(null) });
export const UpdateSupplierRequest = updateOf(CreateSupplierRequest);

export const ProductRef = z.object({ id: Id, name: z.string() });
export const Customer = z.object({
  ...PartyResponse,
  /** When not empty, the only products this customer may be sold. */
  availableProducts: z.array(ProductRef),
  /** How many months the customer has been served (代理时长), as the owner records it. */
  serviceMonths: z.number().int(),
  wechatId: z.string(),
  /** The customer's price level; null means the shop's default level. */
  priceLevelId: Id.nullable(),
  priceLevelName: z.string(),
  /** What the customer owes the shop (应收). */
  receivable: DecimalString,
});
export type Customer = z.infer<typeof Customer>;
const CustomerFields = {
  ...PartyFields,
  availableProductIds: z.array(Id).max(1000).default([]),
  serviceMonths: z.number().int().min(0).max(1200).default(0),
  wechatId: Text(40).default(''),
  priceLevelId: Id.nullable().default(null),
};
export const CreateCustomerRequest = z.object(CustomerFields);
export const UpdateCustomerRequest = updateOf(CreateCustomerRequest);

export const StockPoint = z.object({
  id: Id,
  name: z.string(),
  code: z.string().nullable(),
  address: z.string(),
  isDefault: z.boolean(),
  status: Status,
  ...Audited,
});
export type StockPoint = z.infer<typeof StockPoint>;
const StockPointFields = {
  name: RequiredText(40),
  code: OptionalCode.default(null),
  address: Text(200).default(''),
  isDefault: z.boolean().default(false),
  status: Status.default('active'),
};
export const CreateStockPointRequest = z.object(StockPointFields);
export const UpdateStockPointRequest = updateOf(CreateStockPointRequest);

const NameList = z
  .array(RequiredText(20))
  .min(1, 'must have at least one entry')
  .max(50)
  .refine((names) => new Set(names).size === names.length, 'must not repeat a name');
export const ShopConfig = z.object({ inboundTypes: z.array(z.string()), outboundTypes: z.array(z.string()), units: z.array(z.string()) });
export type ShopConfig = z.infer<typeof ShopConfig>;
export const UpdateShopConfigRequest = z.object({ inboundTypes: NameList, outboundTypes: NameList, units: NameList }).partial();
