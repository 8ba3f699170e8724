/**
 * The one state machine of a storefront order, read by the server and the app alike.
 * pendingPayment → paid (stock deducted by a sale bill) → shipped → completed; an unpaid order is cancelled by
 * the customer, the merchant or its expiry (its reservation released); a paid order may ask for a refund
 * (refunding), which the merchant approves (refunded: the sale reversed, stock back at the cost it left with)
 * or refuses (back where it was).
 */
export const ORDER_STATUSES = ['pendingPayment', 'paid', 'shipped', 'completed', 'refunding', 'refunded', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  pendingPayment: '待付款',
  paid: '待发货',
  shipped: '待收货',
  completed: '已完成',
  refunding: '售后中',
  refunded: '已退款',
  cancelled: '已取消',
};

export type OrderAction = 'pay' | 'shipPart' | 'ship' | 'confirmReceipt' | 'cancel' | 'expire' | 'requestRefund' | 'approveRefund' | 'refuseRefund';

/** Which action takes which status where; `refuseRefund` returns to the status the refund was asked from. */
const TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus | 'previous' }> = {
  // A payment that comes after the order expired is still taken when the stock can be reserved again.
  pay: { from: ['pendingPayment', 'cancelled'], to: 'paid' },
  // Every shipment is one of these two (see `shipmentAction`).
  shipPart: { from: ['paid'], to: 'paid' },
  ship: { from: ['paid'], to: 'shipped' },
  confirmReceipt: { from: ['shipped'], to: 'completed' },
  cancel: { from: ['pendingPayment'], to: 'cancelled' },
  expire: { from: ['pendingPayment'], to: 'cancelled' },
  requestRefund: { from: ['paid', 'shipped', 'completed'], to: 'refunding' },
  approveRefund: { from: ['refunding'], to: 'refunded' },
  refuseRefund: { from: ['refunding'], to: 'previous' },
};

/** The status an action leads to from `status`, or null when the action does not apply there. */
export function orderTransition(status: OrderStatus, action: OrderAction, previous?: OrderStatus): OrderStatus | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) return null;
  return rule.to === 'previous' ? (previous ?? null) : rule.to;
}

/** The actions open to an order in `status` (the app shows only these buttons). */
export function orderActions(status: OrderStatus): OrderAction[] {
  return (Object.keys(TRANSITIONS) as OrderAction[]).filter((action) => TRANSITIONS[action].from.includes(status));
}

/**
 * How far an order's lines have been sent. Shipping may be split: each shipment sends some lines or part of a
 * line, and the order stays paid (待发货, shown as 部分发货 once something has left) until nothing remains.
 */
export type ShippingProgress = 'none' | 'partial' | 'full';

/** The action a shipment is: the one that sends the last of the order moves it to shipped, an earlier one keeps it paid. */
export function shipmentAction(nothingRemainsAfter: boolean): 'ship' | 'shipPart' {
  return nothingRemainsAfter ? 'ship' : 'shipPart';
}

/** The status in words, with a partly shipped order's 部分发货. */
export function orderStatusLabel(status: OrderStatus, shipping: ShippingProgress): string {
  return status === 'paid' && shipping === 'partial' ? '部分发货' : ORDER_STATUS_LABEL[status];
}

export type RefundKind = 'refundOnly' | 'returnAndRefund';

/**
 * Whether an approved refund brings the stock back (the sale bill reversed whole): when nothing was sent, or
 * when the goods are sent back. A refund of money alone for goods the customer keeps moves no stock.
 */
export function refundReturnsStock(kind: RefundKind, shipping: ShippingProgress): boolean {
  return kind === 'returnAndRefund' || shipping === 'none';
}

/**
 * What is wrong with a refund request given what has been sent, or null. A partly shipped order is refunded
 * whole with the sent part sent back (退货退款): money alone would leave the unsent goods counted as sold while
 * they are still on the shelf, and the sale bill is reversed only whole. Whatever was sent comes back with a
 * tracking number.
 */
export function refundRequestProblem(kind: RefundKind, shipping: ShippingProgress, returnTrackingNo: string): { field: string; message: string } | null {
  if (kind === 'refundOnly' && shipping === 'partial') return { field: 'kind', message: 'part of the order has been sent: ask for 退货退款 and send that part back' };
  if (kind === 'returnAndRefund' && shipping !== 'none' && !returnTrackingNo) return { field: 'returnTrackingNo', message: 'is required when the goods are sent back' };
  return null;
}

/** The order list's tabs (seed 001: 待付款/待发货/待收货/已完成/售后) and the statuses each shows. */
export const ORDER_TABS = {
  pendingPayment: ['pendingPayment'],
  toShip: ['paid'],
  toReceive: ['shipped'],
  completed: ['completed'],
  afterSale: ['refunding', 'refunded'],
  cancelled: ['cancelled'],
} as const satisfies Record<string, readonly OrderStatus[]>;
export type OrderTab = keyof typeof ORDER_TABS;
export const ORDER_TAB_LABEL: Record<OrderTab, string> = {
  pendingPayment: '待付款',
  toShip: '待发货',
  toReceive: '待收货',
  completed: '已完成',
  afterSale: '售后',
  cancelled: '已取消',
};
