import { View } from '@tarojs/components';
import { shiftDay } from '@xiaocang/domain/calendar';
import { DEMAND_CLASS_HINT, DEMAND_CLASS_LABEL, DEMAND_CLASSES, type DemandClassName } from '@xiaocang/domain/demand-classes';
import { useState } from 'react';
import { analytics } from '../../../api/analytics';
import type { Classification, ClassifiedProduct } from '../../../api/types';
import { ExportLink } from '../../../components/ExportLink';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { money, today } from '../../../lib/format';
import { go } from '../../../routes';

/** Windows ending yesterday: today is not over, so it would read as a slow day. */
const WINDOWS = [
  { days: 90, label: '近 3 个月' },
  { days: 182, label: '近半年' },
  { days: 365, label: '近 1 年' },
];
const rangeOf = (days: number) => {
  const to = shiftDay(today(), -1);
  return { from: shiftDay(to, -(days - 1)), to };
};

type Abc = ClassifiedProduct['abc'];
const DEMAND_TONE: Record<DemandClassName, string> = {
  smooth: '',
  erratic: ' badge--warning',
  intermittent: ' badge--in',
  lumpy: ' badge--danger',
  'no-demand': ' badge--muted',
  'short-history': ' badge--muted',
};
/** A long list is shown a page at a time: a phone has no use for a thousand rows at once. */
const PAGE = 50;

function ProductRow({ item, data }: { item: ClassifiedProduct; data: Classification }) {
  const figures =
    item.adi === null || item.cv2 === null
      ? item.demandClass === 'short-history'
        ? `${item.observedDays} 天里 ${item.demandDays} 天有销售，至少要 ${data.minObservedDays} 天、${data.minDemandDays} 天有销售`
        : `${item.observedDays} 天里没有销售`
      : `ADI ${item.adi} · CV² ${item.cv2} · ${item.observedDays} 天里 ${item.demandDays} 天有销售`;
  return (
    <View className={`list-item classified-row classified-${item.abc}`} onClick={() => go('productEdit', { id: item.productId })}>
      <View className={`abc-mark abc-mark--${item.abc}`}>{item.abc}</View>
      <View className="list-item__main">
        <View className="classified-title">
          <View className="list-item__title ellipsis">{item.productName}</View>
          <View className={`badge demand-badge${DEMAND_TONE[item.demandClass]}`}>{DEMAND_CLASS_LABEL[item.demandClass]}</View>
        </View>
        <View className="list-item__meta">
          销售成本 {money(item.costAmount)} · 占 {item.sharePercent}% · 累计 {item.cumulativePercent}%
        </View>
        <View className="list-item__meta classified-figures">{figures}</View>
      </View>
      <View className="chevron">›</View>
    </View>
  );
}

function Report({ data }: { data: Classification }) {
  const [abc, setAbc] = useState<Abc | null>(null);
  const [shown, setShown] = useState(PAGE);
  if (data.items.every((item) => item.costAmount === '0.00')) return <Empty title="这段时间没有销售" text="卖出商品后，这里按销售成本把商品分成 A、B、C 三类" />;
  const items = abc === null ? data.items : data.items.filter((item) => item.abc === abc);
  const pick = (next: Abc | null) => {
    setAbc(next);
    setShown(PAGE);
  };
  const counts = new Map(DEMAND_CLASSES.map((name) => [name, items.filter((item) => item.demandClass === name).length]));
  return (
    <>
      <View className="card abc-card">
        <View className="card__title">
          按销售成本分三类
          <View className="card__more">共 {money(data.costAmount)}</View>
        </View>
        <View className="chips abc-chips">
          <View className={`chip chip--small abc-chip-all${abc === null ? ' chip--on' : ''}`} onClick={() => pick(null)}>
            全部 {data.items.length}
          </View>
          {data.classes.map((c) => (
            <View key={c.abc} className={`chip chip--small abc-chip abc-chip-${c.abc}${abc === c.abc ? ' chip--on' : ''}`} onClick={() => pick(c.abc)}>
              {c.abc}类 {c.productCount} 种 · {c.sharePercent}%
            </View>
          ))}
        </View>
        <View className="share-note">
          按卖出商品的成本从高到低累计：前 {data.a}% 是 A 类（最该盯紧库存），接下来 {data.b}% 是 B 类，其余 {100 - data.a - data.b}% 是 C 类。
        </View>
      </View>
      <View className="card demand-card">
        <View className="card__title">需求类型</View>
        {DEMAND_CLASSES.filter((name) => (counts.get(name) ?? 0) > 0).map((name) => (
          <View key={name} className={`demand-line demand-line-${name}`}>
            <View className={`badge demand-badge${DEMAND_TONE[name]}`} style={{ marginLeft: 0 }}>
              {DEMAND_CLASS_LABEL[name]}
            </View>
            <View className="demand-line__text">{DEMAND_CLASS_HINT[name]}</View>
            <View className="muted num">{counts.get(name)} 种</View>
          </View>
        ))}
        <View className="share-note">ADI：平均几天卖一次，1.32 以上算不常卖；CV²：每天卖的量差多少，0.49 以上算忽多忽少。</View>
      </View>
      <View className="card classified-list">
        <View className="card__title">
          {abc === null ? '全部商品' : `${abc} 类商品`}
          <View className="card__more">{items.length} 种</View>
        </View>
        {items.slice(0, shown).map((item) => (
          <ProductRow key={item.productId} item={item} data={data} />
        ))}
        {items.length > shown ? (
          <View className="link show-more" style={{ textAlign: 'center', padding: '10px 0' }} onClick={() => setShown(shown + PAGE)}>
            再显示 {Math.min(PAGE, items.length - shown)} 种
          </View>
        ) : null}
      </View>
    </>
  );
}

export default function ClassificationPage() {
  const [days, setDays] = useState(365);
  const range = rangeOf(days);
  const found = useRemote(() => analytics.classification(rangeOf(days)), [days]);
  return (
    <Screen className="page-classification">
      <View className="seg">
        {WINDOWS.map((w) => (
          <View key={w.days} className={`seg__item window-${w.days}${w.days === days ? ' seg__item--on' : ''}`} onClick={() => setDays(w.days)}>
            {w.label}
          </View>
        ))}
      </View>
      <ExportLink list="classification" title="商品 ABC 分析" query={range} choose>
        <View className="muted" style={{ marginRight: 'auto' }}>
          {range.from} 至 {range.to}
        </View>
      </ExportLink>
      <RemoteView remote={found}>{(data) => <Report data={data} />}</RemoteView>
    </Screen>
  );
}
