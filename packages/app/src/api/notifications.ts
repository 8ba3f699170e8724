import { request } from './client';
import type {
  Delivery,
  DeliveryList,
  NotificationBadges,
  NotificationList,
  NotificationPreferences,
  NotificationPreferencesInput,
  WarningList,
  WarningOverrideInput,
  WarningReport,
  WarningRulesInput,
  WarningRulesView,
} from './types';

export type WarningStatus = 'open' | 'resolved' | 'all';
export type WarningScope = 'category' | 'product';
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

/** Stock warnings: the shop's rules (owner), the warnings themselves and their report. */
export const warnings = {
  rules: () => request<WarningRulesView>('GET', '/warnings/rules'),
  saveRules: (input: WarningRulesInput) => request<WarningRulesView>('PUT', '/warnings/rules', { body: input }),
  saveOverride: (scope: WarningScope, id: string, input: WarningOverrideInput) =>
    request<WarningRulesView>('PUT', `/warnings/rules/${scope}/${id}`, { body: input }),
  removeOverride: (scope: WarningScope, id: string) => request<WarningRulesView>('DELETE', `/warnings/rules/${scope}/${id}`),
  saveRecipients: (userIds: string[]) => request<WarningRulesView>('PUT', '/warnings/recipients', { body: { userIds } }),
  list: (query: { status: WarningStatus; kind?: string; productId?: string; page: number; pageSize: number }) =>
    request<WarningList>('GET', '/warnings', { query }),
  report: (query: { from: string; to: string; period: 'day' | 'week' | 'month' }) => request<WarningReport>('GET', '/warnings/report', { query }),
};

/** The signed-in person's notifications, their settings, and (owner) the deliveries that failed. */
export const notifications = {
  // Only `unreadOnly=true` is sent: the server reads any value given (even "false") as true.
  list: ({ unreadOnly, ...query }: { unreadOnly?: boolean; page: number; pageSize: number }) =>
    request<NotificationList>('GET', '/notifications', { query: { ...query, unreadOnly: unreadOnly ? true : undefined } }),
  badges: () => request<NotificationBadges>('GET', '/notifications/badges'),
  read: (id: string) => request<{ ok: true }>('POST', `/notifications/${id}/read`),
  readAll: () => request<{ updated: number }>('POST', '/notifications/read-all'),
  preferences: () => request<NotificationPreferences>('GET', '/notifications/preferences'),
  savePreferences: (input: NotificationPreferencesInput) => request<NotificationPreferences>('PUT', '/notifications/preferences', { body: input }),
  /** What WeChat answered for each template id when the user tapped 开启微信提醒. */
  saveSubscriptions: (results: Record<string, SubscribeResult>) =>
    request<NotificationPreferences>('POST', '/notifications/wechat-subscriptions', { body: { results } }),
  bindWechat: (code: string) => request<{ ok: true }>('POST', '/auth/wechat/bind', { body: { code } }),
  unbindWechat: () => request<{ ok: true }>('DELETE', '/auth/wechat/bind'),
  deliveries: (query: { status?: 'failed' | 'pending' | 'sent'; page: number; pageSize: number }) =>
    request<DeliveryList>('GET', '/notifications/deliveries', { query }),
  retryDelivery: (id: string) => request<Delivery>('POST', `/notifications/deliveries/${id}/retry`),
};
