import { View } from '@tarojs/components';
import { shiftDay } from '@xiaocang/domain/calendar';
import { useState } from 'react';
import { fetchInOut, fetchStockSummary, fetchStockTrend } from '../../../api/reports';
import type { InOutSummary, StockSummary, StockTrend } from '../../../api/types';
import { BarChart } from '../../../components/BarChart';
import { ExportLink } from '../../../components/ExportLink';
import { DateField, SelectField } from '../../../components/Fields';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { TrendChart } from '../../../components/TrendChart';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity, today } from '../../../lib/format';
import { grainFor, REPORT_GRAINS, type Grain } from '../../../lib/report-periods';
import { barMeasure, inOutBars, trendShares } from '../../../lib/stock-report';
import { useSession } from '../../../state/session';

type Tab = 'summary' | 'inOut' | 'trend';
const TAB_LABEL: Record<Tab, string> = { summary: '库存汇总', inOut: '出入库', trend: '库存趋势' };

/** The most rows a summary lists on a phone; the totals still cover all of them. */
const SUMMARY_ROWS = 200;

function Chips<T extends string>({ name, labels, value, onChange }: { name: string; labels: Record<T, string>; value: T; onChange: (value: T) => void }) {
  return (
    <View className={`chips chips--line ${name}`}>
      {(Object.keys(labels) as T[]).map((key) => (
        <View key={key} className={`chip chip--small ${name}-${key}${key === value ? ' chip--on' : ''}`} onClick={() => onChange(key)}>
          {labels[key]}
        </View>
      ))}
    </View>
  );
}

type SummaryGroup = StockSummary['groupBy'];
const SUMMARY_GROUP_LABEL: Record<SummaryGroup, string> = { product: '按商品', category: '按分类', stockPoint: '按库存点' };

function SummaryReport({ summary, onProduct }: { summary: StockSummary; onProduct: (id: string) => void }) {
  if (summary.total === 0) return <Empty title="还没有库存" text="入库后，这里按商品、分类和库存点汇总" />;
  const showValue = summary.totals.stockValue !== undefined;
  const noName = summary.groupBy === 'category' ? '未分类' : '—';
  return (
    <>
      <View className="card summary-totals">
        <View className="figures">
          <View className="figure">
            <View className="figure__label">合计数量</View>
            <View className="figure__value num">{quantity(summary.totals.stockQuantity)}</View>
          </View>
          {showValue ? (
            <View className="figure">
              <View className="figure__label">库存金额</View>
              <View className="figure__value num">{money(summary.totals.stockValue)}</View>
            </View>
          ) : null}
        </View>
      </View>
      <View className="card summary-table">
        <View className="report-table report-table--head">
          <View className="report-table__name">{SUMMARY_GROUP_LABEL[summary.groupBy].slice(1)}</View>
          <View className="report-table__wide">数量</View>
          {showValue ? <View className="report-table__wide">金额</View> : null}
        </View>
        {summary.items.map((row) => (
          <View
            key={row.id ?? 'none'}
            className="report-table summary-row"
            onClick={() => (summary.groupBy === 'product' && row.id ? onProduct(row.id) : undefined)}
          >
            <View className="report-table__name">
              <View className="ellipsis">{row.name ?? noName}</View>
              {row.code ? <View className="muted ellipsis">{row.code}</View> : null}
            </View>
            <View className="report-table__wide num">{quantity(row.stockQuantity, row.unit ?? undefined)}</View>
            {showValue ? <View className="report-table__wide num">{money(row.stockValue)}</View> : null}
          </View>
        ))}
        {summary.total > summary.items.length ? <View className="muted summary-more">共 {summary.total} 项，这里列出前 {summary.items.length} 项</View> : null}
        {summary.groupBy === 'product' ? <View className="muted summary-more">点商品看它的库存趋势</View> : null}
      </View>
    </>
  );
}

function SummaryTab({ onProduct }: { onProduct: (id: string) => void }) {
  const [groupBy, setGroupBy] = useState<SummaryGroup>('product');
  const summary = useRemote(() => fetchStockSummary({ groupBy, pageSize: SUMMARY_ROWS }), [groupBy]);
  return (
    <>
      <Chips name="summary-group" labels={SUMMARY_GROUP_LABEL} value={groupBy} onChange={setGroupBy} />
      <ExportLink list="stock-summary" title="库存汇总" query={{ groupBy }} choose />
      <RemoteView remote={summary}>{(data) => <SummaryReport summary={data} onProduct={onProduct} />}</RemoteView>
    </>
  );
}

type Range = Grain | 'custom';
const RANGE_LABEL: Record<Range, string> = { day: REPORT_GRAINS.day.label, week: REPORT_GRAINS.week.label, month: REPORT_GRAINS.month.label, custom: '自定义' };
type InOutGroup = 'time' | 'billType' | 'counterparty';
const IN_OUT_GROUP_LABEL: Record<InOutGroup, string> = { time: '按时间', billType: '按单据类型', counterparty: '按往来单位' };

/** One side of a row: bills, quantity and amounts, those the caller may see. */
function Side({ label, count, qty, amount, cost }: { label: string; count: number; qty?: string; amount?: string; cost?: string }) {
  const parts = [`${count} 单`, ...(qty === undefined ? [] : [quantity(qty)]), ...(amount === undefined ? [] : [money(amount)]), ...(cost === undefined ? [] : [`成本 ${money(cost)}`])];
  return (
    <View className="in-out-side">
      <View className="in-out-side__label">{label}</View>
      {count === 0 ? <View className="muted">无</View> : <View className="num">{parts.join(' · ')}</View>}
    </View>
  );
}

type Figures = InOutSummary['totals'];
const Sides = ({ f }: { f: Figures }) => (
  <>
    <Side label="入库" count={f.inboundCount} qty={f.inboundQuantity} amount={f.inboundAmount} />
    <Side label="出库" count={f.outboundCount} qty={f.outboundQuantity} amount={f.outboundAmount} cost={f.outboundCost} />
  </>
);

function InOutReport({ summary, grain }: { summary: InOutSummary; grain: Grain }) {
  const isTime = summary.groupBy === 'day' || summary.groupBy === 'week' || summary.groupBy === 'month';
  const rows = summary.items.filter((row) => row.inboundCount !== 0 || row.outboundCount !== 0);
  const byCount = barMeasure(summary) === 'count';
  const rowName = (row: InOutSummary['items'][number]) =>
    isTime ? (grain === 'week' ? `${row.key} 起一周` : grain === 'month' ? (row.key ?? '').slice(0, 7) : row.key) : (row.name ?? (summary.groupBy === 'counterparty' ? '无往来单位' : '—'));
  return (
    <>
      {summary.scope === 'own' ? <View className="scope-note">只统计你自己开的单据</View> : null}
      <View className="card in-out-totals">
        <View className="card__title">
          合计
          <View className="card__more">{summary.from} 至 {summary.to}</View>
        </View>
        <Sides f={summary.totals} />
      </View>
      {rows.length === 0 ? (
        <Empty title="这段时间没有出入库" text="确认单据后，这里会汇总" />
      ) : (
        <>
          {isTime ? (
            <View className="card chart-card">
              <View className="card__title">
                {byCount ? '入库与出库单数' : '入库与出库数量'}
                {grain === 'week' ? <View className="card__more">按每周一的日期</View> : null}
              </View>
              <BarChart groups={inOutBars(summary, grain)} legend={byCount ? ['入库单数', '出库单数'] : ['入库数量', '出库数量']} />
            </View>
          ) : null}
          <View className="card in-out-table">
            <View className="card__title">{isTime ? `每${grain === 'day' ? '天' : grain === 'week' ? '周' : '月'}明细` : IN_OUT_GROUP_LABEL[summary.groupBy === 'billType' ? 'billType' : 'counterparty']}</View>
            {rows.map((row) => (
              <View key={`${row.partyKind ?? ''}${row.key ?? 'none'}`} className="in-out-row">
                <View className="list-item__title ellipsis">
                  {rowName(row)}
                  {row.partyKind ? <View className="muted in-out-kind">{row.partyKind === 'customer' ? '客户' : '供应商'}</View> : null}
                </View>
                <Sides f={row} />
              </View>
            ))}
          </View>
        </>
      )}
    </>
  );
}

function InOutTab() {
  const [range, setRange] = useState<Range>('day');
  const [groupBy, setGroupBy] = useState<InOutGroup>('time');
  const [custom, setCustom] = useState(() => ({ from: shiftDay(today(), -29), to: today() }));
  const period = range === 'custom' ? custom : REPORT_GRAINS[range].range(today());
  const grain = range === 'custom' ? grainFor(custom.from, custom.to) : range;
  const serverGroup = groupBy === 'time' ? grain : groupBy;
  const summary = useRemote(() => fetchInOut({ from: period.from, to: period.to, groupBy: serverGroup }), [period.from, period.to, serverGroup]);
  return (
    <>
      <Chips name="in-out-range" labels={RANGE_LABEL} value={range} onChange={setRange} />
      {range === 'custom' ? (
        <View className="card custom-range">
          <DateField name="from" label="开始日期" value={custom.from} onChange={(from) => setCustom({ ...custom, from })} />
          <DateField name="to" label="结束日期" value={custom.to} onChange={(to) => setCustom({ ...custom, to })} />
        </View>
      ) : null}
      <Chips name="in-out-group" labels={IN_OUT_GROUP_LABEL} value={groupBy} onChange={setGroupBy} />
      <ExportLink list="in-out" title="出入库汇总" query={{ from: period.from, to: period.to, groupBy: serverGroup }} choose />
      <RemoteView remote={summary}>{(data) => <InOutReport summary={data} grain={grain} />}</RemoteView>
    </>
  );
}

type Span = '30' | '90' | '365';
const SPAN_LABEL: Record<Span, string> = { '30': '近 30 天', '90': '近 90 天', '365': '近 1 年' };

function TrendReport({ trend }: { trend: StockTrend }) {
  const last = trend.days[trend.days.length - 1]!;
  // The highest and lowest close are picked, not computed: the strings are the server's.
  const byQuantity = [...trend.days].sort((a, b) => Number(a.balanceQuantity) - Number(b.balanceQuantity));
  const unit = trend.unit ?? undefined;
  return (
    <View className="card trend-card">
      <View className="card__title">
        <View className="ellipsis">{trend.name}</View>
        <View className="card__more">每天收盘时的库存</View>
      </View>
      <View className="figures">
        <View className="figure">
          <View className="figure__label">{last.date.slice(5)} 库存</View>
          <View className="figure__value num trend-last">{quantity(last.balanceQuantity, unit)}</View>
        </View>
        {last.balanceAmount !== undefined ? (
          <View className="figure">
            <View className="figure__label">库存金额</View>
            <View className="figure__value num">{money(last.balanceAmount)}</View>
          </View>
        ) : null}
        <View className="figure">
          <View className="figure__label">最低 / 最高</View>
          <View className="figure__value num">
            {quantity(byQuantity[0]!.balanceQuantity)} / {quantity(byQuantity[byQuantity.length - 1]!.balanceQuantity)}
          </View>
        </View>
      </View>
      <TrendChart shares={trendShares(trend)} first={trend.from} last={trend.to} top={quantity(byQuantity[byQuantity.length - 1]!.balanceQuantity, unit)} />
    </View>
  );
}

/** The span's days, ending today. */
const spanRange = (span: Span) => ({ from: shiftDay(today(), 1 - Number(span)), to: today() });

function TrendOf({ productId, span }: { productId: string; span: Span }) {
  const trend = useRemote(() => fetchStockTrend({ productId, ...spanRange(span) }), [productId, span]);
  return <RemoteView remote={trend}>{(data) => <TrendReport trend={data} />}</RemoteView>;
}

function TrendTab({ productId, onProduct }: { productId: string | null; onProduct: (id: string) => void }) {
  const [span, setSpan] = useState<Span>('30');
  const products = useRemote(() => fetchStockSummary({ groupBy: 'product', pageSize: SUMMARY_ROWS }), []);
  return (
    <RemoteView remote={products}>
      {(data) => {
        const options = data.items.flatMap((row) => (row.id ? [{ value: row.id, label: row.code ? `${row.name ?? ''}（${row.code}）` : (row.name ?? '') }] : []));
        const chosen = productId ?? options[0]?.value ?? null;
        if (chosen === null) return <Empty title="还没有库存" text="入库后，这里画出每个商品每天的库存" />;
        return (
          <>
            <View className="card trend-pick">
              <SelectField name="product" label="商品" value={chosen} options={options} onChange={(id) => (id ? onProduct(id) : undefined)} />
            </View>
            <Chips name="trend-span" labels={SPAN_LABEL} value={span} onChange={setSpan} />
            <ExportLink list="stock-trend" title="库存趋势" query={{ productId: chosen, ...spanRange(span) }} choose />
            <TrendOf productId={chosen} span={span} />
          </>
        );
      }}
    </RemoteView>
  );
}

export default function StockReportPage() {
  const { abilities } = useSession();
  // Stock held and its trend are for whoever may see stock; what went in and out is for everyone, by their switches.
  const tabs: Tab[] = abilities.seeStock ? ['summary', 'inOut', 'trend'] : ['inOut'];
  const [chosenTab, setTab] = useState<Tab>('summary');
  const tab = tabs.includes(chosenTab) ? chosenTab : tabs[0]!;
  const [productId, setProductId] = useState<string | null>(null);
  const showTrend = (id: string) => {
    setProductId(id);
    setTab('trend');
  };
  return (
    <Screen className="page-stock-report">
      {tabs.length > 1 ? (
        <View className="seg">
          {tabs.map((t) => (
            <View key={t} className={`seg__item tab-${t}${t === tab ? ' seg__item--on' : ''}`} onClick={() => setTab(t)}>
              {TAB_LABEL[t]}
            </View>
          ))}
        </View>
      ) : null}
      {tab === 'summary' ? <SummaryTab onProduct={showTrend} /> : tab === 'inOut' ? <InOutTab /> : <TrendTab productId={productId} onProduct={setProductId} />}
    </Screen>
  );
}
