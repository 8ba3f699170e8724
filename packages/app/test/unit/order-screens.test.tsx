import Taro, { useRouter } from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Order } from '../../src/api/types';
import { endSession } from '../../src/state/session';
import OrderDetailPage from '../../src/sub/order/detail/index';
import { me, serve, signIn } from '../fixtures';

const orderOf = (overrides: Partial<Order> = {}): Order => ({
  id: '7',
  orderNo: 'DD20261202000001',
  status: 'pendingPayment',
  customerId: '3',
  customerName: '王小姐',
  customerPhone: '13800001234',
  totalAmount: '50.00',
  lines: [{ lineNo: 1, goodsId: '1', title: '玫瑰面膜（10 片）', unitPrice: '25.00', quantity: '2.000', amount: '50.00', shippedQuantity: '0.000', remainingQuantity: '2.000' }],
  shipping: 'none',
  address: { name: '王小姐', phone: '13800001234', region: '广东省 广州市', detail: '体育西路 1 号' },
  note: '',
  createdAt: '2026-12-02T07:00:00.000Z',
  expiresAt: new Date(Date.now() + 20 * 60_000).toISOString(),
  paidAt: null,
  billId: null,
  refundBillId: null,
  shipments: [],
  refund: null,
  cancelReason: null,
  completedAt: null,
  paymentMethod: null,
  transactionId: null,
  paymentProblem: null,
  onlineRefunds: [],
  ...overrides,
});

const accounts = { items: [{ id: '11', name: '微信', kind: 'wechat', position: 0, remarks: '', status: 'active' }], total: 1, page: 1, pageSize: 50 };
const buttons = (container: HTMLElement) => Array.from(container.querySelectorAll('.order-actions button, .order-actions .nut-button')).map((b) => b.textContent?.trim());

beforeEach(async () => {
  endSession();
  await signIn(me('owner'));
  vi.mocked(useRouter).mockReturnValue({ params: { id: '7' } } as never);
});

describe('订单详情', () => {
  it('offers only what the order’s status allows', async () => {
    let order = orderOf();
    serve((route) => (route === 'GET /api/orders/7' ? { status: 200, data: order } : route === 'GET /api/me' ? { status: 200, data: me('owner') } : undefined));
    const first = render(<OrderDetailPage />);
    await screen.findByText(/等待付款，还剩 2\d 分钟/);
    expect(first.container.querySelector('.open-pay')).not.toBeNull();
    expect(first.container.querySelector('.open-cancel')).not.toBeNull();
    expect(first.container.querySelector('.open-ship')).toBeNull();
    first.unmount();

    order = orderOf({ status: 'refunding', paidAt: '2026-12-02T07:05:00.000Z', billId: '9', refund: { kind: 'refundOnly', reason: '不想要了', returnTrackingNo: '', requestedAt: '2026-12-02T08:00:00.000Z', resolvedAt: null, refusal: null } });
    const second = render(<OrderDetailPage />);
    await screen.findByText('不想要了');
    expect(second.container.querySelector('.approve-refund')).not.toBeNull();
    expect(second.container.querySelector('.open-refuse')).not.toBeNull();
    expect(second.container.querySelector('.open-pay')).toBeNull();
    expect(buttons(second.container)).not.toContain('发货');
  });

  it('shows an order paid by WeChat Pay with its transaction, its refund through WeChat Pay, and a payment problem', async () => {
    const order = orderOf({
      status: 'refunded',
      paidAt: '2026-12-02T07:05:00.000Z',
      billId: '9',
      paymentMethod: 'wechatPay',
      transactionId: '4200001234567890',
      paymentProblem: '订单已付款后又收到一笔微信支付 ¥50.00（交易号 4200009999）：未入账，请退还顾客',
      onlineRefunds: [{ outRefundNo: 'DD20261202000001R1', amount: '50.00', status: 'pending', createdAt: '2026-12-02T08:00:00.000Z', resolvedAt: null }],
    });
    serve((route) => (route === 'GET /api/orders/7' ? { status: 200, data: order } : route === 'GET /api/me' ? { status: 200, data: me('owner') } : undefined));
    const { container } = render(<OrderDetailPage />);
    await screen.findByText('4200001234567890');
    expect(container.querySelector('.kv-payment-method .kv__v')?.textContent).toBe('微信支付');
    expect(container.querySelector('.kv-online-refund')?.textContent).toContain('退款中（原路退回微信）');
    expect(container.querySelector('.order-payment-problem')?.textContent).toContain('未入账，请退还顾客');
  });

  it('says in words why a late payment is refused when its stock was sold', async () => {
    const order = orderOf({ status: 'cancelled', cancelReason: '超时未付款' });
    serve((route) => {
      if (route === 'GET /api/orders/7') return { status: 200, data: order };
      if (route === 'GET /api/payment-accounts') return { status: 200, data: accounts };
      if (route === 'POST /api/orders/7/mark-paid') {
        return {
          status: 409,
          data: { error: { code: 'INVALID_STATE', message: 'This order expired and its stock has been sold since (第 1 行「玫瑰面膜（10 片）」库存不足：要 2，可买 0): give the customer their money back' } },
        };
      }
      return undefined;
    });
    const { container } = render(<OrderDetailPage />);
    await screen.findByText(/订单已取消。顾客若仍付了款/);
    fireEvent.click(container.querySelector('.open-pay')!);
    fireEvent.click(await screen.findByText('微信'));
    fireEvent.click(container.querySelector('.confirm-pay')!);
    await waitFor(() => expect(container.querySelector('.order-error')?.textContent).toBe('订单已过期，库存已经卖给了别人（第 1 行「玫瑰面膜（10 片）」库存不足：要 2，可买 0），无法确认收款：请把钱退给顾客'));
    expect(vi.mocked(Taro.request).mock.calls.find(([options]) => options.url.includes('mark-paid'))?.[0].data).toEqual({ paymentAccountId: '11' });
  });

  it('ships part of the order: the lines left out are not sent, and a refusal shows under the line it names', async () => {
    const soap = { lineNo: 2, goodsId: '2', title: '手工皂', unitPrice: '12.00', quantity: '3.000', amount: '36.00', shippedQuantity: '1.000', remainingQuantity: '2.000' };
    const order = orderOf({ status: 'paid', paidAt: '2026-12-02T07:05:00.000Z', billId: '9', shipping: 'partial', lines: [orderOf().lines[0]!, soap] });
    serve((route) => {
      if (route === 'GET /api/orders/7') return { status: 200, data: order };
      if (route === 'POST /api/orders/7/ship') {
        return { status: 400, data: { error: { code: 'VALIDATION_FAILED', message: 'lines.0.quantity only 2.000 of line 2 remains to send', details: [{ field: 'lines.0.quantity', message: 'only 2.000 of line 2 remains to send' }] } } };
      }
      return undefined;
    });
    const { container } = render(<OrderDetailPage />);
    await screen.findByText('已发 1，待发 2');
    fireEvent.click(container.querySelector('.open-ship')!);
    const field = (name: string) => container.querySelector(`.field-${name} input`)!;
    expect((field('ship-line-1') as HTMLInputElement).value).toBe('2');
    expect((field('ship-line-2') as HTMLInputElement).value).toBe('2');
    fireEvent.input(field('ship-line-1'), { target: { value: '0' } });
    fireEvent.input(field('ship-line-2'), { target: { value: '2.5' } });
    fireEvent.click(container.querySelector('.carrier')!);
    fireEvent.input(field('trackingNo'), { target: { value: 'SF1' } });
    fireEvent.click(container.querySelector('.confirm-ship')!);
    await waitFor(() => expect(container.querySelector('.field-ship-line-2 .field__error')?.textContent).toBe('只剩 2 待发'));
    expect(container.querySelector('.field-ship-line-1 .field__error')).toBeNull();
    const sent = vi.mocked(Taro.request).mock.calls.find(([options]) => options.url.includes('/ship'))?.[0];
    expect(sent?.data).toEqual({ carrier: '顺丰', trackingNo: 'SF1', lines: [{ lineNo: 2, quantity: '2.5' }] });
    expect(sent?.header).toMatchObject({ 'Idempotency-Key': expect.any(String) });
  });
});
