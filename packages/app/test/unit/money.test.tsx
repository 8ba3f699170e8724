import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { translateServerMessage } from '../../src/api/messages';
import { BillMoney } from '../../src/components/BillMoney';
import { PaymentFields, usePayment } from '../../src/components/PaymentFields';
import { useCustomerPrices } from '../../src/hooks/useCustomerPrices';
import type { LineDraft } from '../../src/lib/bill-form';
import { billOf } from '../fixtures';

const requestMock = vi.mocked(Taro.request);
const accounts = { items: [{ id: '11', name: '微信', kind: 'wechat', status: 'active' }, { id: '12', name: '现金', kind: 'cash', status: 'active' }], total: 2, page: 1, pageSize: 50 };

beforeEach(() => {
  requestMock.mockReset();
  requestMock.mockImplementation((async ({ url }: { url: string }) => {
    if (url.startsWith('/api/payment-accounts')) return { statusCode: 200, data: accounts };
    const match = /\/api\/customers\/(\d+)\/prices\?productIds=(.*)$/.exec(url);
    if (match) {
      const level = match[1] === '7' ? '7.50' : '9.00';
      const ids = decodeURIComponent(match[2]!).split(',');
      return { statusCode: 200, data: { customerId: match[1], priceLevelId: '3', priceLevelName: '代理价', items: ids.map((productId) => ({ productId, price: level, allowed: true })) } };
    }
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: 'No such route' } } };
  }) as never);
});

function SaleMoney({ total, hasParty, onBody }: { total: string; hasParty: boolean; onBody: (body: unknown) => void }) {
  const payment = usePayment(null);
  onBody(payment.body);
  return <PaymentFields direction="out" total={total} hasParty={hasParty} payment={payment} errors={{}} />;
}

describe('what a sale says was paid at once', () => {
  it('shows what the customer will owe, pays all with one tap into the first account, and sends nothing paid as no account', async () => {
    const bodies: unknown[] = [];
    const { container } = render(<SaleMoney total="100.00" hasParty onBody={(body) => bodies.push(body)} />);
    expect(bodies.at(-1)).toEqual({ paidAmount: '0', paymentAccountId: null });
    expect(screen.getByText('其余 ¥100.00 计入客户欠款（应收）')).toBeTruthy();
    await waitFor(() => expect(requestMock).toHaveBeenCalled());
    await act(async () => undefined);
    fireEvent.input(container.querySelector('.field-paidAmount input')!, { target: { value: '30' } });
    await waitFor(() => expect(screen.getByText('其余 ¥70.00 计入客户欠款（应收）')).toBeTruthy());
    expect(bodies.at(-1)).toEqual({ paidAmount: '30', paymentAccountId: '11' });
    fireEvent.click(screen.getByText('全额'));
    await waitFor(() => expect(bodies.at(-1)).toEqual({ paidAmount: '100.00', paymentAccountId: '11' }));
    expect(screen.queryByText(/计入客户欠款/)).toBeNull();
  });

  it('without a customer, says the bill must be paid in full or not at all', () => {
    render(<SaleMoney total="20.00" hasParty={false} onBody={() => undefined} />);
    expect(screen.getByText('未选客户：须全额收款或不填')).toBeTruthy();
  });
});

describe('prices at the customer’s level', () => {
  const line = (productId: string, unitPrice = '10.00'): LineDraft => ({ productId, name: productId, unit: '个', code: null, quantity: '1', unitPrice, cost: null });

  it('fill every line when the customer changes and a new line when it is added, leaving a typed price alone', async () => {
    const { result, rerender } = renderHook(
      ({ customerId }) => {
        const [lines, setLines] = useState<LineDraft[]>([line('1'), line('2')]);
        useCustomerPrices(customerId, lines, setLines);
        return { lines, setLines };
      },
      { initialProps: { customerId: '' } },
    );
    expect(result.current.lines.map((l) => l.unitPrice)).toEqual(['10.00', '10.00']);
    rerender({ customerId: '7' });
    await waitFor(() => expect(result.current.lines.map((l) => l.unitPrice)).toEqual(['7.50', '7.50']));
    act(() => result.current.setLines((lines) => [{ ...lines[0]!, unitPrice: '6.00' }, lines[1]!, line('3')]));
    await waitFor(() => expect(result.current.lines.map((l) => l.unitPrice)).toEqual(['6.00', '7.50', '7.50']));
    expect(requestMock.mock.calls.at(-1)![0]).toMatchObject({ url: '/api/customers/7/prices?productIds=3' });
    rerender({ customerId: '8' });
    await waitFor(() => expect(result.current.lines.map((l) => l.unitPrice)).toEqual(['9.00', '9.00', '9.00']));
  });
});

describe('money messages in Chinese', () => {
  it('translates the refusals a shop owner meets', () => {
    expect(translateServerMessage('exceeds the 40.00 still owed on this bill: overpayment is not accepted')).toBe('超过未结金额 ¥40.00，不接受多付');
    expect(translateServerMessage("must not exceed the bill's total of 100.00")).toBe('不能超过本单合计 ¥100.00');
    expect(translateServerMessage('可乐 is not among the products this customer may buy')).toBe('可乐 不在该客户的可购商品中');
  });
});

describe('a posted bill’s money', () => {
  const sale = billOf({ customerId: '7', customerName: '小美', totalAmount: '100.00', paidAmount: '30.00', paymentAccountId: '11', paymentAccountName: '微信', settledAmount: '0.00', outstandingAmount: '70.00' });
  const navigateTo = vi.mocked(Taro.navigateTo);

  it('shows what was paid into which account and what the customer still owes, with the way to collect it', () => {
    const { container } = render(<BillMoney bill={sale} canSettle />);
    expect(container.querySelector('.paid')!.textContent).toBe('本单实收¥30.00 · 微信');
    expect(container.querySelector('.settled')).toBeNull();
    expect(container.querySelector('.owed')!.textContent).toBe('客户尚欠（应收）¥70.00');
    fireEvent.click(screen.getByText('去收款 ›'));
    expect(navigateTo.mock.calls.at(-1)![0].url).toMatch(/^\/sub\/money\/settle\/index\?side=customer&partyId=7&name=/);
  });

  it('counts what receipts settled since, and says a settled bill is settled', () => {
    const { container } = render(<BillMoney bill={{ ...sale, settledAmount: '70.00', outstandingAmount: '0.00' }} canSettle />);
    expect(container.querySelector('.settled')!.textContent).toBe('之后收款¥70.00');
    expect(container.querySelector('.owed')!.textContent).toBe('已结清¥0.00');
    expect(screen.queryByText('去收款 ›')).toBeNull();
  });

  it('a purchase says what the shop owes; nothing to settle for whoever may not', () => {
    const purchase = { ...sale, direction: 'in' as const, customerId: null, customerName: null, supplierId: '5', supplierName: '厂家', paymentAccountName: null, paidAmount: '0.00' };
    const { container } = render(<BillMoney bill={purchase} canSettle={false} />);
    expect(container.querySelector('.paid')!.textContent).toBe('本单实付¥0.00');
    expect(container.querySelector('.owed')!.textContent).toBe('尚欠供应商（应付）¥70.00');
    expect(screen.queryByText('去付款 ›')).toBeNull();
  });

  it('nothing for a draft, a transfer, a walk-in sale with nothing paid, or amounts the switches hide', () => {
    const walkIn = { ...sale, customerId: null, customerName: null, paidAmount: '0.00', outstandingAmount: undefined };
    for (const bill of [{ ...sale, status: 'draft' as const }, { ...sale, transferPeerId: '9' }, walkIn, { ...sale, paidAmount: undefined, outstandingAmount: undefined }]) {
      const { container } = render(<BillMoney bill={bill} canSettle />);
      expect(container.querySelector('.bill-money')).toBeNull();
    }
  });
});
