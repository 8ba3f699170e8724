import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { analytics } from '../../../api/analytics';
import type { PurchaseSuggestions } from '../../../api/types';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity } from '../../../lib/format';
import { go, switchTab } from '../../../routes';

/** Forecast figures are estimates: one decimal says enough. */
const approx = (value: string) => quantity(Number(value).toFixed(1));

/** Days from ordering to the goods on the shelf: the choices a 微商 usually has. */
const LEAD_TIMES = [1, 3, 7, 15];

function Suggestions({ data, leadTimeDays, reload }: { data: PurchaseSuggestions; leadTimeDays: number; reload: () => Promise<void> }) {
  const action = useAction();
  const lines = data.groups.flatMap((group) => group.lines);
  const make = () =>
    action.run(async (keyFor) => {
      const { billIds } = await analytics.draftPurchases(leadTimeDays, keyFor(['restock', leadTimeDays]));
      void Taro.showToast({ title: `已生成 ${billIds.length} 张采购草稿`, icon: 'success' });
      await reload();
      if (billIds.length === 1) go('billDetail', { id: billIds[0]! });
      else switchTab('bills', { status: 'draft' });
    });
  if (lines.length === 0) return <Empty title="库存都够用" text={`看了 ${data.productsChecked} 个近 90 天卖过的商品，暂时不用补货`} />;
  return (
    <>
      {data.groups.map((group) => (
        <View key={group.supplierId ?? 'none'} className="card restock-group">
          <View className="card__title">
            {group.supplierName ?? '未指定供应商'}
            <View className="card__more">{group.lines.length} 种</View>
          </View>
          {group.lines.map((line) => (
            <View key={line.productId} className="list-item restock-line">
              <View className="list-item__main">
                <View className="list-item__title ellipsis">{line.productName}</View>
                <View className="list-item__meta">
                  库存 {quantity(line.onHand, line.unit)}
                  {Number(line.onOrder) > 0 ? ` · 在途 ${quantity(line.onOrder, line.unit)}` : ''} · 日均 {approx(line.dailyDemand)}
                </View>
                <View className="list-item__meta">
                  补货点 {approx(line.reorderPoint)}（含安全库存 {approx(line.safetyStock)}）· {line.leadTimeDays} 天到货{line.leadTimeSource === 'measured' ? `（近 ${line.measuredLeadTime!.orders} 次进货实测）` : ''}{line.stockoutDate ? ` · 约 ${line.stockoutDate.slice(5)} 断货` : ''}
                </View>
              </View>
              <View className="list-item__side">
                <View className="strong num restock-quantity">{quantity(line.orderQuantity, line.unit)}</View>
                <View className="muted num">{money(line.unitPrice)}</View>
              </View>
            </View>
          ))}
        </View>
      ))}
      <View className="share-note" style={{ margin: '0 8px' }}>
        按每个商品自己的销售预测、{leadTimeDays} 天到货（供应商设了到货天数的按它的；没设的，有 3 次以上“存草稿、到货再确认”的进货就按实测天数）、{Math.round(data.serviceLevel * 100)}% 不断货的目标计算，多备 {data.coverDays} 天的量。草稿生成后可以改数量再确认。
      </View>
      <View className="actions">
        <Button type="primary" className="make-drafts" loading={action.busy} onClick={() => void make()}>
          生成采购草稿（{data.groups.length} 张）
        </Button>
      </View>
    </>
  );
}

export default function RestockPage() {
  const [leadTimeDays, setLeadTimeDays] = useState(3);
  const suggestions = useRemote(() => analytics.suggestions(leadTimeDays), [leadTimeDays]);
  return (
    <Screen className="page-restock">
      <View className="chips chips--line lead-times">
        {LEAD_TIMES.map((days) => (
          <View key={days} className={`chip chip--small${days === leadTimeDays ? ' chip--on' : ''}`} onClick={() => setLeadTimeDays(days)}>
            {days} 天到货
          </View>
        ))}
      </View>
      <RemoteView remote={suggestions}>{(data) => <Suggestions data={data} leadTimeDays={leadTimeDays} reload={suggestions.reload} />}</RemoteView>
    </Screen>
  );
}
