import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { fetchAudit } from '../../../api/audit';
import { staff } from '../../../api/shop';
import type { AuditEntry } from '../../../api/types';
import { OptionChips } from '../../../components/OptionChips';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRemote } from '../../../hooks/useRemote';
import { shortTime } from '../../../lib/format';
import { PERIOD_LABEL, periodRange, type Period } from '../../../lib/period';
import { useSession } from '../../../state/session';

/** The kinds of record an owner looks for most; others show under 全部. */
const KINDS = [
  { value: 'product', label: '商品' },
  { value: 'bill', label: '单据' },
  { value: 'customer', label: '客户' },
  { value: 'supplier', label: '供应商' },
  { value: 'staff', label: '员工' },
  { value: 'shop', label: '店铺' },
  { value: 'goods', label: '商城商品' },
];
const PERIODS = (['today', 'week', 'month'] as const).map((period) => ({ value: period, label: PERIOD_LABEL[period] }));
const fixed = (options: { value: string; label: string }[]) => ({ options, error: null, reload: async () => undefined });

const shownValue = (value: string | null) => (value === null || value === '' ? '（空）' : value === 'true' ? '是' : value === 'false' ? '否' : value);

function EntryRow({ entry }: { entry: AuditEntry }) {
  return (
    <View className="list-item audit-entry">
      <View className="list-item__main">
        <View className="list-item__title">
          {entry.userName ?? '系统'} {entry.actionLabel}
          {entry.entityLabel}
          {entry.recordName ? `「${entry.recordName}」` : ''}
        </View>
        <View className="list-item__meta">{shortTime(entry.at)}</View>
        {entry.changes.map((change) => (
          <View key={change.field} className="list-item__meta audit-change">
            {change.label}：{change.before === null ? shownValue(change.after) : `${shownValue(change.before)} → ${shownValue(change.after)}`}
          </View>
        ))}
      </View>
    </View>
  );
}

/**
 * Who did what, newest first (owner): by person, kind of record and period; opened from a record, its own
 * history (`entity`, `entityId`, `name`).
 */
export default function AuditPage() {
  const { params } = useRouter();
  const { me } = useSession();
  const oneRecord = useMemo(() => (params.entity && params.entityId ? { entity: params.entity, entityId: params.entityId } : null), [params.entity, params.entityId]);
  const [userId, setUserId] = useState('');
  const [entity, setEntity] = useState('');
  const [period, setPeriod] = useState<Period>('');
  const members = useRemote(() => staff.list({ page: 1, pageSize: 200 }), []);
  const people = useMemo(
    () => ({
      ...members,
      options: [...(me ? [{ value: me.user.id, label: '我' }] : []), ...(members.data?.items ?? []).map((member) => ({ value: member.id, label: member.realName }))],
    }),
    [members, me],
  );
  const { dateFrom, dateTo } = periodRange(period);
  const list = usePagedList<AuditEntry>(
    (page, pageSize) => fetchAudit({ page, pageSize, userId, from: dateFrom, to: dateTo, ...(oneRecord ?? { entity }) }),
    [userId, entity, dateFrom, dateTo, oneRecord],
  );
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: params.name ? `${decodeURIComponent(params.name)} · 修改记录` : '操作记录' });
  }, [params.name]);
  return (
    <Screen className="page-audit">
      <OptionChips name="audit-person" noun="人员" choices={people} value={userId} onChange={setUserId} min={2} />
      {oneRecord ? null : <OptionChips name="audit-kind" noun="记录" choices={fixed(KINDS)} value={entity} onChange={setEntity} />}
      <OptionChips name="audit-period" noun="日期" choices={fixed(PERIODS)} value={period} onChange={(value) => setPeriod(value as Period)} />
      <View className="card">
        <PagedList list={list} empty={<Empty title="没有记录" text="换个人员、记录或日期看看" />}>
          {(entry) => <EntryRow key={entry.id} entry={entry} />}
        </PagedList>
      </View>
    </Screen>
  );
}
