import { View } from '@tarojs/components';
import type { Bill } from '../api/types';
import { money, quantity } from '../lib/format';
import { DIRECTION_LABEL } from '../lib/labels';
import { go } from '../routes';
import { StatusTag } from './StatusTag';

export function BillRow({ bill }: { bill: Bill }) {
  const party = bill.direction === 'in' ? bill.supplierName : bill.customerName;
  return (
    <View className={`list-item bill-row bill-row--${bill.status}`} onClick={() => go('billDetail', { id: bill.id })}>
      <View className={`thumb ${bill.direction}`} style={{ fontSize: '14px' }}>
        {DIRECTION_LABEL[bill.direction].slice(0, 1)}
      </View>
      <View className="list-item__main">
        <View className="list-item__title ellipsis">
          {bill.billType}
          {party ? <View className="sub" style={{ display: 'inline' }}> · {party}</View> : null}
        </View>
        <View className="list-item__meta">
          {bill.billNo} · {bill.billDate}
        </View>
      </View>
      <View className="list-item__side">
        {bill.totalAmount !== undefined ? (
          <View className="strong num">{money(bill.totalAmount)}</View>
        ) : bill.totalQuantity !== undefined ? (
          <View className="strong num">{quantity(bill.totalQuantity)} 件</View>
        ) : null}
        <StatusTag status={bill.status} />
      </View>
    </View>
  );
}
