import { quantityShown } from '@xiaocang/domain';
import { cell, layoutSheet, SPECS, type Column, type Measure, type SheetFormat, type SheetLayout } from './bill-layout.ts';

/** What a packing slip (发货单) shows: who it goes to and what goes in the parcel, with no prices or costs. */
export interface PackingSlip {
  shopName: string;
  orderNo: string;
  /** The day the order was placed, YYYY-MM-DD in the shop's time zone. */
  orderDate: string;
  recipient: { name: string; phone: string; region: string; detail: string };
  note: string;
  /** The shipment the slip is for (its carrier and tracking number), or null for the whole order. */
  shipment: { carrier: string; trackingNo: string } | null;
  lines: Array<{ lineNo: number; title: string; quantity: string }>;
  totalQuantity: string;
}

/**
 * Lays a packing slip out on the sheet model bills use, so it prints in the same sizes: the order number as a
 * QR code (a scanner at the packing table reads it) and in words under it.
 */
export function layoutPackingSlip(slip: PackingSlip, format: SheetFormat, measure: Measure): SheetLayout {
  const narrow = SPECS[format].narrow;
  const columns: Column[] = [
    ...(narrow ? [] : [{ header: '#', align: 'right', maxShare: 0.08 } as Column]),
    { header: '商品', align: 'left', flex: true },
    { header: '数量', align: 'right', maxShare: 0.3 },
  ];
  const rows = slip.lines.map((line) => [...(narrow ? [] : [cell(String(line.lineNo))]), cell(line.title), cell(quantityShown(line.quantity))]);
  const facts: Array<[string, string]> = [
    ['订单号', slip.orderNo],
    ['下单日期', slip.orderDate],
    ['收货人', slip.recipient.name],
    ['电话', slip.recipient.phone],
    ['地址', `${slip.recipient.region} ${slip.recipient.detail}`],
  ];
  if (slip.shipment) facts.push(['快递', `${slip.shipment.carrier} ${slip.shipment.trackingNo}`]);
  return layoutSheet(
    {
      heading: slip.shopName,
      title: slip.shipment ? '发货单（本包裹）' : '发货单',
      facts,
      table: { columns, rows },
      totals: [{ label: '合计数量', value: quantityShown(slip.totalQuantity) }],
      paragraphs: slip.note ? [`备注：${slip.note}`] : [],
      notes: [],
      qr: { link: slip.orderNo, caption: `订单号 ${slip.orderNo}` },
    },
    format,
    measure,
  );
}
