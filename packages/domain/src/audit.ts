/** One field of a record as it was before and after a change, both shown as text (null: not set). */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** Bookkeeping fields that change on every write and say nothing about what a person changed. */
const NOT_CHANGES = new Set(['id', 'createdAt', 'updatedAt', 'version']);
/** Secrets never enter the trail, not even hashed. */
const SECRET = /password|secret|token/i;

function shownValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The fields a change altered, in the order the record lists them, for the audit trail. A record created has
 * `before` null: every field it was given is a change from nothing.
 */
export function fieldChanges(before: object | null, after: object): FieldChange[] {
  const old = (before ?? {}) as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(old), ...Object.keys(now)])];
  return fields.flatMap((field) => {
    if (NOT_CHANGES.has(field) || SECRET.test(field)) return [];
    const change = { field, before: shownValue(old[field]), after: shownValue(now[field]) };
    // A field created empty is nothing to show.
    const unchanged = change.before === change.after || (before === null && change.after === '');
    return unchanged ? [] : [change];
  });
}

/** The words the trail uses for what was done, for the owner's viewer and exports. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  import: '导入',
  submit: '提交审核',
  approve: '审核通过',
  reject: '驳回',
  confirm: '确认过账',
  withdraw: '撤回',
  reopen: '重新编辑',
  reverse: '冲红',
  share: '分享',
  unshare: '取消分享',
  register: '注册店铺',
  'reset-password': '重置密码',
  'change-password': '修改密码',
  'logout-everywhere': '退出所有设备',
  'wechat.bind': '绑定微信',
  'wechat.unbind': '解绑微信',
  'warningRules.set': '设置预警规则',
  'warningRules.remove': '删除预警规则',
  'warningRecipients.set': '设置预警接收人',
  'notificationPreferences.update': '修改通知设置',
  'delivery.retry': '重发通知',
};

/** The words for the kinds of record in the trail; the viewer filters by these. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  product: '商品',
  category: '分类',
  supplier: '供应商',
  customer: '客户',
  'stock-point': '仓库',
  'price-level': '价格等级',
  'payment-account': '收付款账户',
  bill: '单据',
  receipt: '收款单',
  payment: '付款单',
  stocktake: '盘点',
  transfer: '调拨',
  staff: '员工',
  shop: '店铺',
  config: '店铺设置',
  storeSettings: '商城设置',
  goods: '商城商品',
  user: '账号',
  users: '账号',
  'warningRules.shop': '预警规则',
  'warningRules.category': '预警规则',
  'warningRules.product': '预警规则',
  notification_deliveries: '通知',
};

/** A change or action in words, falling back to the stored name for one added later. */
export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;
export const auditEntityLabel = (entity: string): string => AUDIT_ENTITY_LABELS[entity] ?? entity;

/** The words for the fields people change most; any other field shows by its own name. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  code: '编码',
  barcode: '条码',
  unit: '单位',
  specification: '规格',
  categoryName: '分类',
  supplierName: '供应商',
  customerName: '客户',
  inboundPrice: '进货价',
  outboundPrice: '零售价',
  warningStock: '预警库存',
  imageUrl: '图片',
  remarks: '备注',
  status: '状态',
  phone: '电话',
  address: '地址',
  realName: '姓名',
  username: '账号',
  permissionOverrides: '权限',
  staffPermissions: '员工权限',
  allowNegativeStock: '允许负库存',
  billType: '单据类型',
  billDate: '单据日期',
  stockPointName: '库存点',
  paidAmount: '已付金额',
  paymentAccountName: '收付款账户',
  lines: '明细',
  title: '标题',
  price: '价格',
  onShelf: '上架',
  orderExpiryMinutes: '未付款保留分钟',
  customerHoldCap: '每位客户占用上限',
  inboundTypes: '入库类型',
  outboundTypes: '出库类型',
  units: '单位',
  reason: '原因',
  moq: '起订量',
  packSize: '每包数量',
  isEnabled: '启用',
  isDefault: '默认',
  categoryId: '分类',
  supplierId: '供应商',
  customerId: '客户',
  priceLevelId: '价格等级',
  leadTimeDays: '到货天数',
  contactPerson: '联系人',
  wechatId: '微信号',
  serviceMonths: '代理时长（月）',
  prices: '等级价格',
  openingStock: '期初库存',
  availableProductIds: '可购商品',
  images: '图片',
  description: '描述',
  ownStock: '自有库存',
  productId: '关联商品',
  sortOrder: '排序',
  maxPerOrder: '每单限购',
  lowStockThreshold: '库存下限',
  coverDays: '可售天数下限',
  rateWindowDays: '统计天数',
  spikeFactor: '激增倍数',
  staleDays: '滞销天数',
  showPrices: '显示价格',
};
export const auditFieldLabel = (field: string): string => AUDIT_FIELD_LABELS[field] ?? field;
