/** The server speaks English in messages; the shop owner reads Chinese. */

const CODE_MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: '填写的内容有误，请检查标红的项',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '记录不存在或已被删除',
  CONFLICT: '操作冲突，请刷新后重试',
  DUPLICATE: '已存在相同的记录',
  INVALID_STATE: '单据当前状态不允许此操作',
  INSUFFICIENT_STOCK: '库存不足',
  STALE_STOCKTAKE: '盘点后库存已有变动，请驳回后重新盘点',
  IDEMPOTENCY_KEY_REUSED: '请求重复，请刷新后重试',
  TOO_MANY_REQUESTS: '操作太频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '内容太大',
  INTERNAL: '服务器开小差了，请稍后重试',
  DATA_DAMAGED: '账本数据已损坏，为免出错已暂停服务。请按服务器窗口中的提示从最近的备份恢复',
  NETWORK: '网络不通，请检查网络后重试',
};

export function messageForCode(code: string, fallback: string): string {
  return CODE_MESSAGES[code] ?? fallback;
}

const MESSAGE_PATTERNS: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/wrong username or password/i, () => '账号或密码错误，或账号已停用'],
  [/^is required$/i, () => '必填'],
  [/must be at least (\d+) characters/i, (m) => `至少 ${m[1]} 个字符`],
  [/must be at most (\d+) characters/i, (m) => `最多 ${m[1]} 个字符`],
  [/must be a number with at most (\d+) decimals/i, (m) => `请输入数字，最多 ${m[1]} 位小数`],
  [/must be between (\S+) and (\S+)/i, (m) => `应在 ${m[1]} 到 ${m[2]} 之间`],
  [/must not be zero/i, () => '不能为 0'],
  [/must be a number/i, () => '请输入数字'],
  [/must be a date/i, () => '请选择日期'],
  [/may contain letters, digits/i, () => '只能包含字母、数字和 _ . @ -'],
  [/already (exists|taken|in use)/i, () => '已被占用'],
  [/must not repeat/i, () => '不能重复'],
  [/must have at least one/i, () => '至少保留一项'],
  [/must not contain control characters/i, () => '不能包含换行等特殊字符'],
  [/too easy to guess: one character or a short group repeated/i, () => '太简单了：不要全是同一个字符或重复的几位'],
  [/too easy to guess: a straight run/i, () => '太简单了：不要用 12345678、abcdefgh 这样的连续字符'],
  [/too easy to guess: one of the most common/i, () => '这个密码太常见，容易被猜到，请换一个'],
  [/is not your current password/i, () => '当前密码不对'],
  [/must differ from the current password/i, () => '新密码不能和当前密码一样'],
  [/is not a known field/i, () => '不支持的字段'],
  [/exceeds the (\S+) .*overpayment is not accepted/i, (m) => `超过未结金额 ¥${m[1]}，不接受多付`],
  [/must not exceed the bill's total of (\S+)/i, (m) => `不能超过本单合计 ¥${m[1]}`],
  [/must be the whole total of (\S+) or nothing/i, (m) => `未选往来单位时须全额 ¥${m[1]} 或不填`],
  [/is required when something is paid/i, () => '有收付款时请选择账户'],
  [/^(.+) is not among the products this customer may buy/i, (m) => `${m[1]} 不在该客户的可购商品中`],
  [/belongs to another (customer|supplier)/i, () => '属于其他往来单位'],
  [/must equal the sum of the allocations \((\S+)\)/i, (m) => `须等于所选单据合计 ¥${m[1]}`],
  [/must be more than zero/i, () => '须大于 0'],
  [/must be an email address/i, () => '请输入正确的邮箱地址'],
  [/must be an 11-digit mobile number/i, () => '请输入 11 位手机号'],
  [/must be a whole number of days/i, () => '请输入整数天数'],
  [/must be 0 \(off\) or at least (\S+)/i, (m) => `填 0（关闭）或不小于 ${m[1]}`],
  [/too small: expected number to be >=\s*(\S+)/i, (m) => `不能小于 ${m[1]}`],
  [/too big: expected number to be <=\s*(\S+)/i, (m) => `不能大于 ${m[1]}`],
  [/is switched off/i, () => '已停用'],
  // The storefront's refusals of an order line.
  [/is not the price: 「(.+)」 now costs ¥(\S+)/i, (m) => `「${m[1]}」现价 ¥${m[2]}，价格已变`],
  [/is not for sale/i, () => '已下架或不再出售'],
  [/is more than one order may take of 「(.+)」 \((\S+)\)/i, (m) => `「${m[1]}」每单最多买 ${Number(m[2])}`],
  [/together with your unpaid orders this is more than one customer may hold \((\S+)\)/i, (m) => `加上未付款的订单，超过了每位顾客可占的 ${Number(m[1])} 件：请先付款或取消那些订单`],
  // A shipment's refusals, by line.
  [/only (\S+) of line \d+ remains to send/i, (m) => `只剩 ${Number(m[1])} 待发`],
  [/the order has no line (\d+)/i, (m) => `订单没有第 ${m[1]} 行`],
  [/line (\d+) is named twice/i, (m) => `第 ${m[1]} 行重复`],
  [/nothing of this order remains to send/i, () => '这个订单已全部发出'],
  [/part of the order has been sent: ask for 退货退款/i, () => '部分商品已发出，请选退货退款并把收到的商品寄回'],
  [/wrong phone number or password/i, () => '手机号或密码错误'],
  [/already has an account here/i, () => '这个手机号已注册，请直接登录'],
  [/is already registered/i, () => '已注册，请直接登录'],
  [/please sign in to the shop/i, () => '请先登录'],
];

/** Translates a field or sign-in message when we know its pattern, else keeps the server's words. */
export function translateServerMessage(message: string): string {
  for (const [pattern, render] of MESSAGE_PATTERNS) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return message;
}
