import { LIMITS, WARNING_KINDS } from '@xiaocang/domain';
import { z } from 'zod';
import { decimalInput, DecimalString, Id, IsoDate, listOf, Page, PageSize, Text, Timestamp } from './common.ts';

export const WarningKind = z.enum(WARNING_KINDS);
export type WarningKind = z.infer<typeof WarningKind>;

/** A shop's warning rules, as in `domain/warnings.ts`: zero turns a rule off. */
export const WarningRules = z.object({
  lowStockThreshold: DecimalString,
  coverDays: z.number().int(),
  rateWindowDays: z.number().int(),
  spikeFactor: DecimalString,
  staleDays: z.number().int(),
});
export type WarningRules = z.infer<typeof WarningRules>;

const ruleFields = {
  lowStockThreshold: decimalInput({ places: 3, max: LIMITS.balanceQuantity }),
  coverDays: z.number({ message: 'must be a whole number of days' }).int('must be a whole number of days').min(0).max(365),
  rateWindowDays: z.number({ message: 'must be a whole number of days' }).int('must be a whole number of days').min(7).max(180),
  spikeFactor: decimalInput({ places: 1, max: 100 }).refine((text) => Number(text) === 0 || Number(text) >= 1.1, 'must be 0 (off) or at least 1.1'),
  staleDays: z.number({ message: 'must be a whole number of days' }).int('must be a whole number of days').min(0).max(3650),
};

/** The shop's own rules: every rule named. */
export const WarningRulesInput = z.object(ruleFields);
export type WarningRulesInput = z.infer<typeof WarningRulesInput>;

/**
 * A category's or a product's own rules: a rule left out or null follows the level above. A product's
 * threshold is its own warning stock (on the product), so a product override has no `lowStockThreshold`.
 */
export const WarningOverrideInput = z.object({
  lowStockThreshold: ruleFields.lowStockThreshold.nullable().optional(),
  coverDays: ruleFields.coverDays.nullable().optional(),
  rateWindowDays: ruleFields.rateWindowDays.nullable().optional(),
  spikeFactor: ruleFields.spikeFactor.nullable().optional(),
  staleDays: ruleFields.staleDays.nullable().optional(),
});
export type WarningOverrideInput = z.infer<typeof WarningOverrideInput>;

export const WarningScope = z.enum(['category', 'product']);
export const WarningOverrideParams = z.object({ scope: WarningScope, id: Id });

export const WarningOverride = z.object({
  scope: WarningScope,
  id: Id,
  name: z.string(),
  lowStockThreshold: DecimalString.nullable(),
  coverDays: z.number().int().nullable(),
  rateWindowDays: z.number().int().nullable(),
  spikeFactor: DecimalString.nullable(),
  staleDays: z.number().int().nullable(),
});
export type WarningOverride = z.infer<typeof WarningOverride>;

/** The rules screen: the shop's rules, the overrides, and the staff the owner lets receive warnings. */
export const WarningRulesView = z.object({
  shop: WarningRules,
  overrides: z.array(WarningOverride),
  recipients: z.array(z.object({ userId: Id, name: z.string(), role: z.enum(['owner', 'staff']), receivesWarnings: z.boolean(), mayViewStock: z.boolean() })),
});
export type WarningRulesView = z.infer<typeof WarningRulesView>;

/** Which staff members receive stock warnings (the owner always may; a member whose switches hide stock never does). */
export const WarningRecipientsInput = z.object({ userIds: z.array(Id).max(500) });

/** The figures a warning was raised or resolved with (field names as in `domain/warnings.ts`). */
export const WarningValues = z.object({
  stockQuantity: DecimalString.optional(),
  threshold: DecimalString.optional(),
  dailyOutbound: DecimalString.optional(),
  daysOfCover: DecimalString.optional(),
  weekOutbound: DecimalString.optional(),
  weeklyAverage: DecimalString.optional(),
  daysIdle: z.number().int().optional(),
});
export type WarningValues = z.infer<typeof WarningValues>;

export const WarningEvent = z.object({
  id: Id,
  kind: WarningKind,
  productId: Id,
  productName: z.string(),
  unit: z.string(),
  raisedAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  raised: WarningValues,
  resolved: WarningValues.nullable(),
  /** The warning in words, with the figures when it was raised. */
  title: z.string(),
  detail: z.string(),
});
export type WarningEvent = z.infer<typeof WarningEvent>;

export const WarningListQuery = z.object({
  page: Page,
  pageSize: PageSize,
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  kind: WarningKind.optional(),
  productId: Id.optional(),
});
export type WarningListQuery = z.infer<typeof WarningListQuery>;
/** Open warnings first (newest first), then resolved ones by when they were resolved. */
export const WarningList = listOf(WarningEvent).extend({ openByKind: z.record(WarningKind, z.number().int()) });
export type WarningList = z.infer<typeof WarningList>;

export const WarningReportQuery = z.object({ from: IsoDate, to: IsoDate, period: z.enum(['day', 'week', 'month']).default('week') });
export type WarningReportQuery = z.infer<typeof WarningReportQuery>;
export const WarningReport = z.object({
  from: z.string(),
  to: z.string(),
  byKind: z.array(
    z.object({
      kind: WarningKind,
      raisedCount: z.number().int(),
      resolvedCount: z.number().int(),
      openCount: z.number().int(),
      /** Median hours from raised to resolved of those resolved; null when none was. */
      medianHoursToResolve: z.number().nullable(),
    }),
  ),
  periods: z.array(z.object({ period: z.string(), counts: z.record(WarningKind, z.number().int()) })),
  topProducts: z.array(z.object({ productId: Id, productName: z.string(), warningCount: z.number().int() })),
});
export type WarningReport = z.infer<typeof WarningReport>;

/** What a notification is about; each can be turned off per channel. */
export const NOTIFICATION_KINDS = ['warning', 'approvalRequest', 'approvalResult', 'newOrder', 'refundRequest', 'paymentProblem'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;
export const NOTIFICATION_CHANNELS = ['inApp', 'wechat', 'email', 'sms'] as const;
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannel>;
/** The channels that deliver outside the app, through the outbox. */
export const OutboundChannel = z.enum(['wechat', 'email', 'sms']);
export type OutboundChannel = z.infer<typeof OutboundChannel>;

export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** The app page it leads to, e.g. a bill or the warning list. */
  page: z.string().nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationListQuery = z.object({
  page: Page,
  pageSize: PageSize,
  unreadOnly: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});
export const NotificationList = listOf(Notification).extend({ unreadCount: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

/** The home screen's badges: unread notifications, and open warnings (hidden from whoever may not see stock). */
export const NotificationBadges = z.object({ unreadCount: z.number().int(), openWarningCount: z.number().int().optional() });
export type NotificationBadges = z.infer<typeof NotificationBadges>;

export const ChannelSwitches = z.object({ inApp: z.boolean(), wechat: z.boolean(), email: z.boolean(), sms: z.boolean() });
export type ChannelSwitches = z.infer<typeof ChannelSwitches>;

export const NotificationPreferences = z.object({
  email: z.string(),
  phone: z.string(),
  wechatBound: z.boolean(),
  /** Subscribe messages WeChat still allows to this user (each tap on 开启微信提醒 adds one). */
  wechatQuota: z.number().int(),
  /** The template the app asks the user to subscribe to; null when WeChat messages are not configured. */
  wechatTemplateId: z.string().nullable(),
  channels: z.array(z.object({ channel: NotificationChannel, ready: z.boolean(), missing: z.string().nullable() })),
  kinds: z.array(z.object({ kind: NotificationKind, label: z.string(), allowed: z.boolean(), channels: ChannelSwitches })),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
export const NotificationPreferencesInput = z.object({
  email: Text(200).refine((text) => text === '' || z.email().safeParse(text).success, 'must be an email address').optional(),
  phone: Text(20).refine((text) => text === '' || MAINLAND_MOBILE.test(text), 'must be an 11-digit mobile number').optional(),
  kinds: z.partialRecord(NotificationKind, ChannelSwitches.partial()).optional(),
});
export type NotificationPreferencesInput = z.infer<typeof NotificationPreferencesInput>;

/** What `wx.requestSubscribeMessage` answered for each template id. */
export const WechatSubscriptionInput = z.object({
  results: z.record(z.string().max(64), z.enum(['accept', 'reject', 'ban', 'filter'])),
});
export const WechatCodeInput = z.object({ code: Text(128).min(1, 'is required') });

export const DeliveryStatus = z.enum(['pending', 'sent', 'failed']);
export const Delivery = z.object({
  id: Id,
  channel: OutboundChannel,
  recipientName: z.string(),
  /** The address, partly masked. */
  address: z.string(),
  title: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
  nextAttemptAt: Timestamp.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryListQuery = z.object({ page: Page, pageSize: PageSize, status: DeliveryStatus.optional() });
export const DeliveryList = listOf(Delivery);
export type DeliveryList = z.infer<typeof DeliveryList>;
