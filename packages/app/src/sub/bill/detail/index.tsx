import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { billActionsFor } from '@xiaocang/domain/rules';
import { useState } from 'react';
import { bills } from '../../../api/bills';
import type { Bill } from '../../../api/types';
import { TextField } from '../../../components/Fields';
import { HistoryLink } from '../../../components/HistoryLink';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { Sheet } from '../../../components/Sheet';
import { BillMoney } from '../../../components/BillMoney';
import { BillShareCard } from '../../../components/BillShare';
import { BillValue } from '../../../components/BillRow';
import { PictureThumbnail } from '../../../components/ImagePicker';
import { RemoteView } from '../../../components/StateView';
import { StatusTag } from '../../../components/StatusTag';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity, shortTime } from '../../../lib/format';
import { DIRECTION_LABEL } from '../../../lib/labels';
import { shortageLines, showStockWarnings } from '../../../lib/stock-messages';
import { go, ROUTES } from '../../../routes';
import { useSession } from '../../../state/session';
import { useOnReturn } from '../../../hooks/useOnReturn';

function Kv({ k, v }: { k: string; v: string | null | undefined }) {
  if (v === null || v === undefined || v === '') return null;
  return (
    <View className="kv">
      <View className="kv__k">{k}</View>
      <View className="kv__v">{v}</View>
    </View>
  );
}

function BillView({ bill, reload }: { bill: Bill; reload: () => Promise<void> }) {
  const { abilities, me, actor } = useSession();
  const action = useAction();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');

  const perform = (verb: 'confirm' | 'approve' | 'reverse' | 'withdraw' | 'reopen', done: string) =>
    action.run(async (keyFor) => {
      const answer = await bills.act(bill.id, verb, keyFor([verb, bill.id]));
      void Taro.showToast({ title: done, icon: 'success' });
      await showStockWarnings(answer);
      await reload();
    });

  const ask = (title: string, content: string, then: () => void) =>
    void Taro.showModal({ title, content }).then(({ confirm }) => confirm && then());

  const reject = () => {
    if (!reason.trim()) return void Taro.showToast({ title: '请填写驳回原因', icon: 'none' });
    void action.run(async (keyFor) => {
      await bills.reject(bill.id, reason.trim(), keyFor(['reject', bill.id, reason.trim()]));
      setRejecting(false);
      await reload();
    });
  };

  const remove = () =>
    ask('删除草稿', '删除后无法恢复，确定吗？', () => {
      void action.run(async (keyFor) => {
        await bills.remove(bill.id, keyFor(['delete', bill.id]));
        void Taro.navigateBack().catch(() => Taro.reLaunch({ url: ROUTES.bills }));
      });
    });

  const mine = bill.createdBy === me?.user.id;
  const party = bill.direction === 'in' ? bill.supplierName : bill.customerName;
  // The same state machine the server enforces decides which buttons there are.
  const allowed = new Set(actor ? billActionsFor(actor, bill) : []);
  // Why the last approval or confirmation failed, where a toast would be too short to say it.
  const problem =
    action.error?.code === 'INSUFFICIENT_STOCK'
      ? { title: `库存不足，${bill.status === 'pending' ? '无法审核通过' : '无法确认'}`, lines: shortageLines(action.error.shortages, bill.lines ?? []) }
      : action.error?.code === 'STALE_STOCKTAKE'
        ? { title: '盘点后库存已有变动', lines: ['这次盘点的差异已经过时，请驳回后重新盘点。'] }
        : null;
  // 再来一单: a new bill with this one's party and lines, for whoever may make bills of its direction.
  const copyable = bill.kind === 'normal' && bill.transferPeerId === null && (bill.status === 'confirmed' || bill.status === 'reversed') && (bill.direction === 'in' ? abilities.inbound : abilities.outbound);
  const buttons = [
    copyable ? (
      <Button key="copy" fill="outline" type="primary" className="copy-bill" onClick={() => go('billEdit', { direction: bill.direction, copyOf: bill.id })}>再来一单</Button>
    ) : null,
    allowed.has('edit') ? (
      <Button key="edit" fill="outline" type="primary" className="edit-bill" onClick={() => void Taro.redirectTo({ url: `${ROUTES.billEdit}?id=${bill.id}` })}>编辑</Button>
    ) : null,
    allowed.has('delete') ? <Button key="delete" fill="outline" type="danger" className="delete-bill" onClick={remove}>删除</Button> : null,
    allowed.has('submit') ? (
      <Button key="confirm" type="primary" className="confirm-bill" loading={action.busy} onClick={() => ask('确认单据', abilities.needsApproval ? '提交后等待店主审核。' : '确认后库存立即变动。', () => void perform('confirm', abilities.needsApproval ? '已提交审核' : '已确认'))}>
        {abilities.needsApproval ? '提交审核' : '确认'}
      </Button>
    ) : null,
    allowed.has('withdraw') ? (
      <Button key="withdraw" fill="outline" type="primary" className="withdraw-bill" loading={action.busy} onClick={() => ask('撤回单据', '撤回后单据变回草稿，可修改后重新提交。', () => void perform('withdraw', '已撤回'))}>撤回</Button>
    ) : null,
    allowed.has('reopen') ? (
      <Button key="reopen" type="primary" className="reopen-bill" loading={action.busy} onClick={() => ask('修改后重新提交', '单据将变回草稿，按驳回原因修改后再提交审核。', () => void perform('reopen', '已转为草稿'))}>修改后重新提交</Button>
    ) : null,
    allowed.has('reject') ? <Button key="reject" fill="outline" type="danger" className="reject-bill" onClick={() => setRejecting(true)}>驳回</Button> : null,
    allowed.has('approve') ? (
      <Button key="approve" type="primary" className="approve-bill" loading={action.busy} onClick={() => ask('审核通过', '通过后库存立即变动。', () => void perform('approve', '已通过'))}>通过</Button>
    ) : null,
    allowed.has('reverse') ? (
      <Button key="reverse" fill="outline" type="danger" className="reverse-bill" loading={action.busy} onClick={() => ask('红冲单据', '将生成一张反向单据抵消本单对库存的影响，原单保留。确定红冲？', () => void perform('reverse', '已红冲'))}>红冲</Button>
    ) : null,
  ].filter(Boolean);

  return (
    <>
      <View className="card bill-head">
        <View className="row">
          <View className="strong bill-no" style={{ fontSize: '17px' }}>{bill.billNo}</View>
          <StatusTag status={bill.status} kind={bill.kind} />
        </View>
        <View className="muted" style={{ marginBottom: '8px' }}>
          {DIRECTION_LABEL[bill.direction]} · {bill.billType}
        </View>
        <Kv k="单据日期" v={bill.billDate} />
        <Kv k={bill.direction === 'in' ? '供应商' : '客户'} v={party ?? '—'} />
        <Kv k="库存点" v={bill.stockPointName} />
        <Kv k="制单人" v={bill.createdByName ?? (mine ? me?.user.realName : undefined)} />
        <Kv k="制单时间" v={shortTime(bill.createdAt)} />
        <Kv k="备注" v={bill.remarks} />
        {bill.attachments.length > 0 ? (
          <View className="kv bill-attachments">
            <View className="muted">票据图片</View>
            <View className="image-picker">
              {bill.attachments.map((attachment) => (
                <View key={attachment.fileId} className="image-tile">
                  <PictureThumbnail address={attachment.fileId} signed />
                </View>
              ))}
            </View>
          </View>
        ) : null}
        {bill.rejectedReason ? <Kv k={bill.status === 'rejected' ? '驳回原因' : '上次驳回原因'} v={bill.rejectedReason} /> : null}
        {bill.reversalOfId ? (
          <View className="kv link" onClick={() => go('billDetail', { id: bill.reversalOfId ?? '' })}>本单为红冲单，查看原单 {bill.reversalOfBillNo ?? ''} ›</View>
        ) : null}
        {bill.reversedById ? (
          <View className="kv link" onClick={() => go('billDetail', { id: bill.reversedById ?? '' })}>已被红冲，查看红冲单 {bill.reversedByBillNo ?? ''} ›</View>
        ) : null}
      </View>
      <View className="card bill-lines">
        <View className="card__title">商品明细</View>
        {(bill.lines ?? []).map((line, i) => (
          <View key={line.id ?? i} className="list-item bill-line">
            <View className="list-item__main">
              <View className="list-item__title ellipsis">{line.productName}</View>
              <View className="list-item__meta">
                {quantity(line.quantity, line.unit)}
                {line.unitPrice !== undefined ? ` × ${money(line.unitPrice)}` : ''}
                {line.specification ? ` · ${line.specification}` : ''}
              </View>
              {line.stockBefore != null && line.stockAfter != null ? (
                <View className="list-item__meta">
                  库存 {quantity(line.stockBefore)} → {quantity(line.stockAfter, line.unit)}
                </View>
              ) : null}
            </View>
            {line.amount !== undefined ? <View className="list-item__side strong num">{money(line.amount)}</View> : null}
          </View>
        ))}
        <View className="total-bar" style={{ marginTop: '8px' }}>
          <View className="sub">合计 {quantity(bill.totalQuantity, '件')}</View>
          <BillValue bill={bill} className="total-bar__amount" quantityIfHidden={false} />
        </View>
      </View>
      <BillMoney bill={bill} canSettle={bill.direction === 'out' ? abilities.outbound : abilities.inbound && abilities.seeCosts} />
      {bill.status === 'confirmed' || bill.status === 'reversed' ? <BillShareCard bill={bill} canSeePrices={(bill.direction === 'out' && bill.kind === 'normal') || abilities.seeCosts} /> : null}
      {problem ? (
        <View className="card action-problem">
          <View className="card__title danger">{problem.title}</View>
          {problem.lines.map((text) => (
            <View key={text} className="list-item__meta problem-line">{text}</View>
          ))}
        </View>
      ) : null}
      {buttons.length ? <View className="actions">{buttons}</View> : null}
      <Sheet title="驳回原因" open={rejecting} onClose={() => setRejecting(false)}>
        <TextField name="reason" label="原因" multiline value={reason} onChange={setReason} placeholder="告诉员工哪里需要修改" error={action.fieldErrors.reason} />
        <View className="gap" />
        <Button type="danger" block className="submit-reject" loading={action.busy} onClick={reject}>确认驳回</Button>
      </Sheet>
    </>
  );
}

export default function BillDetailPage() {
  const { params } = useRouter();
  const bill = useRemote(() => bills.get(params.id ?? ''), [params.id]);
  useOnReturn(() => void bill.reload());
  return (
    <Screen className="page-bill-detail">
      <RemoteView remote={bill}>{(data) => <BillView bill={data} reload={bill.reload} />}</RemoteView>
      {bill.data ? <HistoryLink entity="bill" id={bill.data.id} name={bill.data.billNo} /> : null}
    </Screen>
  );
}
