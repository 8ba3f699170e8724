import { ORDER_TAB_LABEL, ORDER_TABS, type OrderAction, type OrderStatus, type OrderTab } from '@xiaocang/domain/orders';
import type { ApiError } from '../api/client';
import { translateServerMessage } from '../api/messages';

export { ORDER_TAB_LABEL, type OrderAction, type OrderStatus, type OrderTab };
export const ORDER_TAB_KEYS = Object.keys(ORDER_TABS) as OrderTab[];

/** Which way an order's status tag leans: waiting on someone (warning), done, or ended without a sale. */
export const ORDER_STATUS_TONE: Record<OrderStatus, 'warning' | 'in' | 'danger' | 'muted'> = {
  pendingPayment: 'warning',
  paid: 'warning',
  shipped: 'in',
  completed: 'in',
  refunding: 'danger',
  refunded: 'muted',
  cancelled: 'muted',
};

/** The carriers offered when shipping; 其他 lets the merchant type one. */
export const CARRIERS = ['顺丰', '中通', '圆通', '韵达', '申通', '京东', 'EMS', '极兔', '其他'] as const;

export const REFUND_KIND_LABEL = { refundOnly: '仅退款', returnAndRefund: '退货退款' } as const;
export const PAYMENT_METHOD_LABEL = { offline: '线下收款', wechatPay: '微信支付' } as const;
/** A refund sent back through WeChat Pay, as both the merchant and the customer read it. */
export const ONLINE_REFUND_LABEL = { pending: '退款中（原路退回微信）', succeeded: '已退回微信', failed: '退款未成功' } as const;

const ORDER_ACTION_WORDS: Record<OrderAction, string> = {
  pay: '确认收款',
  shipPart: '发货',
  ship: '发货',
  confirmReceipt: '确认收货',
  cancel: '取消',
  expire: '过期关闭',
  requestRefund: '申请退款',
  approveRefund: '同意退款',
  refuseRefund: '拒绝退款',
};

/** The server's refusals of order and goods actions, in the merchant's words. */
const ORDER_MESSAGES: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [
    /This order expired and its stock has been sold since \((.*)\): give the customer their money back/s,
    (m) => `订单已过期，库存已经卖给了别人（${m[1]}），无法确认收款：请把钱退给顾客`,
  ],
  [
    /An order that is (\S+) \(\w+\) cannot be (.+)$/,
    (m) => `订单${m[1]}，不能${ORDER_ACTION_WORDS[m[2]!.trim() as OrderAction] ?? '进行此操作'}，请刷新后查看`,
  ],
  [/These goods are on orders/, () => '这件商品已经有人下过单，不能删除；不想再卖可以下架'],
  [/Unpaid orders hold (\S+) of these goods/, (m) => `未付款订单占用了 ${m[1]} 件，库存数不能少于它`],
  [/Only someone whose sales post without approval may take an order's payment/, () => '确认收款会直接记一张销售出库单，需要出库不用审核的账号'],
  [/Only the owner decides refunds/, () => '只有店主能处理退款'],
  [/You may not handle orders/, () => '店主关闭了你的出库权限，不能处理订单'],
  [/You may not change the storefront/, () => '店主关闭了你编辑商品的权限'],
  [/Only the owner sets how orders hold stock/, () => '只有店主能修改商城设置'],
];

/** What went wrong with an order or goods action, in words: the server's reason where it gave one, else the code's. */
export function orderProblem(error: ApiError): string {
  const said = error.serverMessage;
  if (said && error.code !== 'VALIDATION_FAILED') {
    for (const [pattern, render] of ORDER_MESSAGES) {
      const match = said.match(pattern);
      if (match) return render(match);
    }
    // Chinese from the server (a stock shortage names the line) is already in the merchant's words.
    if (/[\u4e00-\u9fff]/.test(said)) return translateServerMessage(said);
  }
  return error.message;
}

/** The storefront's H5 address for customers, on the server the app was loaded from. */
export function storefrontH5Link(shopId: string, origin: string): string {
  return `${origin}/#/sub/shop/home/index?shopId=${encodeURIComponent(shopId)}`;
}

/** The storefront's page inside the mini-program (for a menu, a QR code or a message card). */
export function storefrontMiniPath(shopId: string): string {
  return `sub/shop/home/index?shopId=${encodeURIComponent(shopId)}`;
}

/** Minutes left until `iso`, as words: "还剩 12 分钟", "还剩 1 小时 5 分", or null once past. */
export function timeLeft(iso: string, now: Date = new Date()): string | null {
  const minutes = Math.ceil((new Date(iso).getTime() - now.getTime()) / 60_000);
  if (Number.isNaN(minutes) || minutes <= 0) return null;
  if (minutes < 60) return `还剩 ${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `还剩 ${hours} 小时${rest ? ` ${rest} 分` : ''}`;
}
