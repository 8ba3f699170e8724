import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { money as moneyApi, paymentAccounts, SIDES, type Side } from '../../../api/money';
import type { OpenBill, SaveSettlementRequest } from '../../../api/types';
import { DateField, SelectField, TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { isDecimal, sumAmounts } from '../../../lib/decimal';
import { money, today } from '../../../lib/format';
import { back } from '../../../routes';

/**
 * 收款/付款 for one customer or supplier: an amount into or out of an account. Without bills ticked it
 * settles the oldest first; ticking bills settles each of them in full. More than is owed is refused.
 */
function SettleForm({ side, partyId, bills }: { side: Side; partyId: string; bills: OpenBill[] }) {
  const labels = SIDES[side];
  const accounts = useRemote(() => paymentAccounts.list({ pageSize: 50, status: 'active' }), []);
  const options = (accounts.data?.items ?? []).map((account) => ({ value: account.id, label: account.name }));
  const [amount, setAmount] = useState('');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [docDate, setDocDate] = useState(today());
  const [remarks, setRemarks] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const [checkErrors, setCheckErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const owed = sumAmounts(bills.map((bill) => bill.outstandingAmount));
  const errors = { ...action.fieldErrors, ...checkErrors };

  useEffect(() => {
    if (!accountId && options[0]) setAccountId(options[0].value);
  }, [accountId, options]);

  const toggle = (bill: OpenBill) => {
    const next = ticked.includes(bill.billId) ? ticked.filter((id) => id !== bill.billId) : [...ticked, bill.billId];
    setTicked(next);
    if (next.length > 0) setAmount(sumAmounts(bills.filter((b) => next.includes(b.billId)).map((b) => b.outstandingAmount)));
  };

  const save = () => {
    const found: Record<string, string> = {};
    if (!isDecimal(amount, 2) || Number(amount) <= 0) found.amount = '请输入金额，最多 2 位小数';
    if (!accountId) found.accountId = '请选择账户';
    setCheckErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: SaveSettlementRequest = {
      ...(side === 'customer' ? { customerId: partyId } : { supplierId: partyId }),
      accountId: accountId!,
      amount: amount.trim(),
      docDate,
      remarks: remarks.trim(),
      ...(ticked.length > 0
        ? { allocations: bills.filter((bill) => ticked.includes(bill.billId)).map((bill) => ({ billId: bill.billId, amount: bill.outstandingAmount })) }
        : {}),
    };
    void action.run(async (keyFor) => {
      const saved = await moneyApi.settle(side, body, keyFor(body));
      void Taro.showToast({ title: `已${labels.actionLabel} ${money(saved.amount)}`, icon: 'success' });
      setTimeout(back, 600);
    });
  };

  return (
    <>
      <View className="tile">
        <View className="tile__label">{labels.owedLabel}合计</View>
        <View className="tile__value">{money(owed)}</View>
      </View>
      <View className="gap" />
      <View className="card">
        <TextField
          name="amount"
          label={`${labels.actionLabel}金额`}
          required
          kind="decimal"
          value={amount}
          onChange={(value) => {
            setAmount(value);
            setTicked([]);
          }}
          placeholder="0.00"
          error={errors.amount ?? errors['allocations.0.amount']}
          suffix={
            <View className="chip chip--small settle-all" onClick={() => { setAmount(owed); setTicked([]); }}>
              全部
            </View>
          }
        />
        <SelectField name="accountId" label="账户" required value={accountId} options={options} onChange={setAccountId} error={errors.accountId} />
        <DateField name="docDate" label="日期" required value={docDate} onChange={setDocDate} error={errors.docDate} />
        <TextField name="remarks" label="备注" value={remarks} onChange={setRemarks} placeholder="选填" error={errors.remarks} />
      </View>
      <View className="card open-bills">
        <View className="card__title">
          未结清单据
          <View className="card__more">{ticked.length > 0 ? `已选 ${ticked.length} 张` : '不选则先结最早的'}</View>
        </View>
        {bills.length === 0 ? <Empty title="没有未结清的单据" /> : null}
        {bills.map((bill) => (
          <View key={bill.billId} className={`list-item open-bill${ticked.includes(bill.billId) ? ' open-bill--on' : ''}`} onClick={() => toggle(bill)}>
            <View className="list-item__main">
              <View className="list-item__title">
                {ticked.includes(bill.billId) ? '☑ ' : '☐ '}
                {bill.billNo}
              </View>
              <View className="list-item__meta">
                {bill.billDate} · {bill.billType} · 合计 {money(bill.totalAmount)}
              </View>
            </View>
            <View className="list-item__side strong num">{money(bill.outstandingAmount)}</View>
          </View>
        ))}
      </View>
      <View className="actions">
        <Button type="primary" className="save-settlement" loading={action.busy} onClick={save}>
          确认{labels.actionLabel}
        </Button>
      </View>
    </>
  );
}

/** The mini-program hands query values over still encoded, H5 decoded; a name with a bare % stays as it is. */
function readName(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export default function SettlePage() {
  const { params } = useRouter();
  const side: Side = params.side === 'supplier' ? 'supplier' : 'customer';
  const partyId = params.partyId ?? '';
  const bills = useRemote(() => moneyApi.openBills(side, partyId), [side, partyId]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${SIDES[side].actionLabel}${params.name ? ` · ${readName(params.name)}` : ''}` });
  }, [side, params.name]);
  return (
    <Screen className="page-money-settle">
      <RemoteView remote={bills}>{(data) => <SettleForm side={side} partyId={partyId} bills={data.items} />}</RemoteView>
    </Screen>
  );
}
