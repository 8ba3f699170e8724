import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { stocktakes } from '../../../api/bills';
import type { Stocktake } from '../../../api/types';
import { DateField, SelectField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { checkQuantityLines, QuantityLines, type QuantityLine } from '../../../components/QuantityLines';
import { Screen } from '../../../components/Screen';
import { LoadFailed } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { defaultStockPoint, useOptions } from '../../../hooks/useOptions';
import { quantity, today } from '../../../lib/format';
import { back } from '../../../routes';

/** What became of a sheet once it is no longer a draft: it follows its gain and loss bills. */
const STOCKTAKE_OUTCOME: Record<Exclude<Stocktake['status'], 'draft'>, string> = {
  pending: '盘点已提交，差异等待店主审核，通过后才记入库存。',
  confirmed: '盘点已确认，差异已记入库存。',
  rejected: '店主驳回了这次盘点，库存未变动，请重新盘点。',
};

/** The sheet the server drew up: book quantity, counted quantity and the difference that will post. */
function Sheet({ sheet, onConfirm, busy }: { sheet: Stocktake; onConfirm: () => void; busy: boolean }) {
  return (
    <>
      <View className="card stocktake-sheet">
        <View className="card__title">盘点结果</View>
        {sheet.lines.map((line) => {
          const diff = line.difference ?? '';
          return (
            <View key={line.productId} className="list-item">
              <View className="list-item__main">
                <View className="list-item__title">{line.productName ?? line.productId}</View>
                <View className="list-item__meta">
                  账面 {quantity(line.bookQuantity)} · 实盘 {quantity(line.countedQuantity)} {line.unit ?? ''}
                </View>
              </View>
              <View className={`list-item__side strong num ${diff.startsWith('-') ? 'danger' : 'brand'}`}>
                {diff && !diff.startsWith('-') && Number(diff) !== 0 ? '+' : ''}
                {quantity(diff)}
              </View>
            </View>
          );
        })}
      </View>
      {sheet.status === 'draft' ? (
        <View className="actions">
          <Button type="primary" className="confirm-stocktake" loading={busy} onClick={onConfirm}>确认盘点，生成盘盈盘亏</Button>
        </View>
      ) : (
        <View className="card sub stocktake-outcome">{STOCKTAKE_OUTCOME[sheet.status]}</View>
      )}
    </>
  );
}

function StocktakeForm() {
  const points = useOptions('stockPoints');
  const defaultPoint = defaultStockPoint(points);
  const [stockPointId, setStockPointId] = useState<string | null>(null);
  const [billDate, setBillDate] = useState(today());
  const [lines, setLines] = useState<QuantityLine[]>([]);
  const [checkErrors, setCheckErrors] = useState<Record<string, string>>({});
  const [sheet, setSheet] = useState<Stocktake | null>(null);
  const action = useAction();
  const errors = { ...action.fieldErrors, ...checkErrors };
  useEffect(() => setStockPointId((current) => current ?? defaultPoint), [defaultPoint]);

  const draw = () => {
    const found = checkQuantityLines(lines, true);
    if (!stockPointId) found.stockPointId = '请选择库存点';
    setCheckErrors(found);
    if (Object.keys(found).length > 0 || !stockPointId) return;
    const body = { stockPointId, billDate, lines: lines.map((l) => ({ productId: l.productId, countedQuantity: l.quantity.trim() })) };
    void action.run(async (keyFor) => setSheet(await stocktakes.create(body, keyFor(body))));
  };
  const confirm = () => {
    if (!sheet) return;
    void action.run(async (keyFor) => {
      const confirmed = await stocktakes.confirm(sheet.id, keyFor(['confirm', sheet.id]));
      setSheet(confirmed);
      void Taro.showToast({ title: confirmed.status === 'pending' ? '已提交审核' : '盘点已确认', icon: 'success' });
      setTimeout(back, 900);
    });
  };

  if (sheet) return <Sheet sheet={sheet} onConfirm={confirm} busy={action.busy} />;
  return (
    <>
      <LoadFailed remotes={[points]} />
      <View className="card">
        <SelectField name="stockPointId" label="库存点" required value={stockPointId} options={points.options} onChange={setStockPointId} error={errors.stockPointId} />
        <DateField name="billDate" label="盘点日期" value={billDate} onChange={setBillDate} error={errors.billDate} />
      </View>
      <QuantityLines title="实盘数量" caption="实盘" lines={lines} onChange={setLines} errors={errors} />
      <View className="actions">
        <Button type="primary" className="draw-stocktake" loading={action.busy} onClick={draw}>生成盘点单</Button>
      </View>
    </>
  );
}

export default function StocktakePage() {
  return (
    <Screen className="page-stocktake">
      <StocktakeForm />
    </Screen>
  );
}
