import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { queryString } from '../../../api/client';
import type { Product } from '../../../api/types';
import { SelectField, SwitchField, TextField } from '../../../components/Fields';
import { HistoryLink } from '../../../components/HistoryLink';
import { Button } from '../../../components/nut';
import { ProductPicker } from '../../../components/ProductPicker';
import { Screen } from '../../../components/Screen';
import { Failed, Loading } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useForm } from '../../../hooks/useForm';
import { useFormGuard } from '../../../hooks/useFormGuard';
import { useOptions, type OptionSource } from '../../../hooks/useOptions';
import { useRemote } from '../../../hooks/useRemote';
import { MASTER_KINDS, toFormValues, toRequestBody, type MasterField, type MasterKind } from '../../../lib/master-kinds';
import { decimal, maxLength, required, type Rule } from '../../../lib/validate';
import { back, go, ROUTES } from '../../../routes';
import { useSession } from '../../../state/session';

type ProductRef = { id: string; name: string };

type MasterRecordOf = Awaited<ReturnType<MasterKind['api']['get']>>;

/** What a member who may not change this kind of record sees of one. */
function MasterView({ kind, record }: { kind: MasterKind; record: MasterRecordOf }) {
  const shown = (field: MasterKind['fields'][number]) => {
    const value = record[field.name];
    if (field.type === 'switch') return value ? '是' : '否';
    if (field.shownAs) return String(record[field.shownAs] ?? field.emptyLabel ?? '—');
    return value === null || value === undefined || value === '' ? '—' : String(value);
  };
  const products = (record.availableProducts as ProductRef[] | undefined) ?? null;
  return (
    <View className="card master-view">
      {[
        ...kind.fields.map((field) => [field.label, shown(field)]),
        ...(products ? [['可购商品', products.length ? products.map((p) => p.name).join('、') : '不限']] : []),
        ['状态', record.status === 'inactive' ? '停用' : '启用'],
      ].map(([label, value]) => (
        <View key={label} className="kv">
          <View className="kv__k">{label}</View>
          <View className="kv__v">{value}</View>
        </View>
      ))}
    </View>
  );
}

/** A field that picks one record of another kind, e.g. a customer's price level. */
function SourceSelectField({ field, source, value, onChange, error }: { field: MasterField; source: OptionSource; value: string; onChange: (v: string) => void; error?: string }) {
  const options = useOptions(source);
  return (
    <SelectField
      name={field.name}
      label={field.label}
      clearable
      placeholder={field.emptyLabel}
      value={value || null}
      options={options.options}
      onChange={(v) => onChange(v ?? '')}
      error={error ?? (options.error ? '选项加载失败' : undefined)}
    />
  );
}

function MasterForm({ kind, kindName, record }: { kind: MasterKind; kindName: string; record: MasterRecordOf | null }) {
  const rules = useMemo(() => {
    const result: Record<string, Rule[]> = {};
    for (const field of kind.fields) {
      result[field.name] = [...(field.required ? [required] : []), ...(field.max ? [maxLength(field.max)] : []), ...(field.type === 'integer' ? [decimal(0)] : [])];
    }
    return result;
  }, [kind]);
  const form = useForm(toFormValues(kind, record), rules);
  const action = useAction();
  // Which products a customer may buy.
  const [allowed, setAllowed] = useState<ProductRef[]>((record?.availableProducts as ProductRef[] | undefined) ?? []);
  const [picking, setPicking] = useState(false);
  const errors = { ...action.fieldErrors, ...form.errors };
  const pristine = useMemo(
    () => ({ values: toFormValues(kind, record), allowed: (record?.availableProducts as ProductRef[] | undefined) ?? [] }),
    [kind, record],
  );
  const guard = useFormGuard({
    url: `${ROUTES.masterEdit}${queryString({ kind: kindName, id: record?.id })}`,
    value: { values: form.values, allowed },
    pristine,
    restore: (kept) => {
      form.setValues(kept.values);
      setAllowed(kept.allowed);
    },
  });

  const save = () => {
    if (!form.check()) return;
    const body = toRequestBody(kind, form.values);
    if (kindName === 'customers') body.availableProductIds = allowed.map((p) => p.id);
    void action.run(async () => {
      if (record) await kind.api.update(record.id, body);
      else await kind.api.create(body);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      guard.release();
      setTimeout(back, 600);
    });
  };
  const remove = () => {
    if (!record) return;
    void Taro.showModal({ title: `删除${kind.title}`, content: `确定删除“${record.name}”？历史单据不受影响。` }).then(({ confirm }) => {
      if (!confirm) return;
      void action.run(async () => {
        await kind.api.remove(record.id);
        guard.release();
        back();
      });
    });
  };
  const pick = (product: Product) => {
    setPicking(false);
    if (!allowed.some((p) => p.id === product.id)) setAllowed([...allowed, { id: product.id, name: product.name }]);
  };

  return (
    <>
      <View className="card">
        {kind.fields.map((field) =>
          field.type === 'select' && field.source ? (
            <SourceSelectField
              key={field.name}
              field={field}
              source={field.source}
              value={form.values[field.name] ?? ''}
              onChange={form.set(field.name)}
              error={errors[field.name]}
            />
          ) : field.type === 'switch' ? (
            <SwitchField key={field.name} name={field.name} label={field.label} value={form.values[field.name] === 'true'} onChange={(v) => form.set(field.name)(String(v))} />
          ) : (
            <TextField
              key={field.name}
              name={field.name}
              label={field.label}
              required={field.required}
              multiline={field.type === 'multiline'}
              kind={field.type === 'integer' ? 'integer' : 'text'}
              placeholder={field.placeholder ?? (field.required ? '必填' : '选填')}
              value={form.values[field.name] ?? ''}
              onChange={form.set(field.name)}
              error={errors[field.name]}
            />
          ),
        )}
        <SwitchField name="status" label="启用" value={form.values.status !== 'inactive'} onChange={(v) => form.set('status')(v ? 'active' : 'inactive')} />
      </View>
      {kindName === 'customers' ? (
        <View className="card">
          <View className="card__title">可购商品<View className="card__more">不选则不限</View></View>
          <View className="chips">
            {allowed.map((p) => (
              <View key={p.id} className="chip chip--on" onClick={() => setAllowed(allowed.filter((x) => x.id !== p.id))}>
                {p.name} ✕
              </View>
            ))}
          </View>
          <View className="dashed" onClick={() => setPicking(true)}>＋ 添加商品</View>
          {errors.availableProductIds ? <View className="field__error" style={{ marginLeft: 0 }}>{errors.availableProductIds}</View> : null}
          <ProductPicker open={picking} onClose={() => setPicking(false)} onPick={pick} price={null} />
        </View>
      ) : null}
      <View className="actions">
        {record ? <Button fill="outline" type="danger" disabled={action.busy} onClick={remove}>删除</Button> : null}
        <Button type="primary" className="save-master" loading={action.busy} onClick={save}>保存</Button>
      </View>
    </>
  );
}

export default function MasterEditPage() {
  const { params } = useRouter();
  const kindName = params.kind ?? 'suppliers';
  const kind = MASTER_KINDS[kindName] ?? MASTER_KINDS.suppliers!;
  const id = params.id ?? null;
  const record = useRemote(() => (id ? kind.api.get(id) : Promise.resolve(null)), [kind, id]);
  const { abilities } = useSession();
  const canWrite = abilities[kind.writeAbility];
  // What a customer owes or the shop owes a supplier, period by period (payables are costs).
  const statementSide = kindName === 'customers' ? 'customer' : kindName === 'suppliers' && abilities.seeCosts ? 'supplier' : null;
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${id ? (canWrite ? '编辑' : '查看') : '新增'}${kind.title}` });
  }, [kind, id, canWrite]);
  const content = () => {
    if (canWrite) return <MasterForm kind={kind} kindName={kindName} record={record.data} />;
    if (record.data) return <MasterView kind={kind} record={record.data} />;
    return <View className="card muted">店主已关闭你新增{kind.title}的权限</View>;
  };
  return (
    <Screen className={`page-master-edit page-master-edit--${kindName}`}>
      {record.error ? <Failed error={record.error} onRetry={() => void record.reload()} /> : record.loading ? <Loading /> : content()}
      {record.data && statementSide ? (
        <View className="card card--tap go-statement" onClick={() => go('moneyStatement', { side: statementSide, partyId: record.data!.id, name: record.data!.name })}>
          <View className="row">
            <View>对账单</View>
            <View className="muted">往来明细与欠款 ›</View>
          </View>
        </View>
      ) : null}
      {record.data ? <HistoryLink entity={kind.auditEntity} id={record.data.id} name={record.data.name} /> : null}
    </Screen>
  );
}
