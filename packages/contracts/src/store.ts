import { LIMITS, ORDER_STATUSES, ORDER_TABS, PASSWORD_MAX_LENGTH } from '@xiaocang/domain';
import { z } from 'zod';
import { Password } from './auth.ts';
import { PrintQuery } from './shares.ts';
import { DecimalString, decimalInput, Id, listOf, MoneyInput, Page, PageSize, RequiredText, Text, Timestamp, updateOf, WebAddress } from './common.ts';

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
export const MobileNumber = Text(20).refine((text) => MAINLAND_MOBILE.test(text), 'must be an 11-digit mobile number');
const OrderQuantity = decimalInput({ places: 3, max: LIMITS.lineQuantity, nonZero: true });

// ---- The merchant's goods (商品), linked to a warehouse product or keeping a count of their own. ----

export const GoodsInput = z.object({
  /** The warehouse product whose stock (at the default stock point, less what orders hold) the goods sell; null keeps a count of its own. */
  productId: Id.nullable().default(null),
  title: RequiredText(100),
  price: MoneyInput,
  images: z.array(WebAddress(500).refine((text) => text !== '', 'is required')).max(9, 'at most 9 images').default([]),
  description: Text(2000).default(''),
  onShelf: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(1_000_000).default(0),
  /** The most one order may take ("0": no cap beyond the shop's). */
  maxPerOrder: decimalInput({ places: 3, max: LIMITS.lineQuantity }).default('0'),
  /** Goods not linked to a product: how many there are to sell. */
  ownStock: decimalInput({ places: 3, max: LIMITS.balanceQuantity }).default('0'),
});
export type GoodsInput = z.infer<typeof GoodsInput>;
export const UpdateGoodsRequest = updateOf(GoodsInput);

export const Goods = z.object({
  id: Id,
  productId: Id.nullable(),
  productName: z.string().nullable(),
  title: z.string(),
  price: DecimalString,
  images: z.array(z.string()),
  description: z.string(),
  onShelf: z.boolean(),
  sortOrder: z.number().int(),
  maxPerOrder: DecimalString,
  /** What can be sold now: the product's stock at the selling stock point (or the goods' own count) less what unpaid orders hold. */
  availableQuantity: DecimalString,
  /** What unpaid orders hold. */
  reservedQuantity: DecimalString,
  updatedAt: Timestamp,
});
export type Goods = z.infer<typeof Goods>;
export const GoodsListQuery = z.object({ page: Page, pageSize: PageSize, q: Text(100).optional(), onShelf: z.enum(['true', 'false']).optional() });
export const GoodsList = listOf(Goods);

/** Each goods item against its warehouse stock, read live: what the storefront can sell, and what looks wrong (first). */
export const GoodsStatus = z.object({
  items: z.array(
    z.object({
      goodsId: Id,
      title: z.string(),
      productName: z.string().nullable(),
      onShelf: z.boolean(),
      stockQuantity: DecimalString,
      reservedQuantity: DecimalString,
      availableQuantity: DecimalString,
      /** In words: 在架但无货, 预留超过库存, 未关联仓库商品…; null when all is well. */
      problem: z.string().nullable(),
    }),
  ),
});
export type GoodsStatus = z.infer<typeof GoodsStatus>;

export const StoreSettings = z.object({
  /** Minutes an unpaid order holds its stock. */
  orderExpiryMinutes: z.number().int(),
  /** The most one customer's unpaid orders may hold in all ("0": no cap). */
  customerHoldCap: DecimalString,
  /** The shop's WeChat Pay sub-merchant number (特约商户号); null: not set. */
  wechatPaySubMchid: z.string().nullable(),
  /** The payment account WeChat Pay money is received into; null: the shop's first active 微信 account. */
  wechatPayAccountId: Id.nullable(),
  /** Whether customers can pay in the mini-program now, and why not when they cannot (in words). */
  wechatPayEnabled: z.boolean(),
  wechatPayOff: z.string().nullable(),
});
export type StoreSettings = z.infer<typeof StoreSettings>;
export const StoreSettingsInput = z.object({
  orderExpiryMinutes: z.number().int().min(5).max(7 * 24 * 60),
  customerHoldCap: decimalInput({ places: 3, max: LIMITS.balanceQuantity }),
  /** Left out: unchanged; "" clears it. */
  wechatPaySubMchid: z.string().trim().regex(/^(\d{8,12})?$/, 'is 8 to 12 digits (微信支付特约商户号)').optional(),
  wechatPayAccountId: Id.nullable().optional(),
});

// ---- Orders ----

export const OrderStatus = z.enum(ORDER_STATUSES);
export const OrderTab = z.enum(Object.keys(ORDER_TABS) as [keyof typeof ORDER_TABS, ...Array<keyof typeof ORDER_TABS>]);
export const RefundKind = z.enum(['refundOnly', 'returnAndRefund']);
export const PaymentMethod = z.enum(['offline', 'wechatPay']);
export const OnlineRefundStatus = z.enum(['pending', 'succeeded', 'failed']);
export const ShippingProgress = z.enum(['none', 'partial', 'full']);

export const Address = z.object({ name: RequiredText(50), phone: MobileNumber, region: RequiredText(100), detail: RequiredText(200) });
export type Address = z.infer<typeof Address>;
export const SavedAddress = Address.extend({ id: Id, isDefault: z.boolean() });
export const AddressInput = Address.extend({ isDefault: z.boolean().default(false) });
export const AddressList = z.object({ items: z.array(SavedAddress) });

export const Order = z.object({
  id: Id,
  orderNo: z.string(),
  status: OrderStatus,
  customerId: Id,
  customerName: z.string(),
  customerPhone: z.string(),
  totalAmount: DecimalString,
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      goodsId: Id,
      title: z.string(),
      unitPrice: DecimalString,
      quantity: DecimalString,
      amount: DecimalString,
      /** What the order's shipments have sent of this line, and what is still to send. */
      shippedQuantity: DecimalString,
      remainingQuantity: DecimalString,
    }),
  ),
  /** none: nothing sent yet; partial: some sent, the order still 待发货 (部分发货); full: everything sent. */
  shipping: ShippingProgress,
  address: Address,
  note: z.string(),
  createdAt: Timestamp,
  /** Until when an unpaid order holds its stock. */
  expiresAt: Timestamp,
  paidAt: Timestamp.nullable(),
  /** The sale bill that took the stock when it was paid, and the reversal that returned it when refunded. */
  billId: Id.nullable(),
  refundBillId: Id.nullable(),
  shipments: z.array(
    z.object({
      id: Id,
      carrier: z.string(),
      trackingNo: z.string(),
      createdAt: Timestamp,
      lines: z.array(z.object({ lineNo: z.number().int(), title: z.string(), quantity: DecimalString })),
      /** Telling WeChat of the parcel (orders paid with WeChat Pay only; null otherwise), and why it failed. */
      wechatUpload: z.enum(['pending', 'uploaded', 'failed']).nullable(),
      wechatUploadError: z.string().nullable(),
    }),
  ),
  refund: z
    .object({ kind: RefundKind, reason: z.string(), returnTrackingNo: z.string(), requestedAt: Timestamp, resolvedAt: Timestamp.nullable(), refusal: z.string().nullable() })
    .nullable(),
  cancelReason: z.string().nullable(),
  completedAt: Timestamp.nullable(),
  /** How it was paid: taken by the merchant (offline) or by WeChat Pay, with WeChat's transaction id. */
  paymentMethod: PaymentMethod.nullable(),
  transactionId: z.string().nullable(),
  /** A payment that came but could not be taken as it was (another amount, stock gone after expiry), in words. */
  paymentProblem: z.string().nullable(),
  /** The money sent back through WeChat Pay, latest first: pending until WeChat Pay says it went through or failed. */
  onlineRefunds: z.array(z.object({ outRefundNo: z.string(), amount: DecimalString, status: OnlineRefundStatus, createdAt: Timestamp, resolvedAt: Timestamp.nullable() })),
});
export type Order = z.infer<typeof Order>;
export const OrderListQuery = z.object({ page: Page, pageSize: PageSize, tab: OrderTab.optional() });
export const OrderList = listOf(Order).extend({ tabCounts: z.record(OrderTab, z.number().int()) });
export type OrderList = z.infer<typeof OrderList>;

export const PlaceOrderRequest = z.object({
  lines: z
    .array(z.object({ goodsId: Id, quantity: OrderQuantity, /** The price the customer saw: an order at another price is refused, never repriced. */ unitPrice: MoneyInput }))
    .min(1, 'an order needs at least one line')
    .max(50, 'at most 50 lines'),
  addressId: Id,
  note: Text(200).default(''),
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

export const MarkPaidRequest = z.object({ paymentAccountId: Id });
export const ShipRequest = z.object({
  carrier: RequiredText(30),
  trackingNo: RequiredText(40).regex(/^[A-Za-z0-9-]+$/, 'may contain letters, digits and - only'),
  /** What this shipment sends, by the order's line numbers; left out: everything not yet sent. */
  lines: z
    .array(z.object({ lineNo: z.number().int().min(1).max(1000), quantity: OrderQuantity }))
    .min(1, 'a shipment sends at least one line')
    .max(50, 'at most 50 lines')
    .optional(),
});
export type ShipRequest = z.infer<typeof ShipRequest>;
/** A packing slip of the whole order, or of one of its shipments; as a PDF also the paper (a4, 58 or 80 mm). */
export const PackingSlipImageQuery = z.object({ shipmentId: Id.optional() });
export const PackingSlipQuery = PrintQuery.extend(PackingSlipImageQuery.shape);
export const ReasonRequest = z.object({ reason: RequiredText(200) });
export const RefundRequest = z.object({ kind: RefundKind, reason: RequiredText(200), returnTrackingNo: Text(40).default('') });

// ---- The customer's side ----

export const StoreInfo = z.object({
  shopId: Id,
  shopName: z.string(),
  wechatSignIn: z.boolean(),
  /** Whether orders can be paid with WeChat Pay in the mini-program. */
  wechatPay: z.boolean(),
});
/** What the mini-program passes to wx.requestPayment, signed by the server. */
export const WechatPayParams = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type WechatPayParams = z.infer<typeof WechatPayParams>;
export const CustomerRegisterRequest = z.object({ phone: MobileNumber, password: Password, name: RequiredText(50) });
export const CustomerLoginRequest = z.object({ phone: MobileNumber, password: z.string().min(1, 'is required').max(PASSWORD_MAX_LENGTH) });
export const CustomerSession = z.object({ token: z.string(), customer: z.object({ id: Id, name: z.string(), phone: z.string() }), shopName: z.string() });
export type CustomerSession = z.infer<typeof CustomerSession>;
export const StoreParams = z.object({ shopId: z.string() });
export const StoreItemParams = z.object({ shopId: z.string(), id: z.string() });

export const StoreGoods = z.object({
  id: Id,
  title: z.string(),
  price: DecimalString,
  images: z.array(z.string()),
  description: z.string(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  availableQuantity: DecimalString,
  maxPerOrder: DecimalString,
});
export type StoreGoods = z.infer<typeof StoreGoods>;
export const StoreGoodsQuery = z.object({ page: Page, pageSize: PageSize, q: Text(100).optional(), categoryId: Id.optional() });
export const StoreGoodsList = listOf(StoreGoods).extend({ categories: z.array(z.object({ id: Id, name: z.string() })) });
