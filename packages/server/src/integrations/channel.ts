// The one interface every outside notification channel (email, SMS, WeChat subscribe messages) sits behind.
// Use cases build an OutgoingMessage and hand it to a Channel; they never see a vendor SDK.

export type ChannelName = 'email' | 'sms' | 'wechat';

export type MessageKind = 'warning' | 'approvalRequest' | 'approvalResult';

export interface OutgoingMessage {
  /** Stable per delivery: the same on every retry, so the receiving side can recognise a repeat. */
  key: string;
  /** Email address, mobile number (11 digits, mainland China) or WeChat openid. */
  to: string;
  /** What the message is about. */
  kind: MessageKind | (string & {});
  /** zh-CN, short: e.g. "库存预警：可乐 500ml". */
  title: string;
  /** zh-CN plain text, a few lines. */
  body: string;
  /** Template fields (WeChat/SMS): subject (the product or bill), detail (one line), time (YYYY-MM-DD HH:mm, shop time). */
  fields: { subject: string; detail: string; time: string };
  /** A path in the app, e.g. "/sub/warnings/list/index" (WeChat page; email shows it as a link on publicBaseUrl if given). */
  page?: string;
}

export interface Channel {
  readonly name: ChannelName;
  send(message: OutgoingMessage): Promise<void>;
}

/** A send that failed. retryable=false: trying again cannot help (refused by the user, bad address, no quota). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The first `max` characters of `text` (counted as Unicode code points, as the providers count them), with "…" as
 * the last one when something was cut and `ellipsis` is on.
 */
export function cutText(text: string, max: number, ellipsis = true): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length <= max) return chars.join('');
  if (!ellipsis || max < 2) return chars.slice(0, max).join('');
  return chars.slice(0, max - 1).join('') + '…';
}
