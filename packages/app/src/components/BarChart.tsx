import { View } from '@tarojs/components';

export interface BarGroup {
  label: string;
  /** Bar heights as shares of the tallest bar, 0..1, computed by the caller from the server's figures. */
  a: number;
  b: number;
}

/** Two bars per group, drawn with plain views: no chart library in the bundle. */
export function BarChart({ groups, legend }: { groups: BarGroup[]; legend: [string, string] }) {
  return (
    <View>
      <View className="chart">
        {groups.map((group) => (
          <View key={group.label} className="chart__col">
            <View className="chart__bars">
              <View className="chart__bar chart__bar--a" style={{ height: `${Math.round(group.a * 130)}px` }} />
              <View className="chart__bar chart__bar--b" style={{ height: `${Math.round(group.b * 130)}px` }} />
            </View>
            <View className="chart__label">{group.label}</View>
          </View>
        ))}
      </View>
      <View className="legend">
        <View className="legend__dot chart__bar--a" />
        {legend[0]}
        <View className="legend__dot chart__bar--b" />
        {legend[1]}
      </View>
    </View>
  );
}
