import type { ChannelSwitches, NotificationChannel, NotificationKind } from '@xiaocang/contracts';

/** What a user has said per kind and channel: {kind: {channel: on}}. */
export type StoredSwitches = Partial<Record<NotificationKind, Partial<ChannelSwitches>>>;

/** What is not said is on, except SMS: each message costs the shop money, so it waits to be asked for. */
const DEFAULT_ON: ChannelSwitches = { inApp: true, wechat: true, email: true, sms: false };

export function channelSwitchesOf(stored: StoredSwitches, kind: NotificationKind): ChannelSwitches {
  return { ...DEFAULT_ON, ...stored[kind] };
}

export const isOn = (stored: StoredSwitches, kind: NotificationKind, channel: NotificationChannel): boolean => channelSwitchesOf(stored, kind)[channel];
