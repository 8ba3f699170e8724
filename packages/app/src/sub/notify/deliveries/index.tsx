import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { notifications } from '../../../api/notifications';
import type { Delivery } from '../../../api/types';
import { Button } from '../../../components/nut';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { useAction } from '../../../hooks/useAction';
import { usePagedList } from '../../../hooks/usePagedList';
import { shortTime } from '../../../lib/format';
import { CHANNEL_LABEL } from '../../../lib/notify';
import { useOnReturn } from '../../../hooks/useOnReturn';

/** Messages that could not be sent by WeChat, email or text message, with one retry each. */
function Deliveries() {
  const list = usePagedList<Delivery>((page, pageSize) => notifications.deliveries({ status: 'failed', page, pageSize }), []);
  const action = useAction();
  useOnReturn(() => void list.reload());
  const retry = (delivery: Delivery) =>
    void action.run(async () => {
      await notifications.retryDelivery(delivery.id);
      void Taro.showToast({ title: '已重新发送', icon: 'success' });
      await list.reload();
    });
  return (
    <>
      <View className="share-note" style={{ margin: '0 4px 8px' }}>发送失败的消息会自动重试几次；仍失败的列在这里，检查设置后可以点“重试”。</View>
      <View className="card">
        <PagedList list={list} empty={<Empty title="没有发送失败的消息" text="微信、邮件和短信提醒都已送达" />}>
          {(d) => (
            <View key={d.id} className="list-item delivery-row">
              <View className="list-item__main">
                <View className="list-item__title ellipsis">
                  <View className="badge badge--muted delivery-channel" style={{ marginLeft: 0, marginRight: '6px' }}>{CHANNEL_LABEL[d.channel]}</View>
                  {d.title}
                </View>
                <View className="list-item__meta">
                  发给 {d.recipientName}（{d.address}）· 已试 {d.attempts} 次 · {shortTime(d.createdAt)}
                </View>
                {d.lastError ? <View className="list-item__meta danger delivery-error">{d.lastError}</View> : null}
              </View>
              <View className="list-item__side">
                <Button size="small" fill="outline" type="primary" className="retry-delivery" disabled={action.busy} onClick={() => retry(d)}>
                  重试
                </Button>
              </View>
            </View>
          )}
        </PagedList>
      </View>
    </>
  );
}

export default function DeliveriesPage() {
  return (
    <Screen className="page-deliveries">
      <Deliveries />
    </Screen>
  );
}
