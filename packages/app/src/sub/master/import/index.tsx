import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { importSheet } from '../../../api/master';
import type { ImportKind, ImportResult } from '../../../api/types';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { useTask } from '../../../hooks/useTask';
import { openServerFile, pickSpreadsheet } from '../../../lib/files';
import { back } from '../../../routes';

/** At most this many problems are listed; the count says how many there are in all. */
const SHOWN_PROBLEMS = 50;

/** What each kind is called and how its template is filled in. */
const KINDS: Record<ImportKind, { noun: string; howTo: string }> = {
  products: { noun: '商品', howTo: '按列填写，每行一个商品；名称和单位必填。已有的货填“期初数量”，导入时记一张期初入库单。' },
  categories: { noun: '分类', howTo: '每行一个分类名称；店里已有的分类会跳过。' },
  suppliers: { noun: '供应商', howTo: '每行一个供应商；名称必填，编码、联系人、电话、地址、到货天数选填。' },
  customers: { noun: '客户', howTo: '每行一个客户；名称必填。价格等级填店里已有的等级名称，不填按销售价。' },
};

function Check({ result, noun }: { result: ImportResult; noun: string }) {
  const problems = result.problems;
  return (
    <View className="card import-check">
      <View className="card__title">检查结果</View>
      <View className="kv">
        <View className="kv__k">有内容的行</View>
        <View className="kv__v import-rows">{result.rows}</View>
      </View>
      <View className="kv">
        <View className="kv__k">将新增{noun}</View>
        <View className="kv__v import-created">
          {result.created}
          {result.withOpeningStock ? `（${result.withOpeningStock} 个带期初库存）` : ''}
        </View>
      </View>
      {result.skipped.length ? (
        <View className="kv">
          <View className="kv__k">已有，跳过</View>
          <View className="kv__v import-skipped">{result.skipped.length}</View>
        </View>
      ) : null}
      {problems.length ? (
        <>
          <View className="field__error import-problem-count" style={{ marginLeft: 0 }}>
            {problems.length} 处问题，改好后重新选择文件（有问题时一行也不会导入）：
          </View>
          {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
            <View key={`${p.row}-${p.column}`} className="list-item__meta import-problem">
              第 {p.row} 行「{p.column}」：{p.message}
            </View>
          ))}
        </>
      ) : null}
    </View>
  );
}

export default function ImportSheetPage() {
  const { params } = useRouter();
  const kind: ImportKind = params.kind && params.kind in KINDS ? (params.kind as ImportKind) : 'products';
  const { noun, howTo } = KINDS[kind];
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `导入${noun}` });
  }, [noun]);
  const [file, setFile] = useState<{ name: string; data: ArrayBuffer } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { busy, run: step } = useTask();
  const choose = () =>
    step(async () => {
      const picked = await pickSpreadsheet();
      if (!picked) return;
      setFile(picked);
      setResult(null);
      setResult(await importSheet(kind, picked.data, true));
    });
  const importAll = () =>
    step(async () => {
      if (!file) return;
      const done = await importSheet(kind, file.data, false);
      void Taro.showToast({ title: `已导入 ${done.created} 个${noun}`, icon: 'success' });
      setTimeout(back, 800);
    });

  return (
    <Screen className={`page-import page-import--${kind}`}>
      <View className="card">
        <View className="card__title">1. 下载模板</View>
        <View className="share-note">{howTo}</View>
        <Button fill="outline" type="primary" size="small" className="download-template" onClick={() => void step(() => openServerFile(`/api/imports/${kind}/template`, 'xlsx', `${noun}导入模板`, true))}>
          下载模板
        </Button>
      </View>
      <View className="card">
        <View className="card__title">2. 选择填好的文件</View>
        <View className="share-note">{process.env.TARO_ENV === 'h5' ? '选择电脑或手机里的 .xlsx 文件。' : '先把文件发到微信聊天里，再从聊天记录中选择。'}选择后先检查，不会马上导入。</View>
        {file ? <View className="import-file muted">{file.name}</View> : null}
        <Button fill="outline" type="primary" size="small" className="choose-file" loading={busy && !result} onClick={() => void choose()}>
          {file ? '重新选择' : '选择文件'}
        </Button>
      </View>
      {result ? <Check result={result} noun={noun} /> : null}
      <View className="actions">
        <Button type="primary" className="run-import" loading={busy && result !== null} disabled={!result || result.problems.length > 0 || result.created === 0} onClick={() => void importAll()}>
          {result && result.problems.length === 0 && result.created > 0 ? `导入 ${result.created} 个${noun}` : '导入'}
        </Button>
      </View>
    </Screen>
  );
}
