import { isDecimal } from './decimal';

/** A bill line as typed in the form. */
export interface LineDraft {
  productId: string;
  name: string;
  unit: string;
  code: string | null;
  quantity: string;
  unitPrice: string;
  /** What one unit is likely to cost (its average cost now, or what it cost on the bill copied), for the margin shown; null when not known. */
  cost: string | null;
}

export interface Header {
  billType: string;
  billDate: string;
  stockPointId: string;
  partyId: string;
  remarks: string;
  /** Receipts and photos (票据图片), as the server keeps them. */
  attachments: Array<{ fileId: string; name: string }>;
}

/** Checks before sending; keys match the server's field paths so both kinds of error show in one place. */
export function checkBill(header: Header, lines: LineDraft[], withPrices: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!header.billType) errors.billType = '请选择单据类型';
  if (!header.stockPointId) errors.stockPointId = '请选择库存点';
  if (lines.length === 0) errors.lines = '请至少添加一个商品';
  lines.forEach((line, i) => {
    if (!isDecimal(line.quantity, 3) || Number(line.quantity) <= 0) errors[`lines.${i}.quantity`] = '数量须大于 0，最多 3 位小数';
    if (withPrices && !isDecimal(line.unitPrice || '0', 4)) errors[`lines.${i}.unitPrice`] = '单价最多 4 位小数';
  });
  return errors;
}
