import { View } from '@tarojs/components';
import { useState } from 'react';
import { warnings } from '../../../api/notifications';
import type { WarningReport } from '../../../api/types';
import { BarChart } from '../../../components/BarChart';
import { ExportLink } from '../../../components/ExportLink';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { today } from '../../../lib/format';
import { hoursText, periodSlots, WARNING_KIND_LABEL, warningBars } from '../../../lib/notify';
import { REPORT_GRAINS as GRAINS, type Grain } from '../../../lib/report-periods';
import { go } from '../../../routes';

function Report({ report, grain }: { report: WarningReport; grain: Grain }) {
  const raised = report.byKind.reduce((sum, k) => sum + k.raisedCount, 0);
  const open = report.byKind.reduce((sum, k) => sum + k.openCount, 0);
  if (raised === 0 && open === 0) return <Empty title="这段时间没有预警" text="库存、出库出现异常时会在这里统计" />;
  return (
    <>
      <View className="card warning-kinds-table">
        <View className="card__title">
          按类型
          <View className="card__more">{report.from} 至 {report.to}</View>
        </View>
        <View className="report-table report-table--head">
          <View className="report-table__name">类型</View>
          <View className="report-table__num">提醒</View>
          <View className="report-table__num">已解除</View>
          <View className="report-table__num">待处理</View>
          <View className="report-table__wide">解除用时</View>
        </View>
        {report.byKind.map((k) => (
          <View key={k.kind} className={`report-table report-kind-${k.kind}`}>
            <View className="report-table__name">{WARNING_KIND_LABEL[k.kind]}</View>
            <View className="report-table__num num">{k.raisedCount}</View>
            <View className="report-table__num num">{k.resolvedCount}</View>
            <View className={`report-table__num num${k.openCount > 0 ? ' danger' : ''}`}>{k.openCount}</View>
            <View className="report-table__wide num">{hoursText(k.medianHoursToResolve)}</View>
          </View>
        ))}
        <View className="muted" style={{ marginTop: '6px' }}>解除用时取中位数：一半的预警在这个时间内解除。</View>
      </View>
      <View className="card chart-card">
        <View className="card__title">
          每{grain === 'day' ? '天' : grain === 'week' ? '周' : '月'}新增预警
          {grain === 'week' ? <View className="card__more">按每周一的日期</View> : null}
        </View>
        <BarChart groups={warningBars(report, periodSlots(report.from, report.to, grain))} legend={['库存不足、即将售罄', '出库激增、滞销积压']} />
      </View>
      <View className="card top-products">
        <View className="card__title">最常预警的商品</View>
        {report.topProducts.length === 0 ? <View className="muted">没有</View> : null}
        {report.topProducts.map((p, index) => (
          <View key={p.productId} className="list-item top-product" onClick={() => go('productLedger', { id: p.productId, name: p.productName })}>
            <View className="thumb" style={{ width: '28px', height: '28px', fontSize: '13px', borderRadius: '8px' }}>{index + 1}</View>
            <View className="list-item__main ellipsis">{p.productName}</View>
            <View className="list-item__side strong num">{p.warningCount} 次</View>
            <View className="chevron">›</View>
          </View>
        ))}
      </View>
    </>
  );
}

export default function WarningReportPage() {
  const [grain, setGrain] = useState<Grain>('week');
  const report = useRemote(() => warnings.report({ ...GRAINS[grain].range(today()), period: grain }), [grain]);
  return (
    <Screen className="page-warning-report">
      <View className="seg">
        {(Object.keys(GRAINS) as Grain[]).map((g) => (
          <View key={g} className={`seg__item grain-${g}${g === grain ? ' seg__item--on' : ''}`} onClick={() => setGrain(g)}>
            {GRAINS[g].label}
          </View>
        ))}
      </View>
      <ExportLink list="warning-report" title="预警报表" query={{ ...GRAINS[grain].range(today()), period: grain }} choose />
      <RemoteView remote={report}>{(data) => <Report report={data} grain={grain} />}</RemoteView>
    </Screen>
  );
}
