import { categories, customers, stockPoints, suppliers } from '../api/master';
import { fetchConfig } from '../api/shop';
import type { Option } from '../components/Fields';
import { useRemote } from './useRemote';

/** Pickers show at most this many choices; a small shop has far fewer. */
const MAX_OPTIONS = 200;

const SOURCES = {
  categories: () => categories.list({ pageSize: MAX_OPTIONS, status: 'active' }),
  suppliers: () => suppliers.list({ pageSize: MAX_OPTIONS, status: 'active' }),
  customers: () => customers.list({ pageSize: MAX_OPTIONS, status: 'active' }),
  stockPoints: () => stockPoints.list({ pageSize: MAX_OPTIONS, status: 'active' }),
};

export type OptionSource = keyof typeof SOURCES;

/** Active records of one kind as picker options. */
export function useOptions(source: OptionSource): Option[] {
  const remote = useRemote(SOURCES[source], [source]);
  return (remote.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }));
}

/** The default stock point, to preselect it on new bills. */
export function useDefaultStockPoint(): string | null {
  const remote = useRemote(SOURCES.stockPoints, []);
  const items = remote.data?.items ?? [];
  return (items.find((point) => point.isDefault) ?? items[0])?.id ?? null;
}

export function useShopConfig() {
  return useRemote(fetchConfig, []);
}

export const asOptions = (names: string[] | undefined): Option[] => (names ?? []).map((name) => ({ value: name, label: name }));
