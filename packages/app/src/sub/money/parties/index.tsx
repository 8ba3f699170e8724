import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { money as moneyApi, SIDES, type Side } from '../../../api/money';
import type { PartyBalance } from '../../../api/types';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { SearchBar } from '../../../components/SearchBar';
import { usePagedList } from '../../../hooks/usePagedList';
import { ExportLink } from '../../../components/ExportLink';
import { useRemote } from '../../../hooks/useRemote';
import { money } from '../../../lib/format';
import { go } from '../../../routes';
import { useSession } from '../../../state/session';
import { useOnReturn } from '../../../hooks/useOnReturn';

/** 应收 (customers who owe the shop) and 应付 (suppliers the shop owes), the most owed first. */
function Parties({ initial }: { initial: Side }) {
  const { abilities } = useSession();
  // What the shop owes its suppliers is hidden from staff who may not see inbound prices.
  const sides: Side[] = abilities.seeCosts ? ['customer', 'supplier'] : ['customer'];
  const [side, setSide] = useState<Side>(sides.includes(initial) ? initial : 'customer');
  const [q, setQ] = useState('');
  const summary = useRemote(() => moneyApi.summary(), []);
  const list = usePagedList<PartyBalance>((page, pageSize) => moneyApi.balances(side, { page, pageSize, q }), [side, q]);
  useOnReturn(() => {
    void list.reload();
    void summary.reload();
  });
  const labels = SIDES[side];
  const canSettle = side === 'customer' ? abilities.outbound : abilities.inbound && abilities.seeCosts;
  const total = side === 'customer' ? summary.data?.receivableTotal : summary.data?.payableTotal;
  return (
    <>
      {sides.length > 1 ? (
        <View className="seg">
          {sides.map((s) => (
            <View key={s} className={`seg__item seg-${s}${s === side ? ' seg__item--on' : ''}`} onClick={() => setSide(s)}>
              {SIDES[s].owedLabel}
            </View>
          ))}
        </View>
      ) : null}
      <View className="tile owed-total">
        <View className="tile__label">{labels.owedLabel}合计</View>
        <View className="tile__value">{money(total)}</View>
      </View>
      <View className="gap" />
      <SearchBar value={q} onSearch={setQ} placeholder={`搜索${labels.partyLabel}名称或电话`} />
      <ExportLink list={side === 'customer' ? 'receivables' : 'payables'} title={SIDES[side].owedLabel} query={{ q }}>
        {abilities.seeMoneyBooks ? (
          <ExportLink list={side === 'customer' ? 'receivables-ageing' : 'payables-ageing'} title={`${SIDES[side].owedLabel}账龄`} choose label="导出账龄" />
        ) : null}
      </ExportLink>
      <View className="card">
        <PagedList list={list} empty={<Empty title={q ? `没有找到${labels.partyLabel}` : `没有${labels.owedLabel}款`} text="开单时未付清的部分会记在这里" />}>
          {(party) => (
            <View key={party.partyId} className="list-item party-row">
              <View className="list-item__main" onClick={() => go('moneyStatement', { side, partyId: party.partyId, name: party.name })}>
                <View className="list-item__title ellipsis">{party.name}</View>
                <View className="list-item__meta">
                  {party.openBillCount} 张未结清{party.oldestOpenBillDate ? ` · 最早 ${party.oldestOpenBillDate}` : ''}
                  {party.phone ? ` · ${party.phone}` : ''}
                </View>
              </View>
              <View className="list-item__side">
                <View className="strong num owed">{money(party.owed)}</View>
                {canSettle ? (
                  <View className="badge settle-party" onClick={() => go('moneySettle', { side, partyId: party.partyId, name: party.name })}>
                    {labels.actionLabel}
                  </View>
                ) : null}
              </View>
            </View>
          )}
        </PagedList>
      </View>
    </>
  );
}

export default function PartiesPage() {
  const { params } = useRouter();
  return (
    <Screen className="page-money-parties">
      <Parties initial={params.side === 'supplier' ? 'supplier' : 'customer'} />
    </Screen>
  );
}
