import { describe, expect, it } from 'vitest';
import { orderActions, orderStatusLabel, orderTransition, ORDER_STATUSES, refundRequestProblem, refundReturnsStock, shipmentAction } from './orders.ts';

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
    expect(orderActions('paid').sort()).toEqual(['requestRefund', 'ship', 'shipPart']);
    expect(orderActions('refunded')).toEqual([]);
  });

  it('keeps a partly shipped order paid, shown as 部分发货, until the last shipment', () => {
    expect(orderTransition('paid', shipmentAction(false))).toBe('paid');
    expect(orderTransition('paid', shipmentAction(true))).toBe('shipped');
    expect(orderTransition('shipped', shipmentAction(false))).toBeNull();
    expect(orderStatusLabel('paid', 'partial')).toBe('部分发货');
    expect(orderStatusLabel('paid', 'none')).toBe('待发货');
    expect(orderStatusLabel('shipped', 'full')).toBe('待收货');
  });

  it('refunds a partly shipped order only with the sent part sent back, and returns stock only when it comes back', () => {
    expect(refundRequestProblem('refundOnly', 'partial', '')).toMatchObject({ field: 'kind' });
    expect(refundRequestProblem('returnAndRefund', 'partial', '')).toMatchObject({ field: 'returnTrackingNo' });
    expect(refundRequestProblem('returnAndRefund', 'partial', 'YT1')).toBeNull();
    expect(refundRequestProblem('returnAndRefund', 'none', '')).toBeNull();
    expect(refundRequestProblem('refundOnly', 'full', '')).toBeNull();
    expect(refundReturnsStock('refundOnly', 'none')).toBe(true);
    expect(refundReturnsStock('refundOnly', 'full')).toBe(false);
    expect(refundReturnsStock('returnAndRefund', 'full')).toBe(true);
  });
});
