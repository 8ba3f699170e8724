import { BILL_STATUS_LABEL, BILL_STATUS_TONE, type BillStatus } from '../lib/labels';
import { Tag } from './nut';

export function StatusTag({ status }: { status: BillStatus }) {
  const tone = BILL_STATUS_TONE[status];
  return (
    <Tag className={`status status--${status}`} type={tone} plain={tone === 'default'} round>
      {BILL_STATUS_LABEL[status] ?? status}
    </Tag>
  );
}
