import { View } from '@tarojs/components';
import { useState } from 'react';
import { paymentAccounts } from '../api/money';
import type { Bill } from '../api/types';
import { useRemote } from '../hooks/useRemote';
import { isDecimal, sumAmounts } from '../lib/decimal';
import { money } from '../lib/format';
import { SelectField, TextField } from './Fields';

export interface Payment {
  paidAmount: string;
  paymentAccountId: string | null;
  set: (patch: Partial<Pick<Payment, 'paidAmount' | 'paymentAccountId'>>) => void;
  /** The bill body's payment fields. */
  body: { paidAmount: string; paymentAccountId: string | null };
}

/** What a bill says was paid at once, as the form edits it; a new bill starts with nothing paid. */
export function usePayment(bill: Bill | null): Payment {
  const [value, setValue] = useState({
    paidAmount: bill && bill.paidAmount && bill.paidAmount !== '0.00' ? bill.paidAmount : '',
    paymentAccountId: bill?.paymentAccountId ?? null,
  });
  const paidAmount = value.paidAmount.trim() || '0';
  return {
    ...value,
    set: (patch) => setValue((current) => ({ ...current, ...patch })),
    body: { paidAmount, paymentAccountId: paidAmount === '0' ? null : value.paymentAccountId },
  };
}

interface Props {
  direction: 'in' | 'out';
  /** The bill's live total, as the form shows it. */
  total: string;
  /** A customer or supplier is chosen: the rest can be owed. */
  hasParty: boolean;
  payment: Payment;
  errors: Record<string, string>;
}

/** 本单收款/付款: how much was paid at once and into or out of which account; the rest is owed. */
export function PaymentFields({ direction, total, hasParty, payment, errors }: Props) {
  const accounts = useRemote(() => paymentAccounts.list({ pageSize: 50, status: 'active' }), []);
  const options = (accounts.data?.items ?? []).map((account) => ({ value: account.id, label: account.name }));
  const paid = payment.paidAmount.trim();
  const owed = isDecimal(paid || '0', 2) ? sumAmounts([total, `-${paid || '0'}`]) : null;
  const verb = direction === 'out' ? '收' : '付';
  const setPaid = (paidAmount: string) =>
    payment.set({ paidAmount, paymentAccountId: payment.paymentAccountId ?? options[0]?.value ?? null });
  return (
    <View className="card payment-fields">
      <TextField
        name="paidAmount"
        label={`本单已${verb}`}
        kind="decimal"
        value={payment.paidAmount}
        onChange={setPaid}
        placeholder="0.00"
        error={errors.paidAmount}
        suffix={
          <View className="chip chip--small pay-all" onClick={() => setPaid(total)}>
            全额
          </View>
        }
      />
      {paid && paid !== '0' ? (
        <SelectField
          name="paymentAccountId"
          label={`${verb}款账户`}
          required
          value={payment.paymentAccountId}
          options={options}
          onChange={(paymentAccountId) => payment.set({ paymentAccountId })}
          error={errors.paymentAccountId}
        />
      ) : null}
      {owed !== null && owed !== '0.00' ? (
        <View className="field__hint owed">
          {hasParty ? `其余 ${money(owed)} 计入${direction === 'out' ? '客户欠款（应收）' : '欠供应商（应付）'}` : `未选${direction === 'out' ? '客户' : '供应商'}：须全额${verb}款或不填`}
        </View>
      ) : null}
    </View>
  );
}
