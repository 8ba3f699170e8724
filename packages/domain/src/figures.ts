import type { BillDirection } from './bill-number.ts';
import { moneyText, moneyUnits } from './units.ts';

/*
 * The shop's figures, defined once. Every screen and report that shows 销售额, 销售成本, 毛利, 进货,
 * 盘盈, 盘亏, 报损 or 领用 gets them from `figuresOf`, over totals per bill type that the server keeps
 * (or sums from the ledger): what a bill contributes depends on its direction and its bill type.
 * The words the shop owner reads for each figure are in figure-definitions.ts.
 */

/** What a bill is for the figures. Transfers move stock inside the shop and are none of these. */
export type FigureRole = 'sale' | 'purchase' | 'stockGain' | 'stockLoss' | 'writeOff' | 'internalUse' | 'otherInbound' | 'otherOutbound';

/**
 * The bill types every shop starts with, in the order the shop sees them, and their roles.
 * Stocktakes post their differences as 盘盈入库 and 盘亏出库.
 */
export const DEFAULT_BILL_TYPES: Readonly<Record<BillDirection, ReadonlyArray<readonly [string, FigureRole]>>> = {
  in: [
    ['采购入库', 'purchase'],
    ['退货入库', 'otherInbound'],
    ['盘盈入库', 'stockGain'],
    ['调拨入库', 'otherInbound'],
    ['其他入库', 'otherInbound'],
    ['期初入库', 'otherInbound'],
  ],
  out: [
    ['销售出库', 'sale'],
    ['领用出库', 'internalUse'],
    ['报损出库', 'writeOff'],
    ['盘亏出库', 'stockLoss'],
    ['调拨出库', 'otherOutbound'],
    ['其他出库', 'otherOutbound'],
  ],
};

export const STOCKTAKE_GAIN_TYPE = '盘盈入库';
/** A product entered with stock it already has (期初库存) gets it by a bill of this type. */
export const OPENING_STOCK_TYPE = '期初入库';
export const STOCKTAKE_LOSS_TYPE = '盘亏出库';

/**
 * Types a shop adds are read by their words, first match wins; what matches nothing is a sale (outbound)
 * or a purchase (inbound), which is what shops mostly add (微信销售, 批发出库, 进货).
 * A return (退) is never a sale or a purchase: undoing a sale is a reversal (红冲).
 */
const ROLE_BY_WORDS: Readonly<Record<BillDirection, ReadonlyArray<readonly [RegExp, FigureRole]>>> = {
  in: [
    [/退/, 'otherInbound'],
    [/盘盈/, 'stockGain'],
    [/调拨|其他|期初/, 'otherInbound'],
  ],
  out: [
    [/退/, 'otherOutbound'],
    [/盘亏/, 'stockLoss'],
    [/报损|损耗|报废/, 'writeOff'],
    [/领用|自用|赠|样品/, 'internalUse'],
    [/调拨|其他/, 'otherOutbound'],
  ],
};

export function figureRole(direction: BillDirection, billType: string): FigureRole {
  const known = DEFAULT_BILL_TYPES[direction].find(([name]) => name === billType);
  if (known) return known[1];
  const matched = ROLE_BY_WORDS[direction].find(([words]) => words.test(billType));
  if (matched) return matched[1];
  return direction === 'in' ? 'purchase' : 'sale';
}

/**
 * How a bill is valued where it is listed: at what it states ('price': sales, purchases, other movements),
 * or at its cost ('cost'): stock adjustments and internal use move stock at its moving-average cost and
 * state no sales price of their own (a stocktake's loss carries none), and a transfer moves stock at cost.
 */
export function billValuation(bill: { direction: BillDirection; billType: string; transferPeerId: string | null }): 'price' | 'cost' {
  if (bill.transferPeerId !== null) return 'cost';
  const role = figureRole(bill.direction, bill.billType);
  return role === 'stockGain' || role === 'stockLoss' || role === 'writeOff' || role === 'internalUse' ? 'cost' : 'price';
}

/**
 * What the standing bills of one direction and bill type add up to in a period (money as decimal text).
 * A bill stands once posted until it is reversed. A reversal (红冲) cancels its bill exactly (the same
 * amounts at the same cost, negated), so a reversed bill and its reversal count as nothing, in the month
 * and for the person of the bill they undo. Drafts, pending and rejected bills moved no stock; transfers
 * move it inside the shop and stay out of every figure.
 */
export interface BillTypeTotals {
  direction: BillDirection;
  billType: string;
  /** What the bills state: quantity × the price on each line. */
  amount: string;
  /** The stock value they moved: what receipts added, the cost of goods that issues took. */
  cost: string;
  billCount: number;
}

export interface Figures {
  /** 销售额: what sales bills state. */
  salesAmount: string;
  /** 销售成本: the moving-average cost of the goods those sales took. */
  salesCost: string;
  /** 毛利 = 销售额 − 销售成本. */
  grossMargin: string;
  salesCount: number;
  /** 进货: what purchase bills state. Never a 盘盈. */
  purchaseAmount: string;
  purchaseCount: number;
  /** 盘盈: stock found in a stocktake, at the average cost. */
  stockGain: string;
  /** 盘亏: stock missing in a stocktake, at cost. */
  stockLoss: string;
  /** 报损: damaged or expired stock written off, at cost. */
  writeOff: string;
  /** 库存损益 = 盘盈 − 盘亏 − 报损: what stock adjustments added to (or took from) the books. */
  stockAdjustment: string;
  /** 领用: stock the shop used itself (samples, gifts, own use), at cost. Neither a sale nor a loss. */
  internalUse: string;
  /** Every standing inbound and outbound bill, transfers aside. */
  inboundCount: number;
  outboundCount: number;
}

export function figuresOf(totals: Iterable<BillTypeTotals>): Figures {
  const money = { salesAmount: 0n, salesCost: 0n, purchaseAmount: 0n, stockGain: 0n, stockLoss: 0n, writeOff: 0n, internalUse: 0n };
  const counts = { salesCount: 0, purchaseCount: 0, inboundCount: 0, outboundCount: 0 };
  for (const total of totals) {
    const amount = moneyUnits(total.amount);
    const cost = moneyUnits(total.cost);
    if (total.direction === 'in') counts.inboundCount += total.billCount;
    else counts.outboundCount += total.billCount;
    switch (figureRole(total.direction, total.billType)) {
      case 'sale':
        money.salesAmount += amount;
        money.salesCost += cost;
        counts.salesCount += total.billCount;
        break;
      case 'purchase':
        money.purchaseAmount += amount;
        counts.purchaseCount += total.billCount;
        break;
      case 'stockGain':
        money.stockGain += cost;
        break;
      case 'stockLoss':
        money.stockLoss += cost;
        break;
      case 'writeOff':
        money.writeOff += cost;
        break;
      case 'internalUse':
        money.internalUse += cost;
        break;
      // otherInbound and otherOutbound are counted above and add to no money figure.
    }
  }
  return {
    salesAmount: moneyText(money.salesAmount),
    salesCost: moneyText(money.salesCost),
    grossMargin: moneyText(money.salesAmount - money.salesCost),
    salesCount: counts.salesCount,
    purchaseAmount: moneyText(money.purchaseAmount),
    purchaseCount: counts.purchaseCount,
    stockGain: moneyText(money.stockGain),
    stockLoss: moneyText(money.stockLoss),
    writeOff: moneyText(money.writeOff),
    stockAdjustment: moneyText(money.stockGain - money.stockLoss - money.writeOff),
    internalUse: moneyText(money.internalUse),
    inboundCount: counts.inboundCount,
    outboundCount: counts.outboundCount,
  };
}
