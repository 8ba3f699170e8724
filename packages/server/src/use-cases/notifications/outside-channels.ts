import type { OutboundChannel } from '@xiaocang/contracts';

/** What this server can send outside the app: the channels that are off say why, and the WeChat template in use. */
export interface OutsideChannels {
  missing: Partial<Record<OutboundChannel, string>>;
  wechatTemplateId: string | null;
  /** Exchanges a mini-program login code for the WeChat account's openid; absent when WeChat sign-in is not configured. */
  codeToOpenId?: (code: string) => Promise<string>;
}
