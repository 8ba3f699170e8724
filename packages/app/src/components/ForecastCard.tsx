import { View } from '@tarojs/components';
import { analytics } from '../api/analytics';
import { useRemote } from '../hooks/useRemote';
import { sumQuantities } from '../lib/decimal';
import { quantity } from '../lib/format';

/** How each method reads to an owner. */
const METHOD_LABEL: Record<string, string> = {
  naive: '按昨天',
  snaive: '按上周同日',
  ses: '指数平滑',
  holt: '趋势平滑',
  'holt-winters': '趋势加周规律',
  croston: '间歇需求（Croston）',
  sba: '间歇需求（SBA）',
  tsb: '间歇需求（TSB）',
  'ses-weekly': '指数平滑加周规律',
  'sba-weekly': '间歇需求加周规律',
  'tsb-weekly': '间歇需求加周规律',
  'ses-tsb-weekly': '两种平滑加周规律的平均',
  'ses-tsb-weekly-ses': '三种平滑的平均（含周规律）',
  'tsb-weekly-ses': '间歇需求加周规律与指数平滑的平均',
  mean: '有货日的平均',
  'category-mean': '同类平均',
  none: '无',
};

const CLASS_LABEL: Record<string, string> = { smooth: '稳定', erratic: '波动大', intermittent: '间歇', lumpy: '零星且量不定', 'no-demand': '近期无销量' };

/** 销量预测: the next four weeks of a product's demand, by week, with how well the method did on its own history. */
export function ForecastCard({ productId, unit }: { productId: string; unit: string }) {
  const forecast = useRemote(() => analytics.forecast(productId), [productId]);
  const data = forecast.data;
  if (forecast.error) return null;
  if (!data) return <View className="card forecast muted">正在计算销量预测…</View>;
  const weeks = [0, 1, 2, 3].map((week) => sumQuantities(data.daily.slice(week * 7, week * 7 + 7).map((day) => day.mean)));
  return (
    <View className="card forecast">
      <View className="card__title">
        销量预测<View className="card__more">未来 4 周</View>
      </View>
      {data.status === 'no-history' ? (
        <View className="muted forecast-none">还没有满一天的销售记录，卖出后第二天开始预测。</View>
      ) : (
        <>
          <View className="forecast__weeks">
            {weeks.map((total, i) => (
              <View key={i} className="forecast__week">
                <View className="muted">第 {i + 1} 周</View>
                <View className="strong num forecast-week">{quantity(Number(total).toFixed(1), unit)}</View>
              </View>
            ))}
          </View>
          <View className="muted forecast__how">
            依据近 {data.historyDays} 天销售（{data.censoredDays ? `其中 ${data.censoredDays} 天缺货，已按缺货处理；` : ''}需求{CLASS_LABEL[data.demandClass] ?? data.demandClass}），方法：{METHOD_LABEL[data.method] ?? data.method}
            {data.backtest ? `；回测误差 RMSSE ${data.backtest.rmsse.toFixed(2)}（小于 1 即好于“照搬上一天”）` : '；历史太短，暂无回测'}
          </View>
        </>
      )}
    </View>
  );
}
