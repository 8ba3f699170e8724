import { useMemo } from 'react';
import { categories, customers, stockPoints, suppliers } from '../api/master';
import { priceLevels } from '../api/money';
import { fetchConfig } from '../api/shop';
import type { Option } from '../components/Fields';
import { useRemote, type Remote } from './useRemote';

/** Pickers show at most this many choices; a small shop has far fewer. */
const MAX_OPTIONS = 200;

const SOURCES = {
  categories: () => categories.list({ pageSize: MAX_OPTIONS, status: 'active' }),
  suppliers: () => suppliers.list({ pageSize: MAX_OPTIONS, status: 'active' }),
  customers: () => customers.list({ pageSize: MAX_OPTIONS, status: 'active' }),
  stockPoints: () => stockPoints.list({ pageSize: MAX_OPTIONS, status: 'active' }),
  priceLevels: () => priceLevels.list({ pageSize: MAX_OPTIONS, status: 'active' }),
};

export type OptionSource = keyof typeof SOURCES;

type Loaded = { [S in OptionSource]: Awaited<ReturnType<(typeof SOURCES)[S]>> };

/** The loaded records with their failure and retry, and the same records as picker options. */
export type OptionsRemote<S extends OptionSource = OptionSource> = Remote<Loaded[S]> & { options: Option[] };

/** Active records of one kind as picker options. */
export function useOptions<S extends OptionSource>(source: S): OptionsRemote<S> {
  const remote = useRemote(() => SOURCES[source]() as Promise<Loaded[S]>, [source]);
  const options = useMemo(() => (remote.data?.items ?? []).map((item) => ({ value: item.id, label: item.name })), [remote.data]);
  return { ...remote, options };
}

/** The default stock point, to preselect it on new bills. */
export function defaultStockPoint(points: OptionsRemote<'stockPoints'>): string | null {
  const items = points.data?.items ?? [];
  return (items.find((point) => point.isDefault) ?? items[0])?.id ?? null;
}

export function useShopConfig() {
  return useRemote(fetchConfig, []);
}

export const asOptions = (names: string[] | undefined): Option[] => (names ?? []).map((name) => ({ value: name, label: name }));
