import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { PagedState } from '../hooks/usePagedList';
import { Empty, Failed, Loading } from './StateView';

interface Props<T> {
  list: PagedState<T> & { hasMore: boolean; reload: () => Promise<void>; retry: () => Promise<void>; loadMore: () => void };
  empty: ReactNode;
  /** The class of the rows' container, e.g. a grid. */
  className?: string;
  children: (item: T) => ReactNode;
}

/** A list with its loading, empty, error and "more" states; the next page loads on scroll. */
export function PagedList<T>({ list, empty, className, children }: Props<T>) {
  if (list.status === 'loading' && list.items.length === 0) return <Loading />;
  if (list.status === 'error' && list.items.length === 0 && list.error) {
    return <Failed error={list.error} onRetry={() => void list.reload()} />;
  }
  if (list.items.length === 0 && list.status === 'ready') return <>{empty}</>;
  return (
    <View className={className}>
      {list.items.map(children)}
      <View className="list-footer" onClick={list.status === 'error' ? () => void list.retry() : list.hasMore ? list.loadMore : undefined}>
        {list.status === 'loadingMore'
          ? '加载中…'
          : list.status === 'error'
            ? '加载失败，点此重试'
            : list.hasMore
              ? '上滑加载更多'
              : `共 ${list.total} 条`}
      </View>
    </View>
  );
}

export { Empty };
