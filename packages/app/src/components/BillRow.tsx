import { Text, View } from '@tarojs/components';
import type { Bill } from '../api/types';
import { money, quantity } from '../lib/format';
import { billMark, DIRECTION_LABEL } from '../lib/labels';
import { go } from '../routes';
import { StatusTag } from './StatusTag';

/**
 * What a bill is worth as the server values it: what it states, or its cost for a bill valued at cost
 * (a stocktake's loss states no price); the quantity when the amount is hidden from this person.
 */
export function BillValue({ bill, className = '', quantityIfHidden = true }: { bill: Bill; className?: string; quantityIfHidden?: boolean }) {
  const cost = bill.valuation === 'cost';
  const amount = cost ? bill.totalCost : bill.totalAmount;
  if (amount == null && !quantityIfHidden) return null;
  return (
    <View className={`bill-value ${className}`}>
      {cost && amount != null ? <Text className="bill-value__label">成本 </Text> : null}
      {amount != null ? money(amount) : quantity(bill.totalQuantity, '件')}
    </View>
  );
}

export function BillRow({ bill }: { bill: Bill }) {
  const party = bill.direction === 'in' ? bill.supplierName : bill.customerName;
  const mark = billMark(bill);
  return (
    <View className={`list-item bill-row bill-row--${mark}`} onClick={() => go('billDetail', { id: bill.id })}>
      <View className={`thumb ${bill.direction}`} style={{ fontSize: '14px' }}>
        {DIRECTION_LABEL[bill.direction].slice(0, 1)}
      </View>
      <View className="list-item__main">
        <View className="list-item__title ellipsis">
          {bill.billType}
          {party ? <View className="sub" style={{ display: 'inline' }}> · {party}</View> : null}
        </View>
        <View className="list-item__meta">
          {bill.billNo} · <Text className="nowrap">{bill.billDate}</Text>
        </View>
        {bill.reversalOfBillNo ? <View className="list-item__meta bill-row__reverses">冲销原单 {bill.reversalOfBillNo}</View> : null}
        {bill.reversedByBillNo ? <View className="list-item__meta bill-row__reversed-by">已被 {bill.reversedByBillNo} 红冲</View> : null}
      </View>
      <View className="list-item__side">
        <BillValue bill={bill} className={`strong num${bill.status === 'reversed' ? ' bill-value--void' : ''}`} />
        <StatusTag status={bill.status} kind={bill.kind} />
      </View>
    </View>
  );
}
