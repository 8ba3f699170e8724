import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { List } from '../api/types';

const PAGE_SIZE = 20;

export interface PagedState<T> {
  items: T[];
  total: number;
  page: number;
  status: 'loading' | 'ready' | 'loadingMore' | 'error';
  error: ApiError | null;
}

export const initialPaged = <T,>(): PagedState<T> => ({ items: [], total: 0, page: 0, status: 'loading', error: null });

/** Page 1 replaces the list, later pages append to it. */
export function mergePage<T>(state: PagedState<T>, list: List<T>): PagedState<T> {
  const items = list.page <= 1 ? list.items : [...state.items, ...list.items];
  return { items, total: list.total, page: list.page, status: 'ready', error: null };
}

export function hasMore<T>(state: PagedState<T>): boolean {
  return state.status === 'ready' && state.items.length < state.total;
}

/**
 * A list that loads its next page when the user scrolls to the bottom and reloads on pull-down.
 * `deps` are what `fetchPage` reads (filters, search), as for useEffect: a change starts again at page 1.
 */
export function usePagedList<T, L extends List<T> = List<T>>(fetchPage: (page: number, pageSize: number) => Promise<L>, deps: unknown[]) {
  const [state, setState] = useState<PagedState<T>>(initialPaged);
  const [last, setLast] = useState<L | null>(null);
  const generation = useRef(0);
  // The page whose load failed, for the retry: page 1 again, or the next page that did not arrive.
  const failedPage = useRef(1);
  const stateRef = useRef(state);
  stateRef.current = state;

  // `deps` are the caller's, checked at each call site (exhaustive-deps knows usePagedList: eslint.config.js).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const fetcher = useCallback(fetchPage, deps);

  const load = useCallback(
    async (page: number) => {
      const mine = page === 1 ? ++generation.current : generation.current;
      setState((s) => ({ ...s, status: page === 1 ? 'loading' : 'loadingMore', error: null }));
      try {
        const list = await fetcher(page, PAGE_SIZE);
        if (mine !== generation.current) return;
        setLast(list);
        setState((s) => mergePage(s, list));
      } catch (caught) {
        if (!(caught instanceof ApiError)) throw caught;
        if (mine !== generation.current) return;
        failedPage.current = page;
        setState((s) => ({ ...s, status: 'error', error: caught }));
      }
    },
    [fetcher],
  );

  const reload = useCallback(() => load(1), [load]);
  const retry = useCallback(() => load(failedPage.current), [load]);
  const loadMore = useCallback(() => {
    if (hasMore(stateRef.current)) void load(stateRef.current.page + 1);
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useReachBottom(loadMore);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return { ...state, last, reload, retry, loadMore, hasMore: hasMore(state) };
}
