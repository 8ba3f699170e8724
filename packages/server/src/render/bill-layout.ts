import type { SharedBill } from '@xiaocang/contracts';
import { moneyShown, quantityShown } from '@xiaocang/domain';

/**
 * The one layout of every printed sheet (a shared or printed bill, an order's packing slip): a pure function
 * from what the sheet says (`SheetContent`) to boxes placed on pages, in points. The PNG and PDF painters only
 * draw these boxes, so the image and every PDF say the same thing in the same order. Text is measured by the
 * `Measure` it is given (the painters' font); all alignment and wrapping happen here, and the painters draw
 * every text box from its left edge. Each kind of sheet only says what it shows (`layoutBill` here,
 * `layoutPackingSlip` in packing-slip-layout.ts).
 */

/** The share image (375 pt wide, painted at 2× = 750 px), an A4 page, or a 58 mm or 80 mm receipt roll. */
export type SheetFormat = 'image' | 'a4' | '58' | '80';

/** The advance width of `text` in points at `size`, in the regular or bold face. */
export type Measure = (text: string, size: number, bold: boolean) => number;

export type Tone = 'text' | 'muted' | 'alert';

export interface TextBox {
  kind: 'text';
  x: number;
  /** The baseline. */
  y: number;
  text: string;
  size: number;
  bold: boolean;
  tone: Tone;
}
export interface RuleBox {
  kind: 'rule';
  x: number;
  y: number;
  width: number;
  dashed: boolean;
}
export interface QrBox {
  kind: 'qr';
  x: number;
  y: number;
  size: number;
  link: string;
}
export type Box = TextBox | RuleBox | QrBox;

export interface Page {
  height: number;
  boxes: Box[];
}
export interface SheetLayout {
  width: number;
  pages: Page[];
}

export interface Spec {
  width: number;
  margin: number;
  /** A fixed page height (A4 breaks pages); otherwise the one page is as tall as its content. */
  pageHeight?: number;
  shop: number;
  title: number;
  body: number;
  small: number;
  qr: number;
  dashed: boolean;
  /** Receipts: name, quantity and amount; the unit price under the name. */
  narrow: boolean;
}

const MM = 72 / 25.4;
export const SPECS: Record<SheetFormat, Spec> = {
  image: { width: 375, margin: 20, shop: 20, title: 15, body: 13, small: 11, qr: 120, dashed: false, narrow: false },
  a4: { width: 595.28, pageHeight: 841.89, margin: 42, shop: 18, title: 13, body: 10, small: 8, qr: 90, dashed: false, narrow: false },
  '80': { width: 80 * MM, margin: 10, shop: 12, title: 10, body: 8, small: 7, qr: 90, dashed: true, narrow: true },
  '58': { width: 58 * MM, margin: 7, shop: 10, title: 9, body: 7, small: 6, qr: 80, dashed: true, narrow: true },
};

const LINE = 1.45;
/** Where the baseline sits below the top of a line of text, in ems (Noto Sans SC's ascent within LINE). */
const BASELINE = 1.1;

const NO_LINE_START = new Set([...'）)】」』》〉，。、；：！？,.;:!?%']);

/**
 * Breaks text into lines no wider than `width`: at the last space that fits when there is one (Latin words
 * stay whole), otherwise at any character (Chinese has no spaces). A character wider than the line still
 * gets a line of its own, so nothing is ever dropped, and a closing bracket or mark never opens a line.
 */
export function wrapText(text: string, width: number, size: number, bold: boolean, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let rest = [...paragraph];
    while (rest.length && measure(rest.join(''), size, bold) > width) {
      let fit = 1;
      while (fit < rest.length && measure(rest.slice(0, fit + 1).join(''), size, bold) <= width) fit++;
      const space = rest.slice(0, fit + 1).lastIndexOf(' ');
      let cut = space > 0 ? space : fit;
      // No line starts with closing punctuation (避头): the character before it goes down with it.
      while (cut > 1 && space <= 0 && NO_LINE_START.has(rest[cut]!)) cut--;
      lines.push(rest.slice(0, cut).join('').trimEnd());
      rest = rest.slice(cut);
      while (rest[0] === ' ') rest = rest.slice(1);
    }
    if (rest.length || !lines.length) lines.push(rest.join(''));
  }
  return lines;
}

type Align = 'left' | 'right';
export interface Column {
  header: string;
  align: Align;
  /** Takes the width the other columns leave. */
  flex?: boolean;
  /** At most this share of the content width (the text wraps past it). */
  maxShare?: number;
}
export interface Cell {
  lines: Array<{ text: string; small?: boolean }>;
}

/** What a sheet says, top to bottom; `layoutSheet` places it for a format. */
export interface SheetContent {
  /** The shop's name, centred on top. */
  heading: string;
  title: string;
  /** A warning under the title, e.g. a reversed bill's 已冲红. */
  alert?: string;
  /** Label and value rows under the title: number, date, party, address… */
  facts: Array<[string, string]>;
  table: { columns: Column[]; rows: Cell[][] };
  /** Label and value rows under the table. */
  totals: Array<{ label: string; value: string; bold?: boolean }>;
  /** Paragraphs after the totals, left-aligned (a remark). */
  paragraphs: string[];
  /** Small centred notes after them. */
  notes: string[];
  /** A QR code of `link` with a caption under it. */
  qr?: { link: string; caption: string };
}

/** A cell of one or more lines of text (`small` for a second, muted line). */
export const cell = (...lines: Array<string | { text: string; small: true }>): Cell => ({
  lines: lines.map((line) => (typeof line === 'string' ? { text: line } : line)),
});

/** The columns of the lines table for a format, and each line's cells under them. */
function table(bill: SharedBill, spec: Spec): { columns: Column[]; rows: Cell[][] } {
  const prices = bill.showPrices;
  const text = (value: string, small = false) => ({ text: value, small });
  if (spec.narrow) {
    const columns: Column[] = [{ header: '商品', align: 'left', flex: true }, { header: '数量', align: 'right', maxShare: 0.3 }];
    if (prices) columns.push({ header: '金额', align: 'right', maxShare: 0.4 });
    const rows = bill.lines.map((line) => {
      const name: Cell = { lines: [text(line.productName)] };
      if (prices && line.unitPrice !== undefined) name.lines.push(text(`单价 ${moneyShown(line.unitPrice)}`, true));
      const cells: Cell[] = [name, { lines: [text(quantityShown(line.quantity, line.unit))] }];
      if (prices) cells.push({ lines: [text(line.amount === undefined ? '' : moneyShown(line.amount))] });
      return cells;
    });
    return { columns, rows };
  }
  const wide = !spec.pageHeight;
  const columns: Column[] = [
    { header: '#', align: 'right', maxShare: 0.08 },
    { header: '商品', align: 'left', flex: true },
    ...(wide ? [] : [{ header: '编码', align: 'left', maxShare: 0.18 } as Column, { header: '单位', align: 'left', maxShare: 0.1 } as Column]),
    { header: '数量', align: 'right', maxShare: 0.2 },
    ...(prices ? [{ header: '单价', align: 'right', maxShare: 0.2 } as Column, { header: '金额', align: 'right', maxShare: 0.25 } as Column] : []),
  ];
  const rows = bill.lines.map((line) => {
    const name: Cell = { lines: [text(line.productName)] };
    const details = wide ? [line.productCode ?? '', line.specification].filter(Boolean).join(' · ') : line.specification;
    if (details) name.lines.push(text(details, true));
    const cells: Cell[] = [{ lines: [text(String(line.lineNo))] }, name];
    if (!wide) cells.push({ lines: [text(line.productCode ?? '')] }, { lines: [text(line.unit)] });
    cells.push({ lines: [text(quantityShown(line.quantity, wide ? line.unit : ''))] });
    if (prices) {
      cells.push({ lines: [text(line.unitPrice === undefined ? '' : moneyShown(line.unitPrice))] });
      cells.push({ lines: [text(line.amount === undefined ? '' : moneyShown(line.amount))] });
    }
    return cells;
  });
  return { columns, rows };
}

/** The totals under the table: quantity always, money (in bold) only when the view shows prices. */
function totals(bill: SharedBill): SheetContent['totals'] {
  const rows: SheetContent['totals'] = [{ label: '合计数量', value: quantityShown(bill.totalQuantity) }];
  const money = (label: string, value: string | undefined) => {
    if (value !== undefined) rows.push({ label, value: moneyShown(value), bold: true });
  };
  money('合计金额', bill.totalAmount);
  money('已付', bill.paidAmount);
  money('未付', bill.outstandingAmount);
  return rows;
}

/** The title: the bill type, marked as a reversal (红冲单) when it is one. */
export function titleOf(bill: SharedBill): string {
  return bill.kind === 'reversal' ? `${bill.billType}（红冲单）` : bill.billType;
}

/** The counterparty line: 客户 on a sale, 供应商 on a purchase, nothing on a bill without one. */
export function partyOf(bill: SharedBill): [string, string] | null {
  if (bill.customerName) return ['客户', bill.customerName];
  if (bill.supplierName) return ['供应商', bill.supplierName];
  return null;
}

/** Lays the bill out for a format; `qrLink` adds a QR code that opens the public view. */
export function layoutBill(bill: SharedBill, format: SheetFormat, measure: Measure, qrLink?: string): SheetLayout {
  const party = partyOf(bill);
  const content: SheetContent = {
    heading: bill.shopName,
    title: titleOf(bill),
    facts: [['单号', bill.billNo], ['日期', bill.billDate], ...(party ? [party] : []), ...(bill.reversalOfBillNo ? [['冲红原单', bill.reversalOfBillNo] as [string, string]] : [])],
    table: table(bill, SPECS[format]),
    totals: totals(bill),
    paragraphs: [],
    notes: bill.showPrices ? [] : ['本单不显示价格'],
  };
  if (bill.status === 'reversed') content.alert = bill.reversedByBillNo ? `已冲红（${bill.reversedByBillNo}）` : '已冲红';
  if (qrLink) content.qr = { link: qrLink, caption: '扫码查看电子单据' };
  return layoutSheet(content, format, measure);
}

/** Places a sheet's content for a format: receipts as tall as their content, A4 in pages repeating the table header. */
export function layoutSheet(content: SheetContent, format: SheetFormat, measure: Measure): SheetLayout {
  const spec = SPECS[format];
  const left = spec.margin;
  const right = spec.width - spec.margin;
  const contentWidth = right - left;
  const pages: Page[] = [{ height: 0, boxes: [] }];
  let page = pages[0]!;
  let y = spec.margin;

  /** Keeps the next `height` points on one page: A4 starts a new page when they would not fit. */
  const room = (height: number): boolean => {
    if (!spec.pageHeight || y + height <= spec.pageHeight - spec.margin || y === spec.margin) return false;
    page = { height: spec.pageHeight, boxes: [] };
    pages.push(page);
    y = spec.margin;
    return true;
  };
  const put = (text: string, x: number, top: number, size: number, bold = false, tone: Tone = 'text') =>
    page.boxes.push({ kind: 'text', x, y: top + size * BASELINE, text, size, bold, tone });
  const rule = (gap: number) => {
    page.boxes.push({ kind: 'rule', x: left, y: y + gap / 2, width: contentWidth, dashed: spec.dashed });
    y += gap;
  };
  /** A centred block of wrapped text. */
  const centred = (text: string, size: number, bold: boolean, tone: Tone = 'text') => {
    for (const line of wrapText(text, contentWidth, size, bold, measure)) {
      room(size * LINE);
      put(line, left + (contentWidth - measure(line, size, bold)) / 2, y, size, bold, tone);
      y += size * LINE;
    }
  };
  /** A label and its value on one row: the label left, the value right (wrapping under itself if long). */
  const pair = (label: string, value: string, size: number, bold = false) => {
    const labelWidth = measure(`${label}  `, size, false);
    const lines = wrapText(value, contentWidth - labelWidth, size, bold, measure);
    room(lines.length * size * LINE);
    put(label, left, y, size, false, 'muted');
    for (const line of lines) {
      put(line, right - measure(line, size, bold), y, size, bold);
      y += size * LINE;
    }
  };

  centred(content.heading, spec.shop, true);
  centred(content.title, spec.title, true);
  if (content.alert) centred(content.alert, spec.title, true, 'alert');
  y += spec.body * 0.4;
  for (const [label, value] of content.facts) pair(label, value, spec.body);
  rule(spec.body * 0.8);

  // The table: numeric columns as wide as their widest text (up to their share), the name column the rest.
  const { columns, rows } = content.table;
  const gap = spec.body * 0.8;
  const sizeOf = (line: { small?: boolean }) => (line.small ? spec.small : spec.body);
  const widths = columns.map((column, index) => {
    if (column.flex) return 0;
    // The header is set in bold, so it is measured in bold: a short column ("#" over 1, 2) is as wide as it.
    const widest = Math.max(measure(column.header, spec.body, true), ...rows.map((cells) => Math.max(...cells[index]!.lines.map((line) => measure(line.text, sizeOf(line), false)))));
    return Math.min(widest, contentWidth * (column.maxShare ?? 1));
  });
  const flexIndex = columns.findIndex((column) => column.flex);
  widths[flexIndex] = Math.max(contentWidth * 0.25, contentWidth - gap * (columns.length - 1) - widths.reduce((a, b) => a + b, 0));
  const xs = widths.map((_, index) => left + widths.slice(0, index).reduce((a, b) => a + b + gap, 0));
  const place = (text: string, index: number, top: number, size: number, bold: boolean, tone: Tone) => {
    const x = columns[index]!.align === 'right' ? xs[index]! + widths[index]! - measure(text, size, bold) : xs[index]!;
    put(text, x, top, size, bold, tone);
  };
  const header = () => {
    columns.forEach((column, index) => place(column.header, index, y, spec.body, true, 'muted'));
    y += spec.body * LINE;
  };
  header();
  for (const cells of rows) {
    const wrapped = cells.map((cell, index) =>
      cell.lines.flatMap((line) => wrapText(line.text, widths[index]!, sizeOf(line), false, measure).map((text) => ({ text, small: line.small }))),
    );
    const height = Math.max(...wrapped.map((lines) => lines.reduce((sum, line) => sum + sizeOf(line) * LINE, 0))) + spec.body * 0.3;
    if (room(height)) header();
    wrapped.forEach((lines, index) => {
      let top = y;
      for (const line of lines) {
        place(line.text, index, top, sizeOf(line), false, line.small ? 'muted' : 'text');
        top += sizeOf(line) * LINE;
      }
    });
    y += height;
  }
  rule(spec.body * 0.8);
  for (const total of content.totals) pair(total.label, total.value, spec.body, total.bold);
  for (const paragraph of content.paragraphs) {
    y += spec.body * 0.4;
    for (const line of wrapText(paragraph, contentWidth, spec.body, false, measure)) {
      room(spec.body * LINE);
      put(line, left, y, spec.body);
      y += spec.body * LINE;
    }
  }
  for (const note of content.notes) {
    y += spec.small * 0.4;
    centred(note, spec.small, false, 'muted');
  }

  if (content.qr) {
    y += spec.body;
    const caption = spec.small * LINE;
    room(spec.qr + caption);
    page.boxes.push({ kind: 'qr', x: left + (contentWidth - spec.qr) / 2, y, size: spec.qr, link: content.qr.link });
    y += spec.qr + spec.small * 0.3;
    centred(content.qr.caption, spec.small, false, 'muted');
  }
  y += spec.margin;
  if (!spec.pageHeight) page.height = Math.ceil(y);
  else for (const each of pages) each.height = spec.pageHeight;
  return { width: spec.width, pages };
}
