import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { warnings, type WarningScope } from '../../../api/notifications';
import type { Product, WarningOverride, WarningRulesView } from '../../../api/types';
import { Button, Switch } from '../../../components/nut';
import { ProductPicker } from '../../../components/ProductPicker';
import { RuleSentence } from '../../../components/RuleSentence';
import { Screen } from '../../../components/Screen';
import { Sheet } from '../../../components/Sheet';
import { Failed, Loading, RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useFormGuard } from '../../../hooks/useFormGuard';
import { useOptions } from '../../../hooks/useOptions';
import { useRemote } from '../../../hooks/useRemote';
import { overrideSummary, overrideToValues, RULE_SENTENCES, rulesToValues, valuesToOverrideInput, valuesToRulesInput, type RuleKey, type RuleValues } from '../../../lib/notify';
import { ROUTES } from '../../../routes';

const SCOPE_LABEL: Record<WarningScope, string> = { category: '分类', product: '商品' };

interface Target {
  scope: WarningScope;
  id: string;
  name: string;
  override: WarningOverride | null;
}

/** A category's or a product's own rules: a blank field follows the level above (the shop, or the category). */
function OverrideSheet({ target, shop, onSaved, onClose }: { target: Target; shop: RuleValues; onSaved: (view: WarningRulesView) => void; onClose: () => void }) {
  const [values, setValues] = useState(() => overrideToValues(target.override));
  const action = useAction();
  const change = (key: RuleKey, text: string) => {
    setValues((current) => ({ ...current, [key]: text }));
    action.setFieldErrors(({ [key]: _cleared, ...rest }) => rest);
  };
  const save = () =>
    void action.run(async () => {
      onSaved(await warnings.saveOverride(target.scope, target.id, valuesToOverrideInput(values, target.scope)));
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onClose();
    });
  return (
    <Sheet title={`${SCOPE_LABEL[target.scope]}：${target.name}`} open onClose={onClose}>
      <View className="share-note">留空的项跟随{target.scope === 'product' ? '分类或全店' : '全店'}（灰色数字），填 0 表示对它关闭这项提醒。</View>
      <View className="override-form">
        {RULE_SENTENCES.map((sentence) => (
          <RuleSentence
            key={sentence.kind}
            sentence={sentence}
            values={values}
            errors={action.fieldErrors}
            onChange={change}
            inherited={shop}
            absent={target.scope === 'product' ? ['lowStockThreshold'] : []}
          />
        ))}
      </View>
      {target.scope === 'product' ? <View className="share-note">商品的库存不足按它自己的预警库存提醒，在商品资料里设置。</View> : null}
      <View className="gap" />
      <Button type="primary" block className="save-override" loading={action.busy} onClick={save}>
        保存
      </Button>
    </Sheet>
  );
}

function CategorySheet({ onPick, onClose }: { onPick: (id: string, name: string) => void; onClose: () => void }) {
  const choices = useOptions('categories');
  return (
    <Sheet title="选择分类" open onClose={onClose}>
      {choices.error ? (
        <Failed error={choices.error} onRetry={() => void choices.reload()} />
      ) : !choices.data ? (
        <Loading />
      ) : choices.options.length === 0 ? (
        <View className="state__text">还没有商品分类</View>
      ) : (
        choices.options.map((option) => (
          <View key={option.value} className="option category-option" onClick={() => onPick(option.value, option.label)}>
            {option.label}
          </View>
        ))
      )}
    </Sheet>
  );
}

function Overrides({ view, shop, onView }: { view: WarningRulesView; shop: RuleValues; onView: (view: WarningRulesView) => void }) {
  const [target, setTarget] = useState<Target | null>(null);
  const [picking, setPicking] = useState<WarningScope | null>(null);
  const action = useAction();
  const edit = (scope: WarningScope, id: string, name: string) => {
    setPicking(null);
    setTarget({ scope, id, name, override: view.overrides.find((o) => o.scope === scope && o.id === id) ?? null });
  };
  const remove = (o: WarningOverride) =>
    void Taro.showModal({ title: '删除单独设置', content: `${o.name} 将跟随${o.scope === 'product' ? '分类或全店' : '全店'}的规则。确定吗？` }).then(({ confirm }) => {
      if (!confirm) return;
      void action.run(async () => onView(await warnings.removeOverride(o.scope, o.id)));
    });
  return (
    <>
      <View className="section-title">单独设置（分类或商品与全店不同时）</View>
      <View className="card overrides">
        {view.overrides.length === 0 ? <View className="muted" style={{ padding: '4px 0 8px' }}>还没有单独设置，全部商品按上面的规则提醒。</View> : null}
        {view.overrides.map((o) => (
          <View key={`${o.scope}-${o.id}`} className={`list-item override-row override-${o.scope}`}>
            <View className="list-item__main">
              <View className="list-item__title ellipsis">
                {o.name}
                <View className={`badge${o.scope === 'product' ? ' badge--warning' : ''}`}>{SCOPE_LABEL[o.scope]}</View>
              </View>
              <View className="list-item__meta">{overrideSummary(o)}</View>
            </View>
            <View className="list-item__side row">
              <View className="link edit-override" onClick={() => edit(o.scope, o.id, o.name)}>修改</View>
              <View className="danger remove-override" style={{ marginLeft: '12px' }} onClick={() => remove(o)}>删除</View>
            </View>
          </View>
        ))}
        <View className="add-line">
          <View className="dashed add-category-override" onClick={() => setPicking('category')}>为分类单独设置</View>
          <View className="dashed add-product-override" onClick={() => setPicking('product')}>为商品单独设置</View>
        </View>
      </View>
      {picking === 'category' ? <CategorySheet onPick={(id, name) => edit('category', id, name)} onClose={() => setPicking(null)} /> : null}
      <ProductPicker open={picking === 'product'} onClose={() => setPicking(null)} onPick={(p: Product) => edit('product', p.id, p.name)} price={null} />
      {target ? <OverrideSheet target={target} shop={shop} onSaved={onView} onClose={() => setTarget(null)} /> : null}
    </>
  );
}

function Recipients({ view, onView }: { view: WarningRulesView; onView: (view: WarningRulesView) => void }) {
  const action = useAction();
  const toggle = (userId: string, on: boolean) =>
    void action.run(async () => {
      const ids = view.recipients.filter((r) => r.role === 'staff' && r.mayViewStock && (r.userId === userId ? on : r.receivesWarnings)).map((r) => r.userId);
      onView(await warnings.saveRecipients(ids));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  return (
    <>
      <View className="section-title">谁接收库存预警</View>
      <View className="card recipients" style={{ paddingTop: 0, paddingBottom: 0 }}>
        {view.recipients.map((r) => {
          const reason = r.role === 'owner' ? '店主总会收到' : r.mayViewStock ? null : '该员工被设为隐藏库存数量，收不到库存预警';
          return (
            <View key={r.userId} className={`list-item recipient-row${reason ? ' recipient-row--fixed' : ''}`}>
              <View className="list-item__main">
                <View className="list-item__title">
                  {r.name}
                  {r.role === 'owner' ? <View className="badge">店主</View> : null}
                </View>
                <View className="list-item__meta">{reason ?? '接收库存预警'}</View>
              </View>
              <View className="list-item__side">
                <Switch checked={r.role === 'owner' || (r.mayViewStock && r.receivesWarnings)} disabled={reason !== null || action.busy} onChange={(on) => toggle(r.userId, on)} />
              </View>
            </View>
          );
        })}
      </View>
    </>
  );
}

function RulesForm({ initial }: { initial: WarningRulesView }) {
  const [view, setView] = useState(initial);
  const saved = rulesToValues(view.shop);
  const [values, setValues] = useState(saved);
  const action = useAction();
  useFormGuard({ url: ROUTES.warningRules, value: values, pristine: saved, restore: setValues });
  const change = (key: RuleKey, text: string) => {
    setValues((current) => ({ ...current, [key]: text }));
    action.setFieldErrors(({ [key]: _cleared, ...rest }) => rest);
  };
  const save = () =>
    void action.run(async () => {
      const next = await warnings.saveRules(valuesToRulesInput(values));
      setView(next);
      setValues(rulesToValues(next.shop));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  return (
    <>
      <View className="section-title">全店规则（打开开关并填好数字，0 表示关闭）</View>
      <View className="card shop-rules" style={{ paddingTop: 0, paddingBottom: 0 }}>
        {RULE_SENTENCES.map((sentence) => (
          <RuleSentence key={sentence.kind} sentence={sentence} values={values} errors={action.fieldErrors} onChange={change} saved={saved} />
        ))}
      </View>
      <Overrides view={view} shop={saved} onView={setView} />
      <Recipients view={view} onView={setView} />
      <View className="actions">
        <Button type="primary" className="save-rules" loading={action.busy} onClick={save}>
          保存规则
        </Button>
      </View>
    </>
  );
}

export default function WarningRulesPage() {
  const rules = useRemote(() => warnings.rules(), []);
  return (
    <Screen className="page-warning-rules">
      <RemoteView remote={rules}>{(data) => <RulesForm initial={data} />}</RemoteView>
    </Screen>
  );
}
