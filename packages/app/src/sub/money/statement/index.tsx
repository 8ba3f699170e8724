import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { money as moneyApi, SIDES, type Side } from '../../../api/money';
import type { Statement } from '../../../api/types';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { money, today } from '../../../lib/format';
import { go } from '../../../routes';

/** The first and last day of a month, as YYYY-MM-DD. */
function monthRange(year: number, month: number): { dateFrom: string; dateTo: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { dateFrom: `${year}-${mm}-01`, dateTo: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

function StatementView({ statement, side }: { statement: Statement; side: Side }) {
  const labels = SIDES[side];
  return (
    <>
      <View className="card statement-head">
        <View className="row">
          <View className="sub">期初{labels.owedLabel}</View>
          <View className="num strong opening">{money(statement.openingBalance)}</View>
        </View>
        <View className="row">
          <View className="sub">本期{side === 'customer' ? '销售' : '采购'}</View>
          <View className="num">{money(statement.totalBilled)}</View>
        </View>
        <View className="row">
          <View className="sub">本期{labels.actionLabel}</View>
          <View className="num">{money(statement.totalSettled)}</View>
        </View>
        <View className="row">
          <View className="sub">期末{labels.owedLabel}</View>
          <View className="num strong brand closing">{money(statement.closingBalance)}</View>
        </View>
      </View>
      <View className="card statement-lines">
        {statement.lines.length === 0 ? <Empty title="本月没有往来" /> : null}
        {statement.lines.map((line) => (
          <View
            key={`${line.source}-${line.billId ?? line.documentId}`}
            className="list-item statement-line"
            onClick={line.billId ? () => go('billDetail', { id: line.billId! }) : undefined}
          >
            <View className="list-item__main">
              <View className="list-item__title">{line.description}</View>
              <View className="list-item__meta">
                {line.date} · {line.number}
              </View>
            </View>
            <View className="list-item__side">
              {line.billed !== '0.00' ? <View className="num">+{money(line.billed)}</View> : null}
              {line.settled !== '0.00' ? <View className="num brand">{labels.actionLabel} {money(line.settled)}</View> : null}
              <View className="muted num">余 {money(line.runningBalance)}</View>
            </View>
          </View>
        ))}
      </View>
    </>
  );
}

export default function StatementPage() {
  const { params } = useRouter();
  const side: Side = params.side === 'supplier' ? 'supplier' : 'customer';
  const partyId = params.partyId ?? '';
  const now = today();
  const [month, setMonth] = useState({ year: Number(now.slice(0, 4)), month: Number(now.slice(5, 7)) });
  const statement = useRemote(() => moneyApi.statement(side, partyId, monthRange(month.year, month.month)), [side, partyId, month]);
  const shift = (by: number) => {
    const index = month.year * 12 + month.month - 1 + by;
    setMonth({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  };
  const partyName = statement.data?.partyName;
  useEffect(() => {
    if (partyName) void Taro.setNavigationBarTitle({ title: `对账单 · ${partyName}` });
  }, [partyName]);
  return (
    <Screen className="page-money-statement">
      <View className="seg">
        <View className="seg__item prev-month" onClick={() => shift(-1)}>‹ 上月</View>
        <View className="seg__item seg__item--on">
          {month.year} 年 {month.month} 月
        </View>
        <View className="seg__item next-month" onClick={() => shift(1)}>下月 ›</View>
      </View>
      <RemoteView remote={statement}>{(data) => <StatementView statement={data} side={side} />}</RemoteView>
    </Screen>
  );
}
