import Taro from '@tarojs/taro';
import type { Bill, BillLine, StockShortage, StockWarning } from '../api/types';
import { sumQuantities } from './decimal';
import { quantity } from './format';

/** Names and units of a bill's products, for messages about them; a product not on the bill keeps its id. */
function productsOf(lines: ReadonlyArray<BillLine>) {
  const byId = new Map(lines.map((line) => [line.productId, line]));
  return (productId: string) => {
    const line = byId.get(productId);
    return { name: line?.productName ?? `商品 #${productId}`, count: (value: string) => (line?.unit ? `${value} ${line.unit}` : value) };
  };
}

/**
 * One sentence per short line of a refused posting (409 INSUFFICIENT_STOCK): what it needs, what there
 * is and what is missing. Without stock figures (hidden from this person) it only names the product.
 */
export function shortageLines(shortages: ReadonlyArray<StockShortage>, lines: ReadonlyArray<BillLine>): string[] {
  const productOf = productsOf(lines);
  return shortages.map(({ productId, requested, available }) => {
    const { name, count } = productOf(productId);
    if (available === undefined) return `${name}：库存不足`;
    const missing = sumQuantities([requested, `-${available}`]);
    return `${name}：需要 ${count(quantity(requested))}，可用 ${count(quantity(available))}，缺 ${count(missing)}`;
  });
}

/** One sentence per product a submitted bill may lack; without numbers for whoever may not see stock. */
export function warningLines(warnings: ReadonlyArray<StockWarning>, lines: ReadonlyArray<BillLine>): string[] {
  const productOf = productsOf(lines);
  return warnings.map(({ productId, productName, requested, available }) => {
    if (available === undefined) return `${productName}：库存可能不足`;
    const { count } = productOf(productId);
    return `${productName}：需要 ${count(quantity(requested))}，现有 ${count(quantity(available))}`;
  });
}

/** After a submission that waits for the owner: says which products may be short, and waits until it is read. */
export async function showStockWarnings(bill: Bill): Promise<void> {
  const warnings = warningLines(bill.stockWarnings ?? [], bill.lines ?? []);
  if (warnings.length === 0) return;
  await Taro.showModal({
    title: '已提交，库存可能不足',
    content: `${warnings.join('；')}。店主审核时可能因此无法通过。`,
    showCancel: false,
    confirmText: '知道了',
  });
}
