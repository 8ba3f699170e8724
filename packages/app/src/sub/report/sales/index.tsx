import { View } from '@tarojs/components';
import { monthStart, shiftDay } from '@xiaocang/domain/calendar';
import { useState } from 'react';
import { fetchSalesByCustomer, fetchSalesByProduct } from '../../../api/reports';
import { ExportLink } from '../../../components/ExportLink';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity, today } from '../../../lib/format';
import { go } from '../../../routes';

type By = 'product' | 'customer';
const BY: Record<By, { label: string; list: string; title: string }> = {
  product: { label: '按商品', list: 'sales-by-product', title: '商品销售' },
  customer: { label: '按客户', list: 'sales-by-customer', title: '客户销售' },
};

/** Whole months, as the books close them, and the quarter so far. */
const PERIODS = [
  { key: 'month', label: '本月', range: (day: string) => ({ dateFrom: monthStart(day), dateTo: day }) },
  { key: 'last', label: '上月', range: (day: string) => ({ dateFrom: monthStart(day, -1), dateTo: shiftDay(monthStart(day), -1) }) },
  { key: 'quarter', label: '近 3 个月', range: (day: string) => ({ dateFrom: monthStart(day, -2), dateTo: day }) },
] as const;
type PeriodKey = (typeof PERIODS)[number]['key'];

/** One row of either report: who or what, and its figures. */
interface Row {
  key: string;
  name: string;
  productId: string | null;
  billCount: number;
  quantity: string;
  unit?: string;
  amount: string;
  costAmount?: string | undefined;
  profit?: string | undefined;
}

function load(by: By, period: { dateFrom: string; dateTo: string }): Promise<{ rows: Row[]; totals: Omit<Row, 'key' | 'name' | 'productId'> }> {
  if (by === 'product') {
    return fetchSalesByProduct(period).then((report) => ({
      totals: report.totals,
      rows: report.items.map((item) => ({ ...item, key: item.productId, name: item.productName })),
    }));
  }
  return fetchSalesByCustomer(period).then((report) => ({
    totals: report.totals,
    rows: report.items.map((item) => ({ ...item, key: item.customerId ?? 'walk-in', name: item.customerName ?? '零售（未选客户）', productId: null })),
  }));
}

export default function SalesReportPage() {
  const [by, setBy] = useState<By>('product');
  const [periodKey, setPeriodKey] = useState<PeriodKey>('month');
  const period = PERIODS.find((p) => p.key === periodKey)!.range(today());
  const report = useRemote(() => load(by, PERIODS.find((p) => p.key === periodKey)!.range(today())), [by, periodKey]);
  return (
    <Screen className="page-sales-report">
      <View className="seg">
        {(Object.keys(BY) as By[]).map((b) => (
          <View key={b} className={`seg__item by-${b}${b === by ? ' seg__item--on' : ''}`} onClick={() => setBy(b)}>
            {BY[b].label}
          </View>
        ))}
      </View>
      <View className="chips chips--line">
        {PERIODS.map((p) => (
          <View key={p.key} className={`chip chip--small period-${p.key}${p.key === periodKey ? ' chip--on' : ''}`} onClick={() => setPeriodKey(p.key)}>
            {p.label}
          </View>
        ))}
      </View>
      <ExportLink list={BY[by].list} title={BY[by].title} query={period} choose>
        <View className="muted" style={{ marginRight: 'auto' }}>
          {period.dateFrom} 至 {period.dateTo}
        </View>
      </ExportLink>
      <RemoteView remote={report}>
        {({ rows, totals }) =>
          rows.length === 0 ? (
            <Empty title="这段时间没有销售" text="确认销售出库单后，这里按商品和客户汇总" />
          ) : (
            <>
              <View className="card">
                <View className="figures sales-totals">
                  <View className="figure">
                    <View className="figure__label">销售额</View>
                    <View className="figure__value num">{money(totals.amount)}</View>
                  </View>
                  <View className="figure">
                    <View className="figure__label">成本</View>
                    <View className="figure__value num">{money(totals.costAmount)}</View>
                  </View>
                  <View className={`figure ${totals.profit?.startsWith('-') ? 'figure--bad' : 'figure--good'}`}>
                    <View className="figure__label">毛利</View>
                    <View className="figure__value num">{money(totals.profit)}</View>
                  </View>
                </View>
              </View>
              <View className="card sales-rows">
                <View className="card__title">
                  {by === 'product' ? '商品' : '客户'}
                  <View className="card__more">{totals.billCount} 单 · 按销售额</View>
                </View>
                {rows.map((row) => (
                  <View key={row.key} className="list-item sales-row" onClick={row.productId ? () => go('productEdit', { id: row.productId! }) : undefined}>
                    <View className="list-item__main">
                      <View className="list-item__title ellipsis">{row.name}</View>
                      <View className="list-item__meta">
                        {/* A customer's quantities are of different units: only a product's add up. */}
                        {row.unit ? `${quantity(row.quantity, row.unit)} · ` : ''}
                        {row.billCount} 单
                      </View>
                    </View>
                    <View className="list-item__side">
                      <View className="strong num">{money(row.amount)}</View>
                      <View className={`num muted${row.profit?.startsWith('-') ? ' danger' : ''}`}>毛利 {money(row.profit)}</View>
                    </View>
                  </View>
                ))}
              </View>
            </>
          )
        }
      </RemoteView>
    </Screen>
  );
}
