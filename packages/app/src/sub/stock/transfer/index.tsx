import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { transfers } from '../../../api/bills';
import { DateField, SelectField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { checkQuantityLines, QuantityLines, type QuantityLine } from '../../../components/QuantityLines';
import { Screen } from '../../../components/Screen';
import { LoadFailed } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useOptions } from '../../../hooks/useOptions';
import { today } from '../../../lib/format';
import { back } from '../../../routes';

function TransferForm() {
  const points = useOptions('stockPoints');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [billDate, setBillDate] = useState(today());
  const [lines, setLines] = useState<QuantityLine[]>([]);
  const [checkErrors, setCheckErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const errors = { ...action.fieldErrors, ...checkErrors };

  const submit = () => {
    const found = checkQuantityLines(lines, false);
    if (!from) found.fromStockPointId = '请选择调出库存点';
    if (!to) found.toStockPointId = '请选择调入库存点';
    if (from && from === to) found.toStockPointId = '调入和调出不能相同';
    setCheckErrors(found);
    if (Object.keys(found).length > 0 || !from || !to) return;
    const body = { fromStockPointId: from, toStockPointId: to, billDate, lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity.trim() })), confirm: true };
    void action.run(async (keyFor) => {
      await transfers.create(body, keyFor(body));
      void Taro.showToast({ title: '调拨完成', icon: 'success' });
      setTimeout(back, 600);
    });
  };

  return (
    <>
      <LoadFailed remotes={[points]} />
      {points.data && points.options.length < 2 ? <View className="card sub">只有一个库存点时无需调拨。可以在“我的 › 库存点”里添加仓库。</View> : null}
      <View className="card">
        <SelectField name="fromStockPointId" label="调出" required value={from} options={points.options} onChange={setFrom} error={errors.fromStockPointId} />
        <SelectField name="toStockPointId" label="调入" required value={to} options={points.options} onChange={setTo} error={errors.toStockPointId} />
        <DateField name="billDate" label="日期" value={billDate} onChange={setBillDate} error={errors.billDate} />
      </View>
      <QuantityLines title="调拨商品" caption="调拨数量" lines={lines} onChange={setLines} errors={errors} />
      <View className="actions">
        <Button type="primary" className="submit-transfer" loading={action.busy} onClick={submit}>确认调拨</Button>
      </View>
    </>
  );
}

export default function TransferPage() {
  return (
    <Screen className="page-transfer">
      <TransferForm />
    </Screen>
  );
}
