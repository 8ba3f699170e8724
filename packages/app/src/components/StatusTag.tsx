import { BILL_MARK_LABEL, BILL_MARK_TONE, billMark, type BillStatus } from '../lib/labels';
import { Tag } from './nut';

/** The bill's status, or 红冲 when the bill is a reversal. */
export function StatusTag({ status, kind = 'normal' }: { status: BillStatus; kind?: string }) {
  const mark = billMark({ status, kind });
  const tone = BILL_MARK_TONE[mark];
  return (
    <Tag className={`status status--${mark}`} type={tone} plain={tone === 'default'} round>
      {BILL_MARK_LABEL[mark] ?? status}
    </Tag>
  );
}
