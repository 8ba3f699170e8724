import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { paymentAccounts } from '../../../api/money';
import type { PaymentAccount } from '../../../api/types';
import { SelectField, TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { Sheet } from '../../../components/Sheet';
import { Empty, RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { money } from '../../../lib/format';
import { useSession } from '../../../state/session';

const KIND_LABEL: Record<PaymentAccount['kind'], string> = { wechat: '微信', alipay: '支付宝', cash: '现金', bank: '银行卡', other: '其他' };
const KIND_OPTIONS = Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }));

/** A new account: its name and kind. */
function AddAccount({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string | null>('other');
  const action = useAction();
  const save = () =>
    void action.run(async () => {
      await paymentAccounts.create({ name: name.trim(), kind: (kind ?? 'other') as PaymentAccount['kind'] });
      setName('');
      onAdded();
    });
  return (
    <Sheet title="新增账户" open={open} onClose={onClose}>
      <TextField name="name" label="名称" required value={name} onChange={setName} placeholder="如：农行卡、店里现金" error={action.fieldErrors.name} />
      <SelectField name="kind" label="类型" value={kind} options={KIND_OPTIONS} onChange={setKind} />
      <Button block type="primary" className="save-account" loading={action.busy} onClick={save}>
        保存
      </Button>
    </Sheet>
  );
}

function Accounts({ items, reload }: { items: PaymentAccount[]; reload: () => void }) {
  const { abilities } = useSession();
  const action = useAction();
  const [adding, setAdding] = useState(false);
  const remove = (account: PaymentAccount) =>
    void Taro.showModal({ title: '停用账户', content: `停用“${account.name}”？有余额的账户不能停用。` }).then(({ confirm }) => {
      if (confirm) void action.run(async () => { await paymentAccounts.remove(account.id); reload(); });
    });
  return (
    <>
      <View className="card">
        {items.length === 0 ? <Empty title="还没有账户" /> : null}
        {items.map((account) => (
          <View key={account.id} className={`list-item account-row account-${account.kind}`}>
            <View className="thumb" style={{ width: '40px', height: '40px', fontSize: '16px' }}>{KIND_LABEL[account.kind].slice(0, 1)}</View>
            <View className="list-item__main">
              <View className="list-item__title">
                {account.name}
                {account.status === 'inactive' ? <View className="badge badge--muted">停用</View> : null}
              </View>
              <View className="list-item__meta">{KIND_LABEL[account.kind]}</View>
            </View>
            <View className="list-item__side">
              {account.balance !== undefined ? <View className={`strong num ${account.balance.startsWith('-') ? 'danger' : ''}`}>{money(account.balance)}</View> : null}
              {abilities.isOwner && account.status === 'active' ? (
                <View className="chip chip--small remove-account" style={{ margin: '4px 0 0' }} onClick={() => remove(account)}>
                  停用账户
                </View>
              ) : null}
            </View>
          </View>
        ))}
      </View>
      <View className="muted" style={{ margin: '0 8px' }}>
        余额是在小仓里记录的收付款：开单时的已收、已付，以及收款单、付款单。
      </View>
      {abilities.isOwner ? (
        <>
          <View className="fab add-account" style={{ bottom: '32px' }} onClick={() => setAdding(true)}>
            ＋
          </View>
          <AddAccount open={adding} onClose={() => setAdding(false)} onAdded={() => { setAdding(false); reload(); }} />
        </>
      ) : null}
    </>
  );
}

export default function AccountsPage() {
  const accounts = useRemote(() => paymentAccounts.list({ pageSize: 50 }), []);
  return (
    <Screen className="page-money-accounts">
      <RemoteView remote={accounts}>{(data) => <Accounts items={data.items} reload={() => void accounts.reload()} />}</RemoteView>
    </Screen>
  );
}
