import { useMemo } from 'react';
import { bills } from '../api/bills';
import type { Option } from '../components/Fields';
import type { Direction } from '../lib/labels';
import { useRemote } from './useRemote';

const RECENT_BILLS = 30;
const SHOWN = 4;

/** The customers (or suppliers) of the latest bills, newest first: one tap picks the usual ones. */
export function useRecentParties(direction: Direction, enabled: boolean): Option[] {
  const recent = useRemote(
    () => (enabled ? bills.list({ direction, kind: 'normal', pageSize: RECENT_BILLS }) : Promise.resolve(null)),
    [direction, enabled],
  );
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const bill of recent.data?.items ?? []) {
      const id = direction === 'out' ? bill.customerId : bill.supplierId;
      const name = direction === 'out' ? bill.customerName : bill.supplierName;
      if (id && name && !seen.has(id)) seen.set(id, name);
    }
    return [...seen].slice(0, SHOWN).map(([value, label]) => ({ value, label }));
  }, [recent.data, direction]);
}
