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

const FIELD_PATTERNS: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
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
];

/** Translates a field message when we know its pattern, else keeps the server's words. */
export function translateFieldMessage(message: string): string {
  for (const [pattern, render] of FIELD_PATTERNS) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return message;
}
