import { useReachBottom } from '@tarojs/taro';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/client';
import { usePagedList } from '../../src/hooks/usePagedList';

const page = (n: number, total: number) => ({ items: Array.from({ length: n }, (_, i) => `#${i}`), total, page: 1, pageSize: 20 });

describe('usePagedList', () => {
  it('loads the next page when the user scrolls to the bottom, and stops at the end', async () => {
    const fetchPage = vi.fn(async (p: number) => ({ ...page(p === 1 ? 20 : 5, 25), page: p }));
    const { result } = renderHook(() => usePagedList<string>(fetchPage, []));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.items).toHaveLength(20);
    expect(result.current.hasMore).toBe(true);

    const onReachBottom = vi.mocked(useReachBottom).mock.calls.at(-1)![0];
    act(() => onReachBottom());
    await waitFor(() => expect(result.current.items).toHaveLength(25));
    expect(fetchPage).toHaveBeenLastCalledWith(2, 20);
    expect(result.current.hasMore).toBe(false);

    act(() => vi.mocked(useReachBottom).mock.calls.at(-1)![0]());
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('keeps what is shown when a later page fails, so the user can retry', async () => {
    let online = true;
    const fetchPage = vi.fn(async (p: number) => {
      if (!online) throw new ApiError(0, 'NETWORK', '网络不通', undefined);
      return { ...page(20, 40), page: p };
    });
    const { result } = renderHook(() => usePagedList<string>(fetchPage, []));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    online = false;
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.items).toHaveLength(20);
    // The retry asks for the page that failed, not page 1 again.
    online = true;
    await act(() => result.current.retry());
    expect(fetchPage).toHaveBeenLastCalledWith(2, 20);
    expect(result.current.items).toHaveLength(40);
  });

  it('drops an answer to a search that was replaced by a newer one', async () => {
    const answers: Array<(list: ReturnType<typeof page>) => void> = [];
    const fetchPage = vi.fn((_q: string) => new Promise<ReturnType<typeof page>>((resolve) => answers.push(resolve)));
    const { result, rerender } = renderHook(({ q }) => usePagedList<string>(() => fetchPage(q), [q]), { initialProps: { q: 'a' } });
    rerender({ q: 'ab' });
    await act(async () => {
      answers[1]!(page(1, 1));
      answers[0]!(page(7, 7));
    });
    expect(result.current.items).toHaveLength(1);
  });
});
