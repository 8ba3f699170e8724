/** Chinese labels for the server's codes. */
import { BILL_STATUS_LABEL, STAFF_PERMISSION_KEYS, type BillStatus, type StaffPermissionKey } from '@xiaocang/domain/rules';

export type { BillStatus };
export { BILL_STATUS_LABEL };
export type Direction = 'in' | 'out';

export const BILL_STATUS_TONE: Record<BillStatus, 'default' | 'primary' | 'warning' | 'danger' | 'success'> = {
  draft: 'default',
  pending: 'warning',
  confirmed: 'success',
  rejected: 'danger',
  reversed: 'default',
};

/**
 * What a bill's tag says: its status, or 红冲 for a reversal, which is a bill of its own that undoes
 * another (the bill it undoes says 已红冲).
 */
export type BillMark = BillStatus | 'reversal';

export const BILL_MARK_LABEL: Record<BillMark, string> = { ...BILL_STATUS_LABEL, reversal: '红冲' };
export const BILL_MARK_TONE: Record<BillMark, (typeof BILL_STATUS_TONE)[BillStatus]> = { ...BILL_STATUS_TONE, reversal: 'danger' };

export const billMark = (bill: { status: BillStatus; kind: string }): BillMark => (bill.kind === 'reversal' ? 'reversal' : bill.status);

export const DIRECTION_LABEL: Record<Direction, string> = { in: '入库', out: '出库' };

/** Each staff switch explained for a shop owner who has never seen an ERP; a new switch in the domain must be explained here. */
const SWITCH_TEXT: Record<StaffPermissionKey, { title: string; help: string }> = {
  disableInbound: { title: '禁止入库', help: '员工不能开入库单（进货、退货入库等）。' },
  disableOutbound: { title: '禁止出库', help: '员工不能开出库单（销售、领用等）。' },
  adminApproval: { title: '单据需店主审核', help: '员工确认的单据先进入“待审核”，店主通过后才改动库存。' },
  hideInboundPrice: { title: '隐藏进价与成本', help: '员工看不到进货价、成本、库存金额和利润。' },
  ownRecordsOnly: { title: '只看自己的单据', help: '员工只能看到自己开的单据。' },
  hideInventory: { title: '隐藏库存数量', help: '员工看不到每个商品还剩多少库存。' },
  disableProductEdit: { title: '禁止编辑商品和往来单位', help: '员工不能新增、修改或删除商品、分类、供应商和客户，开单时照常选用。' },
  disableStockPoint: { title: '禁止管理库存点', help: '员工不能新增或修改仓库（库存点），开单时只能用默认库存点。' },
};

/** The staff switches in the domain's order. */
export const STAFF_SWITCHES = STAFF_PERMISSION_KEYS.map((key) => ({ key, ...SWITCH_TEXT[key] }));
