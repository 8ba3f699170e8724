import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client';
import { orderProblem, storefrontH5Link, storefrontMiniPath, timeLeft } from '../../src/lib/orders';

const refusal = (code: string, serverMessage: string, shown = '单据当前状态不允许此操作') => new ApiError(409, code, shown, undefined, serverMessage);

describe('order refusals in words', () => {
  it('says why a late payment is refused, naming the line the server named', () => {
    const error = refusal(
      'INVALID_STATE',
      'This order expired and its stock has been sold since (第 1 行「玫瑰面膜」库存不足：要 2，可买 0): give the customer their money back',
    );
    expect(orderProblem(error)).toBe('订单已过期，库存已经卖给了别人（第 1 行「玫瑰面膜」库存不足：要 2，可买 0），无法确认收款：请把钱退给顾客');
  });

  it('names the status and the action an order refused', () => {
    expect(orderProblem(refusal('INVALID_STATE', 'An order that is 已取消 (cancelled) cannot be ship'))).toBe('订单已取消，不能发货，请刷新后查看');
  });

  it('explains why ordered goods cannot be deleted', () => {
    expect(orderProblem(refusal('INVALID_STATE', 'These goods are on orders: take them off the shelf (下架) instead'))).toMatch(/不能删除.*下架/);
  });

  it('keeps a Chinese message of the server and falls back to the code’s words otherwise', () => {
    expect(orderProblem(refusal('INSUFFICIENT_STOCK', '第 1 行「玫瑰面膜」库存不足：要 2，可买 0', '库存不足'))).toBe('第 1 行「玫瑰面膜」库存不足：要 2，可买 0');
    expect(orderProblem(refusal('CONFLICT', 'Something else happened', '操作冲突，请刷新后重试'))).toBe('操作冲突，请刷新后重试');
    expect(orderProblem(new ApiError(0, 'NETWORK', '网络不通，请检查网络后重试', undefined))).toBe('网络不通，请检查网络后重试');
  });
});

describe('the storefront links and the time left to pay', () => {
  it('builds the H5 link on the given origin and the mini-program path', () => {
    expect(storefrontH5Link('12', 'https://shop.example.com')).toBe('https://shop.example.com/#/sub/shop/home/index?shopId=12');
    expect(storefrontMiniPath('12')).toBe('sub/shop/home/index?shopId=12');
  });

  it('counts minutes, then hours, and nothing once the time is past', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(timeLeft('2026-12-02T10:12:30Z', now)).toBe('还剩 13 分钟');
    expect(timeLeft('2026-12-02T11:05:00Z', now)).toBe('还剩 1 小时 5 分');
    expect(timeLeft('2026-12-02T12:00:00Z', now)).toBe('还剩 2 小时');
    expect(timeLeft('2026-12-02T09:59:00Z', now)).toBeNull();
  });
});
