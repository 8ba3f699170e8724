import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { fetchShop, updateShop } from '../../../api/shop';
import type { Shop, StaffPermissions } from '../../../api/types';
import { Switch } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { STAFF_SWITCHES } from '../../../lib/labels';
import { go } from '../../../routes';
import { refreshMe } from '../../../state/session';

function SwitchRow({ name, title, help, value, onChange }: { name: string; title: string; help: string; value: boolean; onChange: (v: boolean) => void }) {
  return (
    <View className={`list-item switch-row switch-${name}`}>
      <View className="list-item__main">
        <View className="list-item__title">{title}</View>
        <View className="list-item__meta">{help}</View>
      </View>
      <View className="list-item__side">
        <Switch checked={value} onChange={onChange} />
      </View>
    </View>
  );
}

const ARCHIVE_CHOICES: ReadonlyArray<{ months: number | null; label: string }> = [
  { months: null, label: '不归档' },
  { months: 6, label: '6 个月前' },
  { months: 12, label: '1 年前' },
  { months: 24, label: '2 年前' },
  { months: 36, label: '3 年前' },
];

/** Each switch saves at once; the page shows what the server stored, not what was tapped. */
function Switches({ initial }: { initial: Shop }) {
  const [shop, setShop] = useState(initial);
  const action = useAction();
  const save = (patch: { staffPermissions?: Partial<StaffPermissions>; allowNegativeStock?: boolean; archiveAfterMonths?: number | null }) =>
    void action.run(async () => {
      setShop(await updateShop(patch));
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await refreshMe();
    });
  return (
    <>
      <View className="section-title">全店员工权限（只对员工生效，店主不受限制）</View>
      <View className="card card--tap member-switches-link" onClick={() => go('staff')}>
        <View className="row">
          <View className="muted">这里是每个员工的默认设置。要让某个员工与众不同，到“员工账号”里打开他，单独设置即可。</View>
          <View className="chevron">›</View>
        </View>
      </View>
      <View className="card" style={{ paddingTop: 0, paddingBottom: 0 }}>
        {STAFF_SWITCHES.map((item) => (
          <SwitchRow key={item.key} name={item.key} title={item.title} help={item.help} value={shop.staffPermissions[item.key]} onChange={(v) => save({ staffPermissions: { [item.key]: v } })} />
        ))}
      </View>
      <View className="section-title">库存规则</View>
      <View className="card" style={{ paddingTop: 0, paddingBottom: 0 }}>
        <SwitchRow
          name="allowNegativeStock"
          title="允许负库存"
          help="关闭时（推荐），出库数量超过现有库存会被拦下；打开后允许先卖后补货。"
          value={shop.allowNegativeStock}
          onChange={(v) => save({ allowNegativeStock: v })}
        />
      </View>
      <View className="section-title">历史单据归档</View>
      <View className="card archive-setting">
        <View className="muted">
          每天夜里把这么久以前的单据明细和库存流水移入归档，单独保存。归档后的单据照常打开，报表、库存和成本一分不变；补录更早日期的单据也照常可以。
        </View>
        <View className="chips" style={{ marginTop: '8px', marginBottom: 0 }}>
          {ARCHIVE_CHOICES.map((choice) => (
            <View
              key={choice.label}
              className={`chip chip--small archive-${choice.months ?? 'off'}${shop.archiveAfterMonths === choice.months ? ' chip--on' : ''}`}
              onClick={() => shop.archiveAfterMonths !== choice.months && save({ archiveAfterMonths: choice.months })}
            >
              {choice.label}
            </View>
          ))}
        </View>
        {shop.archivedBefore && <View className="muted archived-before">已归档 {shop.archivedBefore} 之前的单据</View>}
      </View>
    </>
  );
}

export default function SwitchesPage() {
  const shop = useRemote(fetchShop, []);
  return (
    <Screen className="page-switches">
      <RemoteView remote={shop}>{(data) => <Switches initial={data} />}</RemoteView>
    </Screen>
  );
}
