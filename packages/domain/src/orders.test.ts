import { describe, expect, it } from 'vitest';
import { orderActions, orderTransition, ORDER_STATUSES } from './orders.ts';

describe('the order state machine', () => {
  it('walks an order from payment to completion', () => {
    expect(orderTransition('pendingPayment', 'pay')).toBe('paid');
    expect(orderTransition('paid', 'ship')).toBe('shipped');
    expect(orderTransition('shipped', 'confirmReceipt')).toBe('completed');
  });

  it('cancels only unpaid orders, and takes a late payment of an expired one', () => {
    expect(orderTransition('pendingPayment', 'cancel')).toBe('cancelled');
    expect(orderTransition('pendingPayment', 'expire')).toBe('cancelled');
    for (const status of ORDER_STATUSES.filter((s) => s !== 'pendingPayment')) expect(orderTransition(status, 'cancel')).toBeNull();
    expect(orderTransition('cancelled', 'pay')).toBe('paid');
    expect(orderTransition('paid', 'pay')).toBeNull();
  });

  it('returns a refused refund to where it was asked from', () => {
    expect(orderTransition('shipped', 'requestRefund')).toBe('refunding');
    expect(orderTransition('refunding', 'refuseRefund', 'shipped')).toBe('shipped');
    expect(orderTransition('refunding', 'approveRefund')).toBe('refunded');
    expect(orderTransition('pendingPayment', 'requestRefund')).toBeNull();
    expect(orderTransition('refunded', 'requestRefund')).toBeNull();
  });

  it('lists what can be done in each status', () => {
    expect(orderActions('pendingPayment').sort()).toEqual(['cancel', 'expire', 'pay']);
    expect(orderActions('paid').sort()).toEqual(['requestRefund', 'ship']);
    expect(orderActions('refunded')).toEqual([]);
  });
});
