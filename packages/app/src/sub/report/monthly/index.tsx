import { View } from '@tarojs/components';
import { useState } from 'react';
import { fetchMonthly } from '../../../api/reports';
import type { MonthlyStat } from '../../../api/types';
import { BarChart } from '../../../components/BarChart';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { monthNumber, toBarGroups } from '../../../lib/chart';
import { money } from '../../../lib/format';

function Report({ months }: { months: MonthlyStat[] }) {
  const active = months.filter((m) => Number(m.outboundAmount ?? 0) !== 0 || Number(m.inboundAmount ?? 0) !== 0 || (m.outboundCount ?? 0) > 0 || (m.inboundCount ?? 0) > 0);
  if (active.length === 0) return <Empty title="这一年还没有出入库" text="确认单据后，这里会按月汇总" />;
  return (
    <>
      <View className="card chart-card">
        <View className="card__title">销售额与进货额</View>
        <BarChart groups={toBarGroups(months)} legend={['销售额', '进货额']} />
      </View>
      <View className="card month-table">
        <View className="card__title">每月明细</View>
        {active.map((m) => (
          <View key={String(m.month)} className="list-item month-row">
            <View className="list-item__main">
              <View className="list-item__title">{monthNumber(m.month)} 月</View>
              <View className="list-item__meta">
                出库 {m.outboundCount ?? 0} 单 · 入库 {m.inboundCount ?? 0} 单
                {m.inboundAmount !== undefined ? ` · 进货 ${money(m.inboundAmount)}` : ''}
              </View>
            </View>
            <View className="list-item__side">
              <View className="strong num">{money(m.outboundAmount)}</View>
              {m.profit !== undefined ? <View className={`muted num ${m.profit.startsWith('-') ? 'danger' : 'brand'}`}>利润 {money(m.profit)}</View> : null}
            </View>
          </View>
        ))}
      </View>
    </>
  );
}

export default function MonthlyPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const stats = useRemote(() => fetchMonthly(year), [year]);
  return (
    <Screen className="page-monthly">
      <View className="seg">
        <View className="seg__item" onClick={() => setYear(year - 1)}>‹ {year - 1}</View>
        <View className="seg__item seg__item--on">{year} 年</View>
        <View className="seg__item" onClick={() => setYear(year + 1)}>{year + 1} ›</View>
      </View>
      <RemoteView remote={stats}>{(data) => <Report months={data.months} />}</RemoteView>
    </Screen>
  );
}
