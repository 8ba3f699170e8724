import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { notifications } from '../../../api/notifications';
import type { Notification, NotificationList } from '../../../api/types';
import { Button } from '../../../components/nut';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { useAction } from '../../../hooks/useAction';
import { usePagedList } from '../../../hooks/usePagedList';
import { shortTime } from '../../../lib/format';
import { notificationTarget } from '../../../lib/notify';
import { go } from '../../../routes';
import { useSession } from '../../../state/session';
import { useOnReturn } from '../../../hooks/useOnReturn';

function open(page: string | null): void {
  const target = notificationTarget(page);
  if (!target) return;
  if (target.tab) void Taro.reLaunch({ url: target.url });
  else void Taro.navigateTo({ url: target.url });
}

/** Everything sent to the signed-in person in the app, newest first; a tap marks it read and opens what it is about. */
function Center() {
  const { abilities } = useSession();
  const [unreadOnly, setUnreadOnly] = useState(false);
  // Read here since the list loaded (the list itself is the server's; this only greys what was tapped).
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const list = usePagedList<Notification, NotificationList>((page, pageSize) => notifications.list({ unreadOnly, page, pageSize }), [unreadOnly]);
  const action = useAction();
  useOnReturn(() => void list.reload());
  const isRead = (n: Notification) => n.readAt !== null || readHere.has(n.id);
  const unread = Math.max(0, (list.last?.unreadCount ?? 0) - list.items.filter((n) => n.readAt === null && readHere.has(n.id)).length);
  const tap = (n: Notification) => {
    if (!isRead(n)) {
      setReadHere((ids) => new Set(ids).add(n.id));
      notifications.read(n.id).catch(() => undefined);
    }
    open(n.page);
  };
  const readAll = () =>
    void action.run(async () => {
      await notifications.readAll();
      setReadHere(new Set());
      await list.reload();
      void Taro.showToast({ title: '已全部标为已读', icon: 'success' });
    });
  return (
    <>
      <View className="seg">
        {([false, true] as const).map((only) => (
          <View key={String(only)} className={`seg__item seg-${only ? 'unread' : 'all'}${unreadOnly === only ? ' seg__item--on' : ''}`} onClick={() => setUnreadOnly(only)}>
            {only ? `未读${unread > 0 ? ` ${unread}` : ''}` : '全部'}
          </View>
        ))}
      </View>
      <View className="row notice-tools">
        <View className="muted">{unread > 0 ? `${unread} 条未读` : '没有未读通知'}</View>
        <View className="row">
          <View className="link notice-settings" onClick={() => go('notifySettings')}>通知设置</View>
          {unread > 0 ? (
            <Button size="small" fill="outline" type="primary" className="read-all" loading={action.busy} onClick={readAll}>
              全部已读
            </Button>
          ) : null}
        </View>
      </View>
      <View className="card">
        <PagedList
          list={list}
          empty={<Empty title={unreadOnly ? '没有未读通知' : '还没有通知'} text={abilities.seeStock ? '库存预警、待审核单据和审核结果会出现在这里' : '待审核单据和审核结果会出现在这里'} />}
        >
          {(n) => (
            <View key={n.id} className={`list-item notice-row${isRead(n) ? ' notice-row--read' : ' notice-row--unread'}`} onClick={() => tap(n)}>
              <View className={`notice-dot${isRead(n) ? ' notice-dot--read' : ''}`} />
              <View className="list-item__main">
                <View className="row">
                  <View className="list-item__title ellipsis notice-title">{n.title}</View>
                  <View className="muted nowrap notice-time">{shortTime(n.createdAt)}</View>
                </View>
                <View className="notice-body">{n.body}</View>
              </View>
              {notificationTarget(n.page) ? <View className="chevron">›</View> : null}
            </View>
          )}
        </PagedList>
      </View>
    </>
  );
}

export default function NotificationCenterPage() {
  return (
    <Screen className="page-notifications">
      <Center />
    </Screen>
  );
}
