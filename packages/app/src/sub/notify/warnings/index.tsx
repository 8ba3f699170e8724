import { View } from '@tarojs/components';
import { useState } from 'react';
import { warnings, type WarningStatus } from '../../../api/notifications';
import type { WarningEvent, WarningList } from '../../../api/types';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { usePagedList } from '../../../hooks/usePagedList';
import { shortTime } from '../../../lib/format';
import { WARNING_KIND_LABEL, WARNING_KIND_TONE, WARNING_KINDS, type WarningKind } from '../../../lib/notify';
import { go } from '../../../routes';
import { useSession } from '../../../state/session';
import { useOnReturn } from '../../../hooks/useOnReturn';

const STATUS_LABEL: Record<Exclude<WarningStatus, 'all'>, string> = { open: '待处理', resolved: '已解除' };

function WarningRow({ warning }: { warning: WarningEvent }) {
  return (
    <View className={`list-item warning-row warning-row--${warning.kind}`} onClick={() => go('productLedger', { id: warning.productId, name: warning.productName })}>
      <View className="list-item__main">
        <View className="row" style={{ justifyContent: 'flex-start' }}>
          <View className={`badge badge--${WARNING_KIND_TONE[warning.kind]} warning-kind`} style={{ marginLeft: 0, marginRight: '6px' }}>
            {WARNING_KIND_LABEL[warning.kind]}
          </View>
          <View className="list-item__title ellipsis warning-product">{warning.productName}</View>
        </View>
        <View className="warning-detail">{warning.detail}</View>
        <View className="list-item__meta">
          {shortTime(warning.raisedAt)} 提醒{warning.resolvedAt ? ` · ${shortTime(warning.resolvedAt)} 解除` : ''}
        </View>
      </View>
      <View className="chevron">›</View>
    </View>
  );
}

/** The stock warnings: open ones to act on, resolved ones to look back at; a tap opens the product's ledger. */
function Warnings() {
  const [status, setStatus] = useState<Exclude<WarningStatus, 'all'>>('open');
  const [kind, setKind] = useState<WarningKind | ''>('');
  const list = usePagedList<WarningEvent, WarningList>((page, pageSize) => warnings.list({ status, kind: kind || undefined, page, pageSize }), [status, kind]);
  useOnReturn(() => void list.reload());
  // Open warnings by kind, whatever the filter: the chips say how many wait in each.
  const counts = list.last?.openByKind;
  const total = counts ? WARNING_KINDS.reduce((sum, k) => sum + (counts[k] ?? 0), 0) : null;
  const count = (n: number | null | undefined) => (status === 'open' && n !== null && n !== undefined ? ` ${n}` : '');
  return (
    <>
      <View className="seg">
        {(['open', 'resolved'] as const).map((s) => (
          <View key={s} className={`seg__item seg-${s}${status === s ? ' seg__item--on' : ''}`} onClick={() => setStatus(s)}>
            {STATUS_LABEL[s]}
          </View>
        ))}
      </View>
      <View className="chips chips--line warning-kinds">
        {(['', ...WARNING_KINDS] as const).map((k) => (
          <View key={k || 'all'} className={`chip chip--small kind-${k || 'all'}${kind === k ? ' chip--on' : ''}`} onClick={() => setKind(k)}>
            {k ? WARNING_KIND_LABEL[k] : '全部'}
            {count(k ? counts?.[k] : total)}
          </View>
        ))}
      </View>
      <View className="card">
        <PagedList
          list={list}
          empty={
            <Empty
              title={status === 'open' ? '没有待处理的预警' : '没有已解除的预警'}
              text={status === 'open' ? '库存、出库出现异常时会在这里提醒；补货或出库后会自动解除' : undefined}
            />
          }
        >
          {(warning) => <WarningRow key={warning.id} warning={warning} />}
        </PagedList>
      </View>
    </>
  );
}

function RulesLink() {
  const { abilities } = useSession();
  if (!abilities.isOwner) return null;
  return (
    <View className="export-row">
      <View className="link warning-rules-link" onClick={() => go('warningRules')}>预警规则</View>
      <View className="link warning-report-link" onClick={() => go('warningReport')}>预警报表</View>
    </View>
  );
}

export default function WarningsPage() {
  return (
    <Screen className="page-warnings">
      <RulesLink />
      <Warnings />
    </Screen>
  );
}
