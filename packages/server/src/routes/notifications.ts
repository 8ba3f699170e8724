import {
  Delivery,
  DeliveryList,
  DeliveryListQuery,
  IdParams,
  NotificationBadges,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesInput,
  Ok,
  WechatCodeInput,
  WechatSubscriptionInput,
} from '@xiaocang/contracts';
import { z } from 'zod';
import { actorOf, pathId } from '../http/context.ts';
import { listDeliveries, retryDelivery } from '../use-cases/notifications/deliveries.ts';
import { listNotifications, markAllNotificationsRead, markNotificationRead, notificationBadges } from '../use-cases/notifications/list-notifications.ts';
import { getNotificationPreferences, updateNotificationPreferences } from '../use-cases/notifications/notification-preferences.ts';
import type { OutsideChannels } from '../use-cases/notifications/outside-channels.ts';
import { bindWechat, recordWechatSubscription, unbindWechat } from '../use-cases/notifications/wechat-account.ts';
import type { RouteModule } from './types.ts';

const tags = ['notifications'];

export const notificationRoutes =
  (outside: OutsideChannels): RouteModule =>
  (app, db) => {
    app.get('/api/notifications', { schema: { tags, querystring: NotificationListQuery, response: { 200: NotificationList } } }, async (request) =>
      listNotifications(db, actorOf(request), request.query),
    );
    app.get('/api/notifications/badges', { schema: { tags, response: { 200: NotificationBadges } } }, async (request) => notificationBadges(db, actorOf(request)));
    app.post('/api/notifications/:id/read', { schema: { tags, params: IdParams, response: { 200: Ok } } }, async (request) =>
      markNotificationRead(db, actorOf(request), pathId(request.params.id, 'Notification')),
    );
    app.post('/api/notifications/read-all', { schema: { tags, response: { 200: z.object({ updated: z.number().int() }) } } }, async (request) =>
      markAllNotificationsRead(db, actorOf(request)),
    );
    app.get('/api/notifications/preferences', { schema: { tags, response: { 200: NotificationPreferences } } }, async (request) =>
      getNotificationPreferences(db, actorOf(request), outside),
    );
    app.put('/api/notifications/preferences', { schema: { tags, body: NotificationPreferencesInput, response: { 200: NotificationPreferences } } }, async (request) =>
      updateNotificationPreferences(db, actorOf(request), request.body, outside),
    );
    app.post('/api/notifications/wechat-subscriptions', { schema: { tags, body: WechatSubscriptionInput, response: { 200: NotificationPreferences } } }, async (request) =>
      recordWechatSubscription(db, actorOf(request), request.body, outside),
    );
    app.post('/api/auth/wechat/bind', { schema: { tags, body: WechatCodeInput, response: { 200: NotificationPreferences } } }, async (request) =>
      bindWechat(db, actorOf(request), request.body, outside),
    );
    app.delete('/api/auth/wechat/bind', { schema: { tags, response: { 200: NotificationPreferences } } }, async (request) => unbindWechat(db, actorOf(request), outside));
    app.get('/api/notifications/deliveries', { schema: { tags, querystring: DeliveryListQuery, response: { 200: DeliveryList } } }, async (request) =>
      listDeliveries(db, actorOf(request), request.query),
    );
    app.post('/api/notifications/deliveries/:id/retry', { schema: { tags, params: IdParams, response: { 200: Delivery } } }, async (request) =>
      retryDelivery(db, actorOf(request), pathId(request.params.id, 'Delivery')),
    );
  };
