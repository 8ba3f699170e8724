import type { SharedBill } from '@xiaocang/contracts';

/**
 * A sale of `lines` lines as the public view shows it, with long and mixed-script names, for the render
 * benchmark and for looking at the output (`npm run bench:render -- --out <folder>`).
 */
export function sampleBill(lines = 10): SharedBill {
  const names = ['农夫山泉饮用天然水 550ml×24瓶 整箱装', 'Coca-Cola 可口可乐 330ml', '卫龙辣条大面筋', '三只松鼠每日坚果礼盒 750g（30袋）', '康师傅红烧牛肉面'];
  return {
    shopName: '小仓样板店（义乌国际商贸城二区）',
    billNo: 'XS20261120-0007',
    billDate: '2026-11-20',
    billType: '销售出库',
    direction: 'out',
    kind: 'normal',
    status: 'confirmed',
    customerName: '王小明',
    supplierName: null,
    reversalOfBillNo: null,
    reversedByBillNo: null,
    lines: Array.from({ length: lines }, (_, index) => ({
      lineNo: index + 1,
      productName: names[index % names.length]!,
      productCode: `69${String(21168558040 + index)}`,
      specification: index % 3 === 0 ? '箱' : '',
      unit: index % 2 ? '瓶' : '箱',
      quantity: `${index + 1}.000`,
      unitPrice: `${(12.5 * (index + 1)).toFixed(4)}`,
      amount: `${(12.5 * (index + 1) * (index + 1)).toFixed(2)}`,
    })),
    totalQuantity: `${(lines * (lines + 1)) / 2}.000`,
    totalAmount: '4812.50',
    paidAmount: '3000.00',
    outstandingAmount: '1812.50',
    showPrices: true,
  };
}
