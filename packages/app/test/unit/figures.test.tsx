import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FIGURE_DEFINITIONS } from '@xiaocang/domain/figure-definitions';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BillRow } from '../../src/components/BillRow';
import { FigureCell, useFigureSheet } from '../../src/components/FigureSheet';
import { ProductPicker } from '../../src/components/ProductPicker';
import { StatusTag } from '../../src/components/StatusTag';
import { billOf as bill } from '../fixtures';


describe('reversals in lists', () => {
  it('tags a reversal 红冲 and the bill it undoes 已红冲, each naming the other', () => {
    const { container } = render(
      <>
        <BillRow bill={bill({ id: '2', billNo: 'OUT202612020002', kind: 'reversal', totalAmount: '-496.00', reversalOfId: '1', reversalOfBillNo: 'OUT202612020001' })} />
        <BillRow bill={bill({ status: 'reversed', reversedById: '2', reversedByBillNo: 'OUT202612020002' })} />
      </>,
    );
    const [reversal, reversed] = Array.from(container.querySelectorAll('.bill-row'));
    expect(reversal!.className).toContain('bill-row--reversal');
    expect(reversal!.querySelector('.status')!.textContent).toBe('红冲');
    expect(reversal!.textContent).toContain('冲销原单 OUT202612020001');
    expect(reversed!.querySelector('.status')!.textContent).toBe('已红冲');
    expect(reversed!.textContent).toContain('已被 OUT202612020002 红冲');
    expect(reversed!.querySelector('.bill-value')!.className).toContain('bill-value--void');
  });

  it('marks a reversal in the status tag wherever it is shown', () => {
    render(<StatusTag status="confirmed" kind="reversal" />);
    expect(screen.getByText('红冲')).toBeTruthy();
  });
});

describe('bill values', () => {
  it('shows a stocktake loss at its cost, not at the ¥0.00 it states', () => {
    const { container } = render(<BillRow bill={bill({ billType: '盘亏出库', kind: 'stocktake', valuation: 'cost', totalAmount: '0.00', totalCost: '172.00' })} />);
    expect(container.querySelector('.bill-value')!.textContent).toBe('成本 ¥172.00');
  });

  it('shows the quantity when the cost is hidden from the person', () => {
    const { container } = render(<BillRow bill={bill({ billType: '盘亏出库', kind: 'stocktake', valuation: 'cost', totalAmount: undefined, totalCost: undefined })} />);
    expect(container.querySelector('.bill-value')!.textContent).toBe('4 件');
  });
});

function Report() {
  const { explain, sheet } = useFigureSheet();
  return (
    <>
      <FigureCell figure="grossMargin" value="¥128.50" explain={explain} />
      {sheet}
    </>
  );
}

describe('figure definitions', () => {
  it('explains a figure when it is tapped, in the domain’s words', () => {
    const { container } = render(<Report />);
    expect(container.querySelector('.figure-definition')).toBeNull();
    fireEvent.click(screen.getByText('¥128.50'));
    expect(container.querySelector('.figure-definition')!.textContent).toBe(FIGURE_DEFINITIONS.grossMargin.text);
    expect(screen.getByText('毛利是怎么算的')).toBeTruthy();
  });
});

describe('the product picker', () => {
  beforeEach(() => vi.mocked(Taro.request).mockReset());

  it('shows stock as every other screen does: trailing zeros trimmed, with the unit', async () => {
    vi.mocked(Taro.request).mockResolvedValue({
      statusCode: 200,
      header: {},
      errMsg: '',
      data: { items: [{ id: '9', name: '面膜', code: 'M-1', unit: '盒', stockQuantity: '50.000', outboundPrice: '12.00' }], total: 1, page: 1, pageSize: 30 },
    } as never);
    render(<ProductPicker open onClose={() => undefined} onPick={() => undefined} price={null} />);
    expect(await screen.findByText('M-1 · 库存 50 盒')).toBeTruthy();
  });
});
