import Taro, { useRouter } from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/client';
import { writeToken } from '../../src/api/token';
import { OptionChips } from '../../src/components/OptionChips';
import { ProductPicker } from '../../src/components/ProductPicker';
import { LoadFailed } from '../../src/components/StateView';
import { TabBar } from '../../src/components/TabBar';
import LoginPage from '../../src/pages/login/index';
import StockPage from '../../src/pages/stock/index';
import { endSession } from '../../src/state/session';
import BillEditPage from '../../src/sub/bill/edit/index';
import ProductEditPage from '../../src/sub/product/edit/index';
import LedgerPage from '../../src/sub/product/ledger/index';
import { me, serve, signIn } from '../fixtures';

const list = <T,>(items: T[]) => ({ status: 200, data: { items, total: items.length, page: 1, pageSize: 20 } });
const networkDown = new ApiError(0, 'NETWORK', '网络不通，请检查网络后重试', undefined);
const stockPoints = [
  { id: '1', name: '默认仓库', isDefault: true },
  { id: '2', name: '门店仓', isDefault: false },
];

beforeEach(() => {
  endSession();
  vi.mocked(Taro.reLaunch).mockClear();
  vi.mocked(useRouter).mockReturnValue({ params: {} } as never);
});

describe('signing in', () => {
  it('shows the server’s reason for a wrong password and stays on the login page', async () => {
    writeToken(null);
    serve((route) =>
      route === 'POST /api/auth/login'
        ? { status: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password, or the account is disabled' } } }
        : undefined,
    );
    const { container } = render(<LoginPage />);
    fireEvent.input(container.querySelector('.field-username input')!, { target: { value: 'owner' } });
    fireEvent.input(container.querySelector('.field-password input')!, { target: { value: 'wrong-password' } });
    fireEvent.click(screen.getByText('登录'));
    await waitFor(() => expect(container.querySelector('.login-error')?.textContent).toBe('账号或密码错误，或账号已停用'));
    expect(screen.queryByText('登录已失效，请重新登录')).toBeNull();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });
});

describe('when the network is down', () => {
  it('the product picker says so and its retry loads the products', async () => {
    let online = false;
    serve((route) => (route === 'GET /api/products' ? (online ? list([{ id: '9', name: '云南红茶', code: null, unit: '罐' }]) : 'network down') : undefined));
    render(<ProductPicker open onClose={() => undefined} onPick={() => undefined} price={null} />);
    await screen.findByText('网络不通，请检查网络后重试');
    online = true;
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('云南红茶');
    expect(screen.queryByText('网络不通，请检查网络后重试')).toBeNull();
  });

  it('the bill form says its choices did not load, and its retry fills them in', async () => {
    await signIn(me('owner'));
    let online = false;
    serve((route) => {
      if (!online) return 'network down';
      if (route === 'GET /api/config') return { status: 200, data: { inboundTypes: ['采购入库'], outboundTypes: ['销售出库'], units: ['个'] } };
      if (route === 'GET /api/stock-points') return list(stockPoints);
      if (route === 'GET /api/customers') return list([]);
      return undefined;
    });
    vi.mocked(useRouter).mockReturnValue({ params: { direction: 'out' } } as never);
    const { container } = render(<BillEditPage />);
    await screen.findByText('选项没能加载');
    expect(container.querySelector('.field-billType .field__value')?.textContent).toContain('请选择');
    online = true;
    fireEvent.click(container.querySelector('.load-failed .state-retry')!);
    await waitFor(() => expect(container.querySelector('.field-billType .field__value')?.textContent).toContain('销售出库'));
    expect(container.querySelector('.field-stockPointId .field__value')?.textContent).toContain('默认仓库');
    expect(container.querySelector('.load-failed')).toBeNull();
  });

  it('a form retries only what failed', () => {
    const failed = { error: networkDown, reload: vi.fn(async () => undefined) };
    const loaded = { error: null, reload: vi.fn(async () => undefined) };
    render(<LoadFailed remotes={[loaded, failed]} />);
    fireEvent.click(screen.getByText('重试'));
    expect(failed.reload).toHaveBeenCalledOnce();
    expect(loaded.reload).not.toHaveBeenCalled();
  });

  it('filter chips that did not load offer a retry instead of vanishing', () => {
    const reload = vi.fn(async () => undefined);
    render(<OptionChips name="points" noun="库存点" choices={{ error: networkDown, reload, options: [] }} value="" onChange={() => undefined} />);
    fireEvent.click(screen.getByText('库存点没能加载，点此重试'));
    expect(reload).toHaveBeenCalledOnce();
  });
});

describe('staff who may not see stock', () => {
  it('get no 库存 tab', async () => {
    await signIn(me('owner'));
    const owner = render(<TabBar current="home" />);
    expect(screen.queryByText('库存')).not.toBeNull();
    owner.unmount();
    await signIn(me('staff', { hideInventory: true }));
    render(<TabBar current="home" />);
    expect(screen.queryByText('库存')).toBeNull();
    expect(screen.getByText('我的')).toBeTruthy();
  });

  it('are sent home when they open the 库存 page anyway', async () => {
    await signIn(me('staff', { hideInventory: true }));
    render(<StockPage />);
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }));
  });
});

describe('the product ledger', () => {
  const entry = (id: string, stockPointId: string, quantity: string, balanceQuantity: string) => ({
    id,
    billId: id,
    billNo: `B${id}`,
    lineNo: 1,
    billDate: '2026-11-22',
    billType: quantity.startsWith('-') ? '销售出库' : '采购入库',
    direction: quantity.startsWith('-') ? 'out' : 'in',
    kind: 'normal',
    transferPeerId: null,
    stockPointId,
    stockPointName: stockPoints.find((p) => p.id === stockPointId)!.name,
    quantity,
    balanceQuantity,
    createdAt: '2026-11-22T00:00:00Z',
  });
  const rows = [entry('3', '2', '3.000', '3.000'), entry('2', '1', '-2.000', '8.000'), entry('1', '1', '10.000', '10.000')];

  it('filters by stock point and names the stock point of each balance where points mix', async () => {
    await signIn(me('owner'));
    const asked: string[] = [];
    serve((route, url) => {
      if (route === 'GET /api/stock-points') return list(stockPoints);
      if (route !== 'GET /api/products/7/ledger') return undefined;
      const point = url.searchParams.get('stockPointId');
      asked.push(point ?? 'all');
      return list(point ? rows.filter((row) => row.stockPointId === point) : rows);
    });
    vi.mocked(useRouter).mockReturnValue({ params: { id: '7', name: '红茶' } } as never);
    const { container } = render(<LedgerPage />);
    await screen.findByText('门店仓 结存 3');
    expect(Array.from(container.querySelectorAll('.ledger-balance')).map((b) => b.textContent)).toEqual(['门店仓 结存 3', '默认仓库 结存 8', '默认仓库 结存 10']);
    // Out is not green: in and out have their own colours.
    expect(Array.from(container.querySelectorAll('.ledger-qty')).map((q) => `${q.textContent} ${q.className.includes(' out') ? 'out' : 'in'}`)).toEqual(['+3 in', '-2 out', '+10 in']);

    fireEvent.click(screen.getByText('默认仓库'));
    await waitFor(() => expect(Array.from(container.querySelectorAll('.ledger-balance')).map((b) => b.textContent)).toEqual(['结存 8', '结存 10']));
    expect(asked).toEqual(['all', '1']);
  });

  it('opens on the stock point it was opened for', async () => {
    await signIn(me('owner'));
    const asked: string[] = [];
    serve((route, url) => {
      if (route === 'GET /api/stock-points') return list(stockPoints);
      if (route !== 'GET /api/products/7/ledger') return undefined;
      asked.push(url.searchParams.get('stockPointId') ?? 'all');
      return list(rows.filter((row) => row.stockPointId === '2'));
    });
    vi.mocked(useRouter).mockReturnValue({ params: { id: '7', stockPointId: '2' } } as never);
    render(<LedgerPage />);
    await screen.findByText('结存 3');
    expect(asked).toEqual(['2']);
  });
});

describe('entering products one after another', () => {
  it('保存并新增 saves the product and clears the form for the next, keeping its category, unit and supplier', async () => {
    await signIn(me('owner'));
    const created: unknown[] = [];
    serve((route) => {
      if (route === 'GET /api/config') return { status: 200, data: { inboundTypes: ['采购入库'], outboundTypes: ['销售出库'], units: ['个', '盒'] } };
      if (route === 'GET /api/categories') return list([{ id: '3', name: '面膜' }]);
      if (route === 'GET /api/suppliers') return list([]);
      if (route === 'POST /api/products') {
        const { data } = vi.mocked(Taro.request).mock.calls.at(-1)![0];
        created.push(typeof data === 'string' ? JSON.parse(data) : data);
        return { status: 201, data: { id: String(created.length) } };
      }
      return undefined;
    });
    const { container } = render(<ProductEditPage />);
    const field = (name: string) => container.querySelector(`.field-${name} input`) as HTMLInputElement;
    await waitFor(() => expect(container.querySelector('.field-unit .field__value')?.textContent).toContain('个'));
    fireEvent.input(field('name'), { target: { value: '补水面膜' } });
    fireEvent.input(field('outboundPrice'), { target: { value: '69' } });
    fireEvent.click(container.querySelector('.field-categoryId .field__value')!);
    fireEvent.click(await screen.findByText('面膜', { selector: '.option, .option *' }));
    fireEvent.click(screen.getByText('保存并新增'));

    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ name: '补水面膜', outboundPrice: '69', categoryId: '3', unit: '个' });
    await waitFor(() => expect(field('name').value).toBe(''));
    expect(field('outboundPrice').value).toBe('');
    expect(container.querySelector('.field-categoryId .field__value')?.textContent).toContain('面膜');
    expect(Taro.navigateBack).not.toHaveBeenCalled();

    fireEvent.input(field('name'), { target: { value: '美白面膜' } });
    fireEvent.click(screen.getByText('保存并新增'));
    await waitFor(() => expect(created).toHaveLength(2));
    expect(created[1]).toMatchObject({ name: '美白面膜', categoryId: '3' });
  });
});

describe('a category or unit missing from the product form', () => {
  it('is made from inside the form and selected, the form kept as typed', async () => {
    await signIn(me('owner'));
    const categories = [{ id: '3', name: '面膜' }];
    let units = ['个'];
    serve((route) => {
      const { data } = vi.mocked(Taro.request).mock.calls.at(-1)![0];
      const body = typeof data === 'string' ? JSON.parse(data) : data;
      if (route === 'GET /api/config') return { status: 200, data: { inboundTypes: ['采购入库'], outboundTypes: ['销售出库'], units } };
      if (route === 'PUT /api/config') {
        units = body.units;
        return { status: 200, data: { inboundTypes: ['采购入库'], outboundTypes: ['销售出库'], units } };
      }
      if (route === 'GET /api/categories') return list(categories);
      if (route === 'POST /api/categories') {
        if (body.name === '面膜') return { status: 409, data: { error: { code: 'CONFLICT', message: 'A category with this name already exists', details: [{ field: 'name', message: 'is already used' }] } } };
        categories.push({ id: '4', name: body.name });
        return { status: 201, data: { id: '4', name: body.name } };
      }
      if (route === 'GET /api/suppliers') return list([]);
      return undefined;
    });
    const { container } = render(<ProductEditPage />);
    await waitFor(() => expect(container.querySelector('.field-unit .field__value')?.textContent).toContain('个'));
    fireEvent.input(container.querySelector('.field-name input')!, { target: { value: '保湿面霜' } });

    fireEvent.click(screen.getByText('＋ 新建分类'));
    fireEvent.click(screen.getByText('保存并选中'));
    await screen.findByText('必填');
    fireEvent.input(container.querySelector('.field-newOption input')!, { target: { value: '面膜' } });
    fireEvent.click(screen.getByText('保存并选中'));
    await waitFor(() => expect(container.querySelector('.field-newOption .field__error')?.textContent).toBeTruthy());
    fireEvent.input(container.querySelector('.field-newOption input')!, { target: { value: '面霜' } });
    fireEvent.click(screen.getByText('保存并选中'));
    await waitFor(() => expect(container.querySelector('.field-categoryId .field__value')?.textContent).toContain('面霜'));
    expect(container.querySelector('.field-newOption')).toBeNull();

    fireEvent.click(screen.getByText('＋ 新建单位'));
    fireEvent.input(container.querySelector('.field-newOption input')!, { target: { value: '瓶' } });
    fireEvent.click(screen.getByText('保存并选中'));
    await waitFor(() => expect(container.querySelector('.field-unit .field__value')?.textContent).toContain('瓶'));
    expect(units).toEqual(['个', '瓶']);
    expect((container.querySelector('.field-name input') as HTMLInputElement).value).toBe('保湿面霜');
  });
});
