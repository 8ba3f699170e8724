import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { fetchConfig, updateConfig } from '../../../api/shop';
import type { ShopConfig } from '../../../api/types';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';

const GROUPS: Array<{ key: keyof ShopConfig; title: string; placeholder: string }> = [
  { key: 'inboundTypes', title: '入库类型', placeholder: '如：采购入库' },
  { key: 'outboundTypes', title: '出库类型', placeholder: '如：销售出库' },
  { key: 'units', title: '计量单位', placeholder: '如：箱' },
];

function NameList({ name, title, placeholder, names, error, onChange }: { name: string; title: string; placeholder: string; names: string[]; error?: string; onChange: (names: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const text = draft.trim();
    if (!text) return;
    if (names.includes(text)) return void Taro.showToast({ title: '已经有了', icon: 'none' });
    onChange([...names, text]);
    setDraft('');
  };
  return (
    <View className={`card config-${name}`}>
      <View className="card__title">{title}<View className="card__more">点名称可删除</View></View>
      <View className="chips">
        {names.map((n) => (
          <View key={n} className="chip" onClick={() => onChange(names.filter((x) => x !== n))}>
            {n} ✕
          </View>
        ))}
      </View>
      <View className="row">
        <View className="line-edit__box grow">
          <Input className="input" value={draft} placeholder={placeholder} onInput={(e) => setDraft(e.detail.value)} onConfirm={add} />
        </View>
        <View className="search__scan" onClick={add}>添加</View>
      </View>
      {error ? <View className="field__error" style={{ marginLeft: 0 }}>{error}</View> : null}
    </View>
  );
}

function ConfigForm({ initial }: { initial: ShopConfig }) {
  const [config, setConfig] = useState(initial);
  const action = useAction();
  const save = () => {
    const empty = GROUPS.find((g) => config[g.key].length === 0);
    if (empty) return void Taro.showToast({ title: `${empty.title}至少保留一项`, icon: 'none' });
    void action.run(async () => {
      setConfig(await updateConfig(config));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  };
  return (
    <>
      {GROUPS.map((g) => (
        <NameList key={g.key} name={g.key} title={g.title} placeholder={g.placeholder} names={config[g.key]} error={action.fieldErrors[g.key]} onChange={(names) => setConfig({ ...config, [g.key]: names })} />
      ))}
      <View className="actions">
        <Button type="primary" className="save-config" loading={action.busy} onClick={save}>保存</Button>
      </View>
    </>
  );
}

export default function ConfigPage() {
  const config = useRemote(fetchConfig, []);
  return (
    <Screen className="page-config">
      <RemoteView remote={config}>{(data) => <ConfigForm initial={data} />}</RemoteView>
    </Screen>
  );
}
