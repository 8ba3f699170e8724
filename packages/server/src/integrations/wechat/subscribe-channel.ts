// Channel 'wechat': a one-time subscribe message (订阅消息) through POST /cgi-bin/message/subscribe/send.
// The template's data keys and which message field fills each are configured (WECHAT_TEMPLATE_FIELDS); values are
// cut to the limits of the key's type, which WeChat reads from the key's prefix (thing1, time3, …).
import { cutText, DeliveryError, type Channel, type OutgoingMessage } from '../channel.ts';
import { WechatApiError, type WechatApi } from './wechat-api.ts';

export type TemplateField = keyof OutgoingMessage['fields'];
export type MiniprogramState = 'developer' | 'trial' | 'formal';

export interface SubscribeChannelConfig {
  /** WECHAT_WARNING_TEMPLATE_ID: one template for every kind. */
  templateId: string;
  /** Template data key → message field, e.g. { thing1: 'subject', thing2: 'detail', time3: 'time' }. */
  fields: Record<string, TemplateField>;
  /** WECHAT_MINIPROGRAM_STATE: which version of the mini-program the message opens. */
  miniprogramState: MiniprogramState;
}

export const DEFAULT_TEMPLATE_FIELDS = 'thing1=subject,thing2=detail,time3=time';

/** "thing1=subject,thing2=detail,time3=time" → { thing1: 'subject', … }; throws on anything else. */
export function parseTemplateFields(spec: string): Record<string, TemplateField> {
  const result: Record<string, TemplateField> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, field] = part.split('=').map((p) => p.trim());
    if (!key || !/^[a-z_]+\d+$/.test(key) || (field !== 'subject' && field !== 'detail' && field !== 'time')) {
      throw new Error(`WECHAT_TEMPLATE_FIELDS: "${part}" is not key=subject|detail|time`);
    }
    result[key] = field;
  }
  if (Object.keys(result).length === 0) throw new Error('WECHAT_TEMPLATE_FIELDS is empty');
  return result;
}

/** Limits per key type (WeChat's table of subscribe message value rules); types not listed pass as given. */
const LIMITS: Record<string, { max: number; ellipsis: boolean }> = {
  thing: { max: 20, ellipsis: true },
  character_string: { max: 32, ellipsis: false },
  number: { max: 32, ellipsis: false },
  letter: { max: 32, ellipsis: false },
  symbol: { max: 5, ellipsis: false },
  phrase: { max: 5, ellipsis: false },
  name: { max: 10, ellipsis: false },
  phone_number: { max: 17, ellipsis: false },
  car_number: { max: 8, ellipsis: false },
};

/** The type of a template key: "thing1" → "thing", "character_string12" → "character_string". */
export function keyType(key: string): string {
  return key.replace(/\d+$/, '');
}

/** A value cut to what its key's type allows (time/date types are passed as given). */
export function templateValue(key: string, value: string): string {
  const limit = LIMITS[keyType(key)];
  if (!limit) return value;
  let text = value;
  if (keyType(key) === 'character_string') text = text.replace(/[^\x21-\x7e]/g, '');
  if (keyType(key) === 'number') text = text.replace(/[^0-9.]/g, '');
  return cutText(text, limit.max, limit.ellipsis);
}

export function subscribeData(message: OutgoingMessage, fields: Record<string, TemplateField>): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, { value: templateValue(key, message.fields[field]) }]));
}

const NOT_RETRYABLE: Record<number, string> = {
  43101: '用户未订阅或订阅次数已用完',
  40003: 'openid 无效',
  40037: '模板 ID 无效',
  47003: '模板参数不符合规则',
  41030: '页面路径无效',
};
const RETRYABLE = new Set([-1, 45009, 40001, 42001]);

export class SubscribeChannel implements Channel {
  readonly name = 'wechat' as const;
  constructor(
    private readonly api: WechatApi,
    private readonly config: SubscribeChannelConfig,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(message.to)) throw new DeliveryError(`openid 无效：${message.to}`, false, '40003');
    const page = message.page?.replace(/^\//, '');
    try {
      await this.api.postWithToken('/cgi-bin/message/subscribe/send', {
        touser: message.to,
        template_id: this.config.templateId,
        ...(page ? { page } : {}),
        data: subscribeData(message, this.config.fields),
        miniprogram_state: this.config.miniprogramState,
        lang: 'zh_CN',
      });
    } catch (error) {
      if (!(error instanceof WechatApiError)) throw new DeliveryError(`微信订阅消息发送失败：${(error as Error).message}`, true, undefined, { cause: error });
      const code = String(error.errcode);
      const known = NOT_RETRYABLE[error.errcode];
      if (known) throw new DeliveryError(`${known}（${error.errcode}：${error.errmsg}）`, false, code, { cause: error });
      // 40001/42001 here means the one refresh did not help either: worth another try later.
      const retryable = RETRYABLE.has(error.errcode) || error.errcode >= 50000;
      throw new DeliveryError(`微信订阅消息发送失败（${error.errcode}：${error.errmsg}）`, retryable, code, { cause: error });
    }
  }
}
