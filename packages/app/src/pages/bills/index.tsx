import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { bills } from '../../api/bills';
import type { Bill } from '../../api/types';
import { Empty, PagedList } from '../../components/PagedList';
import { Screen } from '../../components/Screen';
import { SearchBar } from '../../components/SearchBar';
import { BillRow } from '../../components/BillRow';
import { usePagedList } from '../../hooks/usePagedList';
import { ExportLink } from '../../components/ExportLink';
import { BILL_STATUS_LABEL, DIRECTION_LABEL, type BillStatus, type Direction } from '../../lib/labels';
import { PERIOD_LABEL, periodRange, type Period } from '../../lib/period';
import { go } from '../../routes';
import { useSession } from '../../state/session';
import { useOnReturn } from '../../hooks/useOnReturn';

const STATUSES = Object.keys(BILL_STATUS_LABEL) as BillStatus[];
const PERIODS = Object.keys(PERIOD_LABEL) as Period[];

function BillsContent() {
  const { abilities } = useSession();
  const { params } = useRouter();
  const [direction, setDirection] = useState<Direction | ''>('');
  // The list may open filtered by status (`?status=pending`, from the home page's 待审核 tile).
  const [status, setStatus] = useState<BillStatus | ''>(() => STATUSES.find((s) => s === params.status) ?? '');
  const [period, setPeriod] = useState<Period>('');
  const [q, setQ] = useState('');
  const list = usePagedList<Bill>(
    (page, pageSize) => bills.list({ page, pageSize, direction, status, q, ...periodRange(period) }),
    [direction, status, period, q],
  );
  useOnReturn(() => void list.reload());
  const newBill = () => {
    const choices = [abilities.inbound ? 'in' : null, abilities.outbound ? 'out' : null].filter((d): d is Direction => d !== null);
    if (choices.length === 1) return go('billEdit', { direction: choices[0] });
    void Taro.showActionSheet({ itemList: choices.map((d) => `${DIRECTION_LABEL[d]}单`) }).then(
      ({ tapIndex }) => go('billEdit', { direction: choices[tapIndex] }),
      () => undefined,
    );
  };
  return (
    <>
      <View className="seg">
        {(['', 'in', 'out'] as const).map((d) => (
          <View key={d || 'all'} className={`seg__item seg-${d || 'all'}${direction === d ? ' seg__item--on' : ''}`} onClick={() => setDirection(d)}>
            {d ? DIRECTION_LABEL[d] : '全部'}
          </View>
        ))}
      </View>
      <View className="chips chips--line">
        {(['', ...STATUSES] as const).map((s) => (
          <View key={s || 'all'} className={`chip chip--small chip-${s || 'all'}${status === s ? ' chip--on' : ''}`} onClick={() => setStatus(s)}>
            {s ? BILL_STATUS_LABEL[s] : '全部状态'}
          </View>
        ))}
      </View>
      <View className="chips chips--line">
        {PERIODS.map((p) => (
          <View key={p || 'all'} className={`chip chip--small period-${p || 'all'}${period === p ? ' chip--on' : ''}`} onClick={() => setPeriod(p)}>
            {PERIOD_LABEL[p]}
          </View>
        ))}
      </View>
      <SearchBar value={q} onSearch={setQ} placeholder="搜索单号、往来单位" />
      <ExportLink list="bills" title="单据" query={{ direction, status, q, ...periodRange(period) }} />
      <View className="card">
        <PagedList list={list} empty={<Empty title="没有符合条件的单据" text={abilities.inbound || abilities.outbound ? '点右下角开一张吧' : undefined} />}>
          {(bill) => <BillRow key={bill.id} bill={bill} />}
        </PagedList>
      </View>
      {abilities.inbound || abilities.outbound ? (
        <View className="fab new-bill" onClick={newBill}>
          ＋
        </View>
      ) : null}
    </>
  );
}

export default function BillsPage() {
  return (
    <Screen tab="bills" className="page-bills">
      <BillsContent />
    </Screen>
  );
}
