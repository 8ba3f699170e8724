import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/client';
import { SelectField, TextField } from '../../src/components/Fields';
import { PagedList } from '../../src/components/PagedList';
import { StatusTag } from '../../src/components/StatusTag';
import { Empty } from '../../src/components/StateView';
import { hasMore, initialPaged, mergePage } from '../../src/hooks/usePagedList';

const list = <T,>(overrides: Partial<ReturnType<typeof initialPaged<T>>> & { hasMore?: boolean }) => ({
  ...initialPaged<T>(),
  hasMore: false,
  reload: vi.fn(async () => undefined),
  retry: vi.fn(async () => undefined),
  loadMore: vi.fn(),
  ...overrides,
});

describe('paging', () => {
  it('replaces on page 1 and appends later pages', () => {
    let state = mergePage(initialPaged<number>(), { items: [1, 2], total: 3, page: 1, pageSize: 2 });
    expect(hasMore(state)).toBe(true);
    state = mergePage(state, { items: [3], total: 3, page: 2, pageSize: 2 });
    expect(state.items).toEqual([1, 2, 3]);
    expect(hasMore(state)).toBe(false);
    expect(mergePage(state, { items: [9], total: 1, page: 1, pageSize: 2 }).items).toEqual([9]);
  });
});

describe('PagedList', () => {
  it('shows a loading state first, never a blank screen', () => {
    render(<PagedList list={list<string>({})} empty={<Empty title="空" />}>{(s) => <div key={s}>{s}</div>}</PagedList>);
    expect(screen.getByText('加载中…')).toBeTruthy();
  });

  it('shows the designed empty state', () => {
    render(<PagedList list={list<string>({ status: 'ready' })} empty={<Empty title="还没有商品" />}>{(s) => <div key={s}>{s}</div>}</PagedList>);
    expect(screen.getByText('还没有商品')).toBeTruthy();
  });

  it('shows the error with a retry that reloads', () => {
    const failed = list<string>({ status: 'error', error: new ApiError(0, 'NETWORK', '网络不通，请检查网络后重试', undefined) });
    render(<PagedList list={failed} empty={null}>{(s) => <div key={s}>{s}</div>}</PagedList>);
    expect(screen.getByText('网络不通，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(failed.reload).toHaveBeenCalled();
  });

  it('retries a page that failed below the rows already shown', () => {
    const failed = list<string>({ status: 'error', items: ['甲'], total: 5, error: new ApiError(0, 'NETWORK', '网络不通，请检查网络后重试', undefined) });
    render(<PagedList list={failed} empty={null}>{(s) => <div key={s}>{s}</div>}</PagedList>);
    fireEvent.click(screen.getByText('加载失败，点此重试'));
    expect(failed.retry).toHaveBeenCalledOnce();
  });

  it('offers the next page at the bottom', () => {
    const more = list<string>({ status: 'ready', items: ['甲', '乙'], total: 5, hasMore: true });
    render(<PagedList list={more} empty={null}>{(s) => <div key={s}>{s}</div>}</PagedList>);
    expect(screen.getByText('乙')).toBeTruthy();
    fireEvent.click(screen.getByText('上滑加载更多'));
    expect(more.loadMore).toHaveBeenCalled();
  });
});

describe('form fields', () => {
  it('shows the error beside the field instead of the hint', () => {
    const { container } = render(<TextField name="name" label="商品名称" value="" onChange={() => undefined} hint="提示" error="必填" />);
    expect(screen.getByText('必填')).toBeTruthy();
    expect(screen.queryByText('提示')).toBeNull();
    expect(container.querySelector('.field-name.field--error')).toBeTruthy();
  });

  it('picks an option from the sheet and can clear it', () => {
    const onChange = vi.fn();
    render(<SelectField name="unit" label="单位" value={null} clearable options={[{ value: '箱', label: '箱' }, { value: '罐', label: '罐' }]} onChange={onChange} />);
    fireEvent.click(screen.getByText('请选择'));
    fireEvent.click(screen.getByText('罐'));
    expect(onChange).toHaveBeenLastCalledWith('罐');
    fireEvent.click(screen.getByText('请选择'));
    fireEvent.click(screen.getByText('不选'));
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('labels bill statuses in Chinese', () => {
    render(<StatusTag status="pending" />);
    expect(screen.getByText('待审核')).toBeTruthy();
  });
});
