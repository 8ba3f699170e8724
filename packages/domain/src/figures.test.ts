import { describe, expect, it } from 'vitest';
import { FIGURE_DEFINITIONS } from './figure-definitions.ts';
import { DEFAULT_BILL_TYPES, figureRole, figuresOf, billValuation, STOCKTAKE_GAIN_TYPE, STOCKTAKE_LOSS_TYPE, type BillTypeTotals } from './figures.ts';

const totals = (direction: 'in' | 'out', billType: string, amount: string, cost: string, billCount = 1): BillTypeTotals => ({
  direction,
  billType,
  amount,
  cost,
  billCount,
});

describe('figures', () => {
  it('keeps the gross margin from sales apart from the stock adjustments, gains included', () => {
    const figures = figuresOf([
      totals('in', '采购入库', '500.00', '500.00'),
      totals('out', '销售出库', '347.50', '219.00'),
      // A stocktake's loss states no price; its gain is priced at the average cost.
      totals('out', '盘亏出库', '0.00', '172.00'),
      totals('in', '盘盈入库', '37.60', '37.60'),
    ]);
    expect(figures).toEqual({
      salesAmount: '347.50',
      salesCost: '219.00',
      grossMargin: '128.50',
      salesCount: 1,
      purchaseAmount: '500.00',
      purchaseCount: 1,
      stockGain: '37.60',
      stockLoss: '172.00',
      writeOff: '0.00',
      stockAdjustment: '-134.40',
      internalUse: '0.00',
      inboundCount: 2,
      outboundCount: 2,
    });
  });

  it('never counts a gain as a purchase, nor a write-off, internal use or other issue as a sale', () => {
    const figures = figuresOf([
      totals('in', '盘盈入库', '10.00', '10.00'),
      totals('in', '退货入库', '8.00', '8.00'),
      totals('in', '其他入库', '7.00', '7.00'),
      // Priced at the list price by the form: still valued at cost in the figures.
      totals('out', '报损出库', '30.00', '12.34'),
      totals('out', '领用出库', '20.00', '5.55'),
      totals('out', '其他出库', '9.00', '4.00'),
    ]);
    expect(figures).toMatchObject({
      purchaseAmount: '0.00',
      purchaseCount: 0,
      salesAmount: '0.00',
      salesCost: '0.00',
      grossMargin: '0.00',
      salesCount: 0,
      stockGain: '10.00',
      writeOff: '12.34',
      internalUse: '5.55',
      stockAdjustment: '-2.34',
      inboundCount: 3,
      outboundCount: 3,
    });
  });

  it('adds totals of several months and types exactly, with negative margins', () => {
    const figures = figuresOf([
      totals('out', '销售出库', '0.10', '0.30', 2),
      totals('out', '销售出库', '0.20', '0.05', 1),
      totals('out', '批发出库', '1000000000.01', '999999999.99', 3),
    ]);
    expect(figures).toMatchObject({ salesAmount: '1000000000.31', salesCost: '1000000000.34', grossMargin: '-0.03', salesCount: 6, outboundCount: 6 });
  });

  it('gives every default bill type a role, and reads the types a shop adds by their words', () => {
    expect(Object.fromEntries([...DEFAULT_BILL_TYPES.in, ...DEFAULT_BILL_TYPES.out].map(([name, role]) => [name, role]))).toEqual({
      采购入库: 'purchase',
      退货入库: 'otherInbound',
      盘盈入库: 'stockGain',
      调拨入库: 'otherInbound',
      其他入库: 'otherInbound',
      期初入库: 'otherInbound',
      销售出库: 'sale',
      领用出库: 'internalUse',
      报损出库: 'writeOff',
      盘亏出库: 'stockLoss',
      调拨出库: 'otherOutbound',
      其他出库: 'otherOutbound',
    });
    for (const [name, role] of DEFAULT_BILL_TYPES.out) expect(figureRole('out', name)).toBe(role);
    for (const [name, role] of DEFAULT_BILL_TYPES.in) expect(figureRole('in', name)).toBe(role);
    expect(figureRole('out', '微信销售')).toBe('sale');
    expect(figureRole('out', '退货给供应商')).toBe('otherOutbound');
    expect(figureRole('out', '赠品出库')).toBe('internalUse');
    expect(figureRole('out', '过期报废')).toBe('writeOff');
    expect(figureRole('in', '进货')).toBe('purchase');
    expect(figureRole('in', '客户退货')).toBe('otherInbound');
    expect(figureRole('in', '期初库存')).toBe('otherInbound');
    expect(figureRole('in', '年末盘盈')).toBe('stockGain');
    expect(figureRole('out', '年末盘亏')).toBe('stockLoss');
    expect(figureRole('out', '调拨给分店')).toBe('otherOutbound');
    expect(figureRole('out', '其他发货')).toBe('otherOutbound');
  });

  it('books a stocktake’s gain and loss under default types that count as gain and loss', () => {
    expect(DEFAULT_BILL_TYPES.in.map(([name]) => name)).toContain(STOCKTAKE_GAIN_TYPE);
    expect(DEFAULT_BILL_TYPES.out.map(([name]) => name)).toContain(STOCKTAKE_LOSS_TYPE);
    expect(figureRole('in', STOCKTAKE_GAIN_TYPE)).toBe('stockGain');
    expect(figureRole('out', STOCKTAKE_LOSS_TYPE)).toBe('stockLoss');
  });

  it('lists stock adjustments, internal use and transfers at cost, sales and purchases at what they state', () => {
    const valuation = (direction: 'in' | 'out', billType: string, transferPeerId: string | null = null) => billValuation({ direction, billType, transferPeerId });
    expect([valuation('out', '销售出库'), valuation('in', '采购入库'), valuation('in', '其他入库'), valuation('out', '其他出库')]).toEqual(['price', 'price', 'price', 'price']);
    expect([valuation('out', '盘亏出库'), valuation('in', '盘盈入库'), valuation('out', '报损出库'), valuation('out', '领用出库')]).toEqual(['cost', 'cost', 'cost', 'cost']);
    expect([valuation('out', '调拨出库', '7'), valuation('in', '调拨入库', '6')]).toEqual(['cost', 'cost']);
  });
});

describe('FIGURE_DEFINITIONS', () => {
  it('explains every figure the app shows with its own label and a sentence, in Chinese', () => {
    const keys = ['todayInbound', 'todayOutbound', 'salesAmount', 'salesCost', 'grossMargin', 'purchaseAmount', 'stockGain', 'stockLoss', 'writeOff', 'stockAdjustment', 'internalUse', 'lowStock'];
    expect(Object.keys(FIGURE_DEFINITIONS).sort()).toEqual([...keys].sort());
    const definitions = Object.values(FIGURE_DEFINITIONS);
    for (const { label, text } of definitions) {
      expect(label, text).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(text, label).toMatch(/^\p{Script=Han}.{15,}。$/u);
    }
    expect(new Set(definitions.map(({ label }) => label)).size).toBe(keys.length);
    expect(new Set(definitions.map(({ text }) => text)).size).toBe(keys.length);
  });
});
