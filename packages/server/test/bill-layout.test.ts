import type { SharedBill } from '@xiaocang/contracts';
import { describe, expect, it } from 'vitest';
import { moneyShown, quantityShown } from '@xiaocang/domain';
import { layoutBill, SPECS, wrapText, type Measure, type SheetFormat, type SheetLayout, type TextBox } from '../src/render/bill-layout.ts';
import { measureText } from '../src/render/fonts.ts';
import { layoutPackingSlip, type PackingSlip } from '../src/render/packing-slip-layout.ts';
import { sampleBill } from '../src/render/sample-bill.ts';

/** A ruler that needs no font: a Chinese character (or full-width mark) is 1 em, anything else half. */
const mono: Measure = (text, size) => [...text].reduce((width, char) => width + (/[\u3000-\uffff]/.test(char) ? size : size / 2), 0);

const FORMATS: SheetFormat[] = ['image', 'a4', '80', '58'];
const texts = (layout: SheetLayout) => layout.pages.flatMap((page) => page.boxes.filter((box): box is TextBox => box.kind === 'text'));

describe('wrapping text', () => {
  it('breaks Chinese at any character and Latin at spaces, losing nothing', () => {
    expect(wrapText('农夫山泉饮用天然水', 40, 10, false, mono)).toEqual(['农夫山泉', '饮用天然', '水']);
    expect(wrapText('Coca Cola zero sugar', 50, 10, false, mono)).toEqual(['Coca Cola', 'zero sugar']);
    expect(wrapText('短', 100, 10, false, mono)).toEqual(['短']);
    expect(wrapText('', 100, 10, false, mono)).toEqual(['']);
    // A word longer than the line is cut, not dropped.
    expect(wrapText('abcdefghij', 20, 10, false, mono)).toEqual(['abcd', 'efgh', 'ij']);
    // A character wider than the line still gets a line of its own.
    expect(wrapText('大字', 5, 10, false, mono)).toEqual(['大', '字']);
  });

  it('never opens a line with a closing bracket or mark', () => {
    expect(wrapText('小仓样板店（二区）', 80, 10, false, mono)).toEqual(['小仓样板店（二', '区）']);
    expect(wrapText('坚果礼盒，', 40, 10, false, mono)).toEqual(['坚果礼', '盒，']);
  });

  it('every line fits, for any text', () => {
    const text = '三只松鼠每日坚果礼盒 750g（30袋）Mixed nuts daily pack, 30 bags × 25g';
    for (const width of [30, 45, 60, 100, 300]) {
      const lines = wrapText(text, width, 10, false, mono);
      for (const line of lines) expect(mono(line, 10, false) <= width || [...line].length === 1).toBe(true);
      expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
    }
  });
});

describe('money and quantities as the app shows them', () => {
  it('¥, thousands and two places; quantities without trailing zeros', () => {
    expect(moneyShown('1234567.5')).toBe('¥1,234,567.50');
    expect(moneyShown('-115.00')).toBe('-¥115.00');
    expect(moneyShown('0.00')).toBe('¥0.00');
    expect(quantityShown('2.500', '箱')).toBe('2.5 箱');
    expect(quantityShown('50.000')).toBe('50');
  });
});

describe('the bill layout', () => {
  const bill = sampleBill(10);

  it.each(FORMATS)('%s: the header, every line and the totals, in order, inside the margins', (format) => {
    const spec = SPECS[format];
    const layout = layoutBill(bill, format, measureText, 'http://x/p/bills/t');
    const boxes = texts(layout);
    const all = boxes.map((box) => box.text);
    const joined = all.join('');
    for (const line of bill.lines) expect(joined.replaceAll(' ', '')).toContain(line.productName.replaceAll(' ', ''));
    // The totals, with their figures, after the lines.
    const totals = ['合计数量', '55', '合计金额', '¥4,812.50', '已付', '¥3,000.00', '未付', '¥1,812.50'];
    const at = all.indexOf('合计数量');
    expect(all.slice(at, at + totals.length)).toEqual(totals);
    expect(all.indexOf('小仓样板店（义乌国际商贸城二区）') === 0 || all[0]!.startsWith('小仓样板店')).toBe(true);
    for (const box of boxes) {
      expect(box.x, `${format} ${box.text}`).toBeGreaterThanOrEqual(spec.margin - 0.01);
      expect(box.x + measureText(box.text, box.size, box.bold), `${format} ${box.text}`).toBeLessThanOrEqual(spec.width - spec.margin + 0.01);
    }
    for (const page of layout.pages) for (const box of page.boxes) expect(box.y).toBeLessThan(page.height - spec.margin / 2);
    expect(layout.pages.flatMap((page) => page.boxes).filter((box) => box.kind === 'qr')).toHaveLength(1);
  });

  it('columns align: every amount ends at the right margin, every quantity at one edge', () => {
    for (const format of ['image', '80', '58'] as const) {
      const spec = SPECS[format];
      const boxes = texts(layoutBill(bill, format, measureText));
      const ends = (list: TextBox[]) => new Set(list.map((box) => (box.x + measureText(box.text, box.size, box.bold)).toFixed(2)));
      const quantities = boxes.filter((box) => bill.lines.some((line) => quantityShown(line.quantity, line.unit) === box.text));
      expect(quantities).toHaveLength(bill.lines.length);
      // On each line's row, the rightmost text is its amount.
      const amounts = quantities.map((quantity) => boxes.filter((box) => box.y === quantity.y).sort((a, b) => b.x - a.x)[0]!);
      expect(amounts.map((box) => box.text)).toEqual(bill.lines.map((line) => moneyShown(line.amount!)));
      expect(ends(amounts)).toEqual(new Set([(spec.width - spec.margin).toFixed(2)]));
      expect(ends(quantities).size).toBe(1);
    }
  });

  it('a long name wraps inside its column and pushes the next line down', () => {
    const long: SharedBill = { ...bill, lines: [{ ...bill.lines[0]!, productName: '超长商品名称'.repeat(8) }, bill.lines[1]!] };
    const boxes = texts(layoutBill(long, '58', mono));
    const pieces = boxes.filter((box) => /^[超长商品名称]+$/.test(box.text) && box.text !== '商品');
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.map((box) => box.text).join('')).toBe('超长商品名称'.repeat(8));
    const next = boxes.find((box) => box.text === bill.lines[1]!.productName)!;
    expect(next.y).toBeGreaterThan(Math.max(...pieces.map((box) => box.y)));
  });

  it('without prices: no money anywhere, and a note that the bill hides them', () => {
    const { lines, ...rest } = bill;
    const hidden: SharedBill = {
      ...rest,
      totalAmount: undefined,
      paidAmount: undefined,
      outstandingAmount: undefined,
      showPrices: false,
      lines: lines.map(({ unitPrice: _p, amount: _a, ...line }) => line),
    };
    for (const format of FORMATS) {
      const all = texts(layoutBill(hidden, format, measureText)).map((box) => box.text);
      expect(all.filter((text) => text.includes('¥') || ['单价', '金额', '合计金额', '已付', '未付'].includes(text))).toEqual([]);
      expect(all).toEqual(expect.arrayContaining(['合计数量', '55', '本单不显示价格']));
    }
  });

  it('receipts are as tall as their content; A4 breaks pages and repeats the table header', () => {
    const small = layoutBill(sampleBill(2), '80', measureText);
    const large = layoutBill(sampleBill(20), '80', measureText);
    expect(small.pages).toHaveLength(1);
    expect(large.pages[0]!.height).toBeGreaterThan(small.pages[0]!.height * 2);
    const a4 = layoutBill(sampleBill(80), 'a4', measureText, 'http://x');
    expect(a4.pages.length).toBeGreaterThan(1);
    for (const page of a4.pages) {
      expect(page.height).toBeCloseTo(841.89);
      expect(page.boxes.filter((box) => box.kind === 'text' && box.text === '商品')).toHaveLength(1);
      for (const box of page.boxes) expect(box.y).toBeLessThanOrEqual(841.89 - SPECS.a4.margin + 1);
    }
    const last = texts({ width: 0, pages: [a4.pages.at(-1)!] }).map((box) => box.text);
    expect(last).toEqual(expect.arrayContaining(['合计金额', '扫码查看电子单据']));
  });

  it('names a reversal and a reversed bill', () => {
    const reversed = texts(layoutBill({ ...bill, status: 'reversed', reversedByBillNo: 'XS-R1' }, '58', mono));
    expect(reversed.filter((box) => box.tone === 'alert').map((box) => box.text)).toEqual(['已冲红（XS-R1）']);
    const reversal = texts(layoutBill({ ...bill, kind: 'reversal', reversalOfBillNo: 'XS-1' }, 'a4', mono)).map((box) => box.text);
    expect(reversal).toEqual(expect.arrayContaining(['销售出库（红冲单）', '冲红原单', 'XS-1']));
    const supplier = texts(layoutBill({ ...bill, customerName: null, supplierName: '义乌批发' }, 'image', mono)).map((box) => box.text);
    expect(supplier).toEqual(expect.arrayContaining(['供应商', '义乌批发']));
    expect(supplier).not.toContain('客户');
  });
});

describe('the packing slip layout', () => {
  const slip: PackingSlip = {
    shopName: '小仓样板店（义乌国际商贸城二区）',
    orderNo: 'D20261202-0042',
    orderDate: '2026-12-02',
    recipient: { name: '王小姐', phone: '13800000001', region: '广东省 广州市 天河区', detail: '体育西路 1 号 2 栋 1203 室（下午收货）' },
    note: '请不要放发票，包装结实一点，谢谢',
    shipment: null,
    lines: [
      { lineNo: 1, title: '三只松鼠每日坚果礼盒 750g（30袋）', quantity: '2.000' },
      { lineNo: 2, title: 'Coca-Cola 可口可乐 330ml', quantity: '1.500' },
    ],
    totalQuantity: '3.500',
  };
  const joined = (layout: SheetLayout) => texts(layout).map((box) => box.text).join('').replaceAll(' ', '');

  it.each(FORMATS)('%s: shop, order, recipient, every line and the remark, no money, inside the margins, and the order number as a QR code', (format) => {
    const spec = SPECS[format];
    const layout = layoutPackingSlip(slip, format, measureText);
    const all = texts(layout).map((box) => box.text);
    const text = joined(layout);
    for (const expected of [slip.shopName, '发货单', slip.orderNo, '2026-12-02', '王小姐', '13800000001', slip.recipient.region, slip.recipient.detail, '备注：请不要放发票']) {
      expect(text, expected).toContain(expected.replaceAll(' ', ''));
    }
    for (const line of slip.lines) expect(text).toContain(line.title.replaceAll(' ', ''));
    expect(all).toEqual(expect.arrayContaining(['2', '1.5', '合计数量', '3.5', `订单号 ${slip.orderNo}`]));
    expect(all.filter((box) => box.includes('¥') || ['单价', '金额', '快递'].includes(box))).toEqual([]);
    const qrs = layout.pages.flatMap((page) => page.boxes).filter((box) => box.kind === 'qr');
    expect(qrs).toEqual([expect.objectContaining({ link: slip.orderNo })]);
    for (const box of texts(layout)) {
      expect(box.x, `${format} ${box.text}`).toBeGreaterThanOrEqual(spec.margin - 0.01);
      expect(box.x + measureText(box.text, box.size, box.bold), `${format} ${box.text}`).toBeLessThanOrEqual(spec.width - spec.margin + 0.01);
    }
    // The quantities in one column, right-aligned (the rightmost "2": wide formats number the lines too).
    const quantities = ['2', '1.5'].map((quantity) => texts(layout).filter((box) => box.text === quantity).sort((a, b) => b.x - a.x)[0]!);
    expect(new Set(quantities.map((box) => (box.x + measureText(box.text, box.size, box.bold)).toFixed(2))).size).toBe(1);
  });

  it("one shipment's slip names its parcel and carrier; a long order breaks A4 pages with the header on each", () => {
    const parcel = texts(layoutPackingSlip({ ...slip, shipment: { carrier: '顺丰', trackingNo: 'SF100' } }, '58', mono)).map((box) => box.text);
    expect(parcel).toEqual(expect.arrayContaining(['发货单（本包裹）', '快递', '顺丰 SF100']));
    const long = layoutPackingSlip({ ...slip, lines: Array.from({ length: 90 }, (_, i) => ({ lineNo: i + 1, title: `商品 ${i + 1}`, quantity: '1.000' })) }, 'a4', measureText);
    expect(long.pages.length).toBeGreaterThan(1);
    for (const page of long.pages) expect(page.boxes.filter((box) => box.kind === 'text' && box.text === '商品')).toHaveLength(1);
    expect(joined(layoutPackingSlip({ ...slip, note: '' }, '80', mono))).not.toContain('备注');
  });
});
