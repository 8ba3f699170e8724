import { View } from '@tarojs/components';

/** One thin bar per day, drawn with plain views like BarChart: a long period reads as an area. */
export function TrendChart({ shares, first, last, top }: { shares: number[]; first: string; last: string; top: string }) {
  return (
    <View className="trend">
      <View className="trend__top">{top}</View>
      <View className="trend__bars">
        {shares.map((share, index) => (
          <View key={index} className="trend__bar" style={{ height: `${Math.round(share * 120)}px` }} />
        ))}
      </View>
      <View className="row trend__axis">
        <View>{first}</View>
        <View>{last}</View>
      </View>
    </View>
  );
}
