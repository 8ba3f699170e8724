import { STAFF_PERMISSION_KEYS } from '@xiaocang/domain/rules';
import { DEFAULT_STAFF_PERMISSIONS } from '@xiaocang/domain';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro, { useRouter } from '@tarojs/taro';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bill, BillLine, Me } from '../../src/api/types';
import { writeToken } from '../../src/api/token';
import { STAFF_SWITCHES } from '../../src/lib/labels';
import { shortageLines, warningLines } from '../../src/lib/stock-messages';
import BillsPage from '../../src/pages/bills/index';
import HomePage from '../../src/pages/home/index';
import { endSession, refreshMe } from '../../src/state/session';
import BillDetailPage from '../../src/sub/bill/detail/index';
import BillEditPage from '../../src/sub/bill/edit/index';
import { billOf } from '../fixtures';

const stamp = '2026-11-22T00:00:00Z';
const meAs = (role: 'owner' | 'staff', userId: string): Me => ({
  user: { id: userId, username: 'u', realName: role === 'owner' ? '店主' : '小李', role, status: 'active', createdAt: stamp, updatedAt: stamp, lastLoginAt: null },
  shop: { id: '1', name: '茶叶铺', staffPermissions: DEFAULT_STAFF_PERMISSIONS, allowNegativeStock: false, archiveAfterMonths: null, archivedBefore: null, createdAt: stamp, updatedAt: stamp },
  permissions: role === 'owner' ? DEFAULT_STAFF_PERMISSIONS : { ...DEFAULT_STAFF_PERMISSIONS, adminApproval: true },
});
const owner = meAs('owner', '1');
const clerk = meAs('staff', '2');

const line = (productId: string, productName: string, quantity: string): BillLine => ({
  id: `l${productId}`,
  lineNo: 1,
  productId,
  productName,
  productCode: null,
  unit: '个',
  specification: '',
  quantity,
});
const billIn = (status: Bill['status'], fields: Partial<Bill> = {}): Bill =>
  billOf({
    id: '9',
    billNo: 'OUT202611220001',
    billDate: '2026-11-22',
    totalQuantity: '7.000',
    totalAmount: undefined,
    totalCost: undefined,
    status,
    approvalStatus: status === 'pending' ? 'pending' : status === 'rejected' ? 'rejected' : null,
    rejectedReason: status === 'rejected' ? '数量不对' : null,
    confirmedBy: null,
    createdBy: '2',
    createdByName: '小李',
    createdAt: stamp,
    updatedAt: stamp,
    lines: [line('11', '白瓷品茗杯', '5.000'), line('12', '云南古树红茶', '2.000')],
    ...fields,
  });

/** A stand-in for the server: answers by method and path, and records what was asked. */
const requestMock = vi.mocked(Taro.request);
function serve(routes: Record<string, (body: unknown) => [number, unknown]>) {
  requestMock.mockImplementation((async ({ url, method, data }: { url: string; method: string; data: unknown }) => {
    const path = url.replace(/^\/api/, '').split('?')[0];
    const answer = routes[`${method} ${path}`];
    if (!answer) throw new Error(`unexpected ${method} ${url}`);
    const [statusCode, body] = answer(data);
    return { statusCode, data: body, header: {}, errMsg: '' };
  }) as never);
}
const asked = () => requestMock.mock.calls.map(([options]) => `${(options as { method: string }).method} ${(options as { url: string }).url}`);

async function signIn(me: Me) {
  endSession();
  writeToken('t0k');
  serve({ 'GET /me': () => [200, me] });
  await refreshMe();
}

beforeEach(() => {
  requestMock.mockReset();
  vi.mocked(Taro.showModal).mockClear();
  vi.mocked(Taro.reLaunch).mockClear();
  vi.mocked(useRouter).mockReturnValue({ params: { id: '9' } } as never);
});

describe('stock messages', () => {
  const lines = billIn('pending').lines!;
  it('name each short line with what it needs, what there is and what is missing', () => {
    expect(
      shortageLines(
        [
          { productId: '11', stockPointId: '1', requested: '5.000', available: '1.500' },
          { productId: '12', stockPointId: '1', requested: '2.000', available: '0.000' },
        ],
        lines,
      ),
    ).toEqual(['白瓷品茗杯：需要 5 个，可用 1.5 个，缺 3.5 个', '云南古树红茶：需要 2 个，可用 0 个，缺 2 个']);
  });

  it('say only that stock is short to whoever may not see stock', () => {
    expect(shortageLines([{ productId: '11', stockPointId: '1', requested: '5.000' }], lines)).toEqual(['白瓷品茗杯：库存不足']);
    expect(warningLines([{ productId: '11', productName: '白瓷品茗杯', stockPointId: '1', requested: '5.000' }], lines)).toEqual(['白瓷品茗杯：库存可能不足']);
    expect(warningLines([{ productId: '11', productName: '白瓷品茗杯', stockPointId: '1', requested: '5.000', available: '1.000' }], lines)).toEqual([
      '白瓷品茗杯：需要 5 个，现有 1 个',
    ]);
  });
});

describe('the bill detail follows the bill state machine', () => {
  const buttons = () => Array.from(document.querySelectorAll('.actions .nut-button')).map((button) => button.textContent?.trim());

  it('offers the staff member who made a rejected bill to correct and resubmit it, with the owner’s reason', async () => {
    await signIn(clerk);
    let stored = billIn('rejected');
    serve({
      'GET /bills/9': () => [200, stored],
      'POST /bills/9/reopen': () => [200, (stored = billIn('draft', { rejectedReason: '数量不对' }))],
    });
    render(<BillDetailPage />);
    await screen.findByText('数量不对');
    expect(buttons()).toEqual(['修改后重新提交']);
    fireEvent.click(screen.getByText('修改后重新提交'));
    await waitFor(() => expect(asked()).toContain('POST /api/bills/9/reopen'));
    await screen.findByText('上次驳回原因');
    expect(buttons()).toEqual(['编辑', '删除', '提交审核']);
  });

  it('lets its creator withdraw a pending bill, and only the owner approve or reject it', async () => {
    await signIn(clerk);
    serve({ 'GET /bills/9': () => [200, billIn('pending')], 'POST /bills/9/withdraw': () => [200, billIn('draft')] });
    const { unmount } = render(<BillDetailPage />);
    await screen.findByText('撤回');
    expect(buttons()).toEqual(['撤回']);
    fireEvent.click(screen.getByText('撤回'));
    await waitFor(() => expect(asked()).toContain('POST /api/bills/9/withdraw'));
    unmount();

    await signIn(owner);
    serve({ 'GET /bills/9': () => [200, billIn('pending')] });
    render(<BillDetailPage />);
    await screen.findByText('通过');
    expect(buttons()).toEqual(['驳回', '通过']);
  });

  it('tells the owner which lines are short and by how much when approval fails', async () => {
    await signIn(owner);
    serve({
      'GET /bills/9': () => [200, billIn('pending')],
      'POST /bills/9/approve': () => [
        409,
        {
          error: {
            code: 'INSUFFICIENT_STOCK',
            message: 'Not enough stock for one or more lines',
            details: [{ productId: '11', stockPointId: '1', requested: '5.000', available: '3.000' }],
          },
        },
      ],
    });
    render(<BillDetailPage />);
    fireEvent.click(await screen.findByText('通过'));
    await screen.findByText('库存不足，无法审核通过');
    expect(screen.getByText('白瓷品茗杯：需要 5 个，可用 3 个，缺 2 个')).toBeTruthy();
  });

  it('warns the staff member on submitting a bill the stock may not cover', async () => {
    await signIn(clerk);
    const warned = billIn('pending', { stockWarnings: [{ productId: '11', productName: '白瓷品茗杯', stockPointId: '1', requested: '5.000' }] });
    serve({ 'GET /bills/9': () => [200, billIn('draft')], 'POST /bills/9/confirm': () => [200, warned] });
    render(<BillDetailPage />);
    fireEvent.click(await screen.findByText('提交审核'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(2));
    expect(vi.mocked(Taro.showModal).mock.calls[1]![0]).toMatchObject({ content: expect.stringContaining('白瓷品茗杯：库存可能不足') });
  });
});

describe('the bill form', () => {
  it('submits an edited draft for approval after saving it, instead of only saving it', async () => {
    await signIn(clerk);
    let stored = billIn('draft', { rejectedReason: '数量不对' });
    serve({
      'GET /bills/9': () => [200, stored],
      'GET /config': () => [200, { inboundTypes: ['采购入库'], outboundTypes: ['销售出库'] }],
      'GET /stock-points': () => [200, { items: [], total: 0, page: 1, pageSize: 200 }],
      'GET /customers': () => [200, { items: [], total: 0, page: 1, pageSize: 200 }],
      'PUT /bills/9': () => [200, stored],
      'POST /bills/9/confirm': () => [200, (stored = billIn('pending'))],
    });
    const { container } = render(<BillEditPage />);
    await screen.findByText('白瓷品茗杯');
    fireEvent.click(container.querySelector('.save-confirm')!);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/sub/bill/detail/index?id=9' }));
    expect(asked().filter((call) => !call.startsWith('GET'))).toEqual(['PUT /api/bills/9', 'POST /api/bills/9/confirm']);
    const keys = requestMock.mock.calls.slice(-2).map(([options]) => (options as { header: Record<string, string> }).header['Idempotency-Key']);
    expect(keys[1]).toBe(`${keys[0]}-confirm`);
  });
});

describe('the 待审核 tile', () => {
  it('opens the bill list filtered to pending bills, which asks the server for those only', async () => {
    await signIn(owner);
    serve({ 'GET /dashboard': () => [200, { today: '2026-11-22', todayInboundCount: 0, todayOutboundCount: 0, todayOutboundAmount: '0.00', monthSales: '0.00', pendingApprovalCount: 2 }] });
    const { container, unmount } = render(<HomePage />);
    await screen.findByText('待审核单据');
    fireEvent.click(container.querySelector('.tile-pending')!);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/bills/index?status=pending' });
    unmount();

    vi.mocked(useRouter).mockReturnValue({ params: { status: 'pending' } } as never);
    serve({ 'GET /bills': () => [200, { items: [], total: 0, page: 1, pageSize: 20 }] });
    const list = render(<BillsPage />);
    await waitFor(() => expect(asked().some((call) => call.startsWith('GET /api/bills?') && call.includes('status=pending'))).toBe(true));
    expect(list.container.querySelector('.chip-pending')?.className).toContain('chip--on');
  });
});

describe('the switch list', () => {
  it('is the domain’s, in its order, each explained in Chinese', () => {
    expect(STAFF_SWITCHES.map((item) => item.key)).toEqual([...STAFF_PERMISSION_KEYS]);
    for (const item of STAFF_SWITCHES) expect(item.title.length * item.help.length, item.key).toBeGreaterThan(0);
  });
});
