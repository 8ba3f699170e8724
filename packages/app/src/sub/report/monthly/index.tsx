import { View } from '@tarojs/components';
import { useState } from 'react';
import { fetchMonthly } from '../../../api/reports';
import type { MonthlyStat, MonthlyStats } from '../../../api/types';
import { BarChart } from '../../../components/BarChart';
import { ExportLink } from '../../../components/ExportLink';
import { FigureCell, useFigureSheet, type Explained, type FigureKey } from '../../../components/FigureSheet';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { isActiveMonth, monthNumber, toBarGroups } from '../../../lib/chart';
import { money } from '../../../lib/format';

/** The figures of a month row, in reading order; those the caller may not see are absent. */
const MONTH_FIGURES: FigureKey[] = ['salesAmount', 'salesCost', 'grossMargin', 'purchaseAmount', 'stockGain', 'stockLoss', 'writeOff', 'stockAdjustment', 'internalUse'];
/** Stock adjustments and internal use are shown in the months that have them. */
const SHOWN_WHEN_NOT_ZERO = new Set<FigureKey>(['stockGain', 'stockLoss', 'writeOff', 'stockAdjustment', 'internalUse']);

function MonthRow({ m, explain }: { m: MonthlyStat; explain: (explained: Explained) => void }) {
  const cells = MONTH_FIGURES.flatMap((key) => {
    const value = m[key as keyof MonthlyStat] as string | undefined;
    if (value === undefined || (SHOWN_WHEN_NOT_ZERO.has(key) && /^-?0(\.0+)?$/.test(value))) return [];
    const tone = key === 'grossMargin' || key === 'stockAdjustment' ? (value.startsWith('-') ? 'bad' : 'good') : undefined;
    return [<FigureCell key={key} figure={key} value={money(value)} explain={explain} tone={tone} />];
  });
  return (
    <View className={`month-row month-row-${m.month}`}>
      <View className="row">
        <View className="list-item__title">{monthNumber(m.month)} 月</View>
        <View className="muted month-counts">
          销售 {m.salesCount} 单 · 进货 {m.purchaseCount} 单 · 入库 {m.inboundCount} 单 · 出库 {m.outboundCount} 单
        </View>
      </View>
      <View className="figures">{cells}</View>
    </View>
  );
}

function Report({ stats }: { stats: MonthlyStats }) {
  const { explain, sheet } = useFigureSheet();
  const active = stats.months.filter(isActiveMonth);
  if (active.length === 0) return <Empty title="这一年还没有出入库" text="确认单据后，这里会按月汇总" />;
  return (
    <>
      {stats.scope === 'own' ? <View className="scope-note">只统计你自己开的单据</View> : null}
      <View className="card chart-card">
        <View className="card__title">销售额与进货额</View>
        <BarChart groups={toBarGroups(stats.months)} legend={['销售额', '进货额']} />
      </View>
      <View className="card month-table">
        <View className="card__title">每月明细</View>
        <View className="muted figure-tip">点任一数字，看它是怎么算的</View>
        {active.map((m) => (
          <MonthRow key={String(m.month)} m={m} explain={explain} />
        ))}
      </View>
      {sheet}
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
      <ExportLink list="monthly" title={`月度报表-${year}`} query={{ year }} choose />
      <RemoteView remote={stats}>{(data) => <Report stats={data} />}</RemoteView>
    </Screen>
  );
}
