import { View } from '@tarojs/components';
import { SIDES } from '../api/money';
import type { Bill } from '../api/types';
import { money } from '../lib/format';
import { go } from '../routes';

const isZero = (amount: string | undefined) => amount === undefined || /^-?0(\.0+)?$/.test(amount);

/**
 * What a posted sale or purchase did with money: paid at once (and into which account), settled since by
 * receipts or payments, and what is still owed, with the way to settle it. Absent when the bill moves no
 * money (a draft, a transfer, a stocktake, a walk-in sale with no payment recorded) or when the switches
 * hide its amounts.
 */
export function BillMoney({ bill, canSettle }: { bill: Bill; canSettle: boolean }) {
  if (bill.status !== 'confirmed' || bill.kind !== 'normal' || bill.transferPeerId !== null || bill.paidAmount === undefined) return null;
  const side = bill.direction === 'out' ? 'customer' : 'supplier';
  const labels = SIDES[side];
  const partyId = bill.direction === 'out' ? bill.customerId : bill.supplierId;
  const partyName = bill.direction === 'out' ? bill.customerName : bill.supplierName;
  const owed = bill.outstandingAmount;
  // A walk-in sale with nothing recorded as paid says nothing about money.
  if (!partyId && isZero(bill.paidAmount)) return null;
  return (
    <View className="card bill-money">
      <View className="card__title">{labels.actionLabel}情况</View>
      <View className="kv paid">
        <View className="kv__k">本单{bill.direction === 'out' ? '实收' : '实付'}</View>
        <View className="kv__v num">
          {money(bill.paidAmount)}
          {bill.paymentAccountName && !isZero(bill.paidAmount) ? ` · ${bill.paymentAccountName}` : ''}
        </View>
      </View>
      {!isZero(bill.settledAmount) ? (
        <View className="kv settled">
          <View className="kv__k">之后{labels.actionLabel}</View>
          <View className="kv__v num">{money(bill.settledAmount!)}</View>
        </View>
      ) : null}
      {owed !== undefined && partyId ? (
        <View className={`kv owed${isZero(owed) ? '' : ' danger'}`}>
          <View className="kv__k">{isZero(owed) ? '已结清' : side === 'customer' ? '客户尚欠（应收）' : '尚欠供应商（应付）'}</View>
          <View className="kv__v num strong">{money(owed)}</View>
        </View>
      ) : null}
      {canSettle && partyId && !isZero(owed) ? (
        <View className="kv link settle-bill" onClick={() => go('moneySettle', { side, partyId, name: partyName ?? '' })}>
          去{labels.actionLabel} ›
        </View>
      ) : null}
    </View>
  );
}
