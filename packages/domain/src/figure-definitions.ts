/*
 * What each figure means, in the words the shop owner reads when tapping it (zh-CN). The rules themselves
 * are in figures.ts and low-stock.ts; the README says the same in English. No imports: the app bundles
 * this file as it is.
 */

export type FigureKey =
  | 'todayInbound'
  | 'todayOutbound'
  | 'salesAmount'
  | 'salesCost'
  | 'grossMargin'
  | 'purchaseAmount'
  | 'stockGain'
  | 'stockLoss'
  | 'writeOff'
  | 'stockAdjustment'
  | 'internalUse'
  | 'lowStock';

export const FIGURE_DEFINITIONS: Readonly<Record<FigureKey, { label: string; text: string }>> = {
  todayInbound: {
    label: '今日入库',
    text: '今天日期的已确认入库单（采购、退货、盘盈等）的张数和单上金额。调拨不算；被红冲的单据和红冲单互相抵消，都不算。',
  },
  todayOutbound: {
    label: '今日出库',
    text: '今天日期的已确认出库单（销售、领用、报损、盘亏等）的张数和单上的售价金额。调拨不算；被红冲的单据和红冲单互相抵消，都不算。盘亏单没有售价，金额按 0 计。',
  },
  salesAmount: {
    label: '销售额',
    text: '销售出库单上的金额（数量 × 售价）之和。领用、报损、盘亏、其他出库都不是销售，不计入。',
  },
  salesCost: {
    label: '销售成本',
    text: '卖出的商品按移动加权平均成本计算的成本之和。',
  },
  grossMargin: {
    label: '毛利',
    text: '毛利 = 销售额 − 销售成本，只来自销售。盘盈、盘亏、报损、领用不计入毛利，另见“库存损益”和“领用”。',
  },
  purchaseAmount: {
    label: '进货额',
    text: '采购入库单上的金额（数量 × 进价）之和。盘盈、退货入库、其他入库、调拨都不是进货。',
  },
  stockGain: {
    label: '盘盈',
    text: '盘点时实盘多于账面的部分，按当时的平均成本计价。',
  },
  stockLoss: {
    label: '盘亏',
    text: '盘点时实盘少于账面的部分，按平均成本计价。',
  },
  writeOff: {
    label: '报损',
    text: '报损出库的商品（损坏、过期等），按平均成本计价。',
  },
  stockAdjustment: {
    label: '库存损益',
    text: '库存损益 = 盘盈 − 盘亏 − 报损，按成本计。负数表示本月库存调整造成的损失，和毛利分开显示。',
  },
  internalUse: {
    label: '领用',
    text: '领用出库的商品（样品、赠品、自用等），按平均成本计价。不是销售，也不算损耗。',
  },
  lowStock: {
    label: '库存预警',
    text: '商品在所有库存点的合计库存 ≤ 预警库存时提醒。预警库存为 0 表示不设预警，这样的商品不提醒。',
  },
};
