// Reads the notification channels' settings from the environment and builds the channels that are configured.
// A channel that is off is named in `missing` with what the owner or operator has to set, in zh-CN.
import type { Channel, ChannelName } from './channel.ts';
import { EmailChannel, type EmailConfig } from './email/email-channel.ts';
import { AliyunSms, type AliyunSmsConfig } from './sms/aliyun.ts';
import { SmsChannel } from './sms/sms-channel.ts';
import { DEFAULT_TEMPLATE_FIELDS, parseTemplateFields, SubscribeChannel, type MiniprogramState, type SubscribeChannelConfig } from './wechat/subscribe-channel.ts';
import { WechatApi, type WechatApiConfig } from './wechat/wechat-api.ts';
import { privateKeyOf, publicKeyOf, WECHAT_PAY_API_BASE, WechatPay, type WechatPayConfig } from './wechat-pay/wechat-pay.ts';

export type SmsProviderName = 'aliyun' | 'tencent';

export interface IntegrationsConfig {
  email?: EmailConfig;
  sms?: { provider: 'aliyun'; aliyun: AliyunSmsConfig };
  wechat?: WechatApiConfig;
  wechatSubscribe?: SubscribeChannelConfig;
  missing: Partial<Record<ChannelName, string>>;
}

export interface ConfiguredChannels {
  channels: Partial<Record<ChannelName, Channel>>;
  missing: Partial<Record<ChannelName, string>>;
  /** Present when WECHAT_APPID and WECHAT_SECRET are set: login with wx.login codes. */
  wechatLogin?: WechatApi;
  /** The subscribe-message template in use, when WeChat messages are configured. */
  wechatTemplateId: string | null;
}

const value = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;

function unset(env: NodeJS.ProcessEnv, names: string[]): string[] {
  return names.filter((name) => !value(env, name));
}

/** The settings, checked; what is missing or wrong ends up in `missing`, never in an exception. */
export function readIntegrationsConfig(env: NodeJS.ProcessEnv = process.env): IntegrationsConfig {
  const config: IntegrationsConfig = { missing: {} };

  // Email.
  const smtpUrl = value(env, 'SMTP_URL');
  const smtpFrom = value(env, 'SMTP_FROM');
  if (!smtpUrl || !smtpFrom) {
    config.missing.email = `服务器未配置邮件发送（${unset(env, ['SMTP_URL', 'SMTP_FROM']).join('、')}）`;
  } else if (!/^smtps?:\/\//i.test(smtpUrl)) {
    config.missing.email = '服务器的邮件设置有误（SMTP_URL 应以 smtp:// 或 smtps:// 开头）';
  } else {
    const publicBaseUrl = value(env, 'PUBLIC_BASE_URL');
    config.email = { smtpUrl, from: smtpFrom, ...(publicBaseUrl ? { publicBaseUrl } : {}) };
  }

  // SMS.
  const provider = value(env, 'SMS_PROVIDER')?.toLowerCase();
  const smsNames = ['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_CODE'];
  if (!provider) {
    config.missing.sms = `服务器未配置短信发送（SMS_PROVIDER、${smsNames.join('、')}）`;
  } else if (provider === 'tencent') {
    config.missing.sms = '服务器暂不支持腾讯云短信（SMS_PROVIDER=tencent），请改用阿里云（SMS_PROVIDER=aliyun）';
  } else if (provider !== 'aliyun') {
    config.missing.sms = `服务器的短信设置有误（SMS_PROVIDER 应为 aliyun，而不是 ${provider}）`;
  } else if (unset(env, smsNames).length > 0) {
    config.missing.sms = `服务器未配置短信发送（${unset(env, smsNames).join('、')}）`;
  } else {
    const endpoint = value(env, 'SMS_ENDPOINT');
    config.sms = {
      provider: 'aliyun',
      aliyun: {
        accessKeyId: value(env, 'SMS_ACCESS_KEY_ID')!,
        accessKeySecret: value(env, 'SMS_ACCESS_KEY_SECRET')!,
        signName: value(env, 'SMS_SIGN_NAME')!,
        templateCode: value(env, 'SMS_TEMPLATE_CODE')!,
        ...(endpoint ? { endpoint } : {}),
      },
    };
  }

  // WeChat: login needs the app's id and secret; subscribe messages also a template.
  const appId = value(env, 'WECHAT_APPID');
  const secret = value(env, 'WECHAT_SECRET');
  const apiBase = value(env, 'WECHAT_API_BASE');
  if (appId && secret) config.wechat = { appId, secret, ...(apiBase ? { apiBase } : {}) };
  const templateId = value(env, 'WECHAT_WARNING_TEMPLATE_ID');
  const wechatUnset = unset(env, ['WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_WARNING_TEMPLATE_ID']);
  if (wechatUnset.length > 0) {
    config.missing.wechat = `服务器未配置微信订阅消息（${wechatUnset.join('、')}）`;
  } else {
    const state = (value(env, 'WECHAT_MINIPROGRAM_STATE') ?? 'formal') as MiniprogramState;
    try {
      if (!['developer', 'trial', 'formal'].includes(state)) throw new Error('state');
      config.wechatSubscribe = {
        templateId: templateId!,
        fields: parseTemplateFields(value(env, 'WECHAT_TEMPLATE_FIELDS') ?? DEFAULT_TEMPLATE_FIELDS),
        miniprogramState: state,
      };
    } catch {
      config.missing.wechat = '服务器的微信订阅消息设置有误（WECHAT_TEMPLATE_FIELDS 或 WECHAT_MINIPROGRAM_STATE）';
    }
  }
  return config;
}

/** The configured channels, what the others lack, and the WeChat login client when the app's id and secret are set. */
export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env): ConfiguredChannels {
  const config = readIntegrationsConfig(env);
  const channels: Partial<Record<ChannelName, Channel>> = {};
  if (config.email) channels.email = new EmailChannel(config.email);
  if (config.sms) channels.sms = new SmsChannel(new AliyunSms(config.sms.aliyun));
  const wechatLogin = config.wechat ? new WechatApi(config.wechat) : undefined;
  if (wechatLogin && config.wechatSubscribe) channels.wechat = new SubscribeChannel(wechatLogin, config.wechatSubscribe);
  return { channels, missing: config.missing, wechatTemplateId: config.wechatSubscribe?.templateId ?? null, ...(wechatLogin ? { wechatLogin } : {}) };
}

const WECHAT_PAY_NAMES = [
  'WECHAT_PAY_SP_MCHID',
  'WECHAT_PAY_SP_APPID',
  'WECHAT_PAY_MERCHANT_SERIAL',
  'WECHAT_PAY_PRIVATE_KEY',
  'WECHAT_PAY_APIV3_KEY',
  'WECHAT_PAY_PUBLIC_KEY',
  'WECHAT_PAY_PUBLIC_KEY_ID',
  'PUBLIC_BASE_URL',
];

/** WeChat Pay's settings, checked: the config, or why online payment is off (zh-CN, naming what to set). */
export function readWechatPayConfig(env: NodeJS.ProcessEnv = process.env): { config: WechatPayConfig } | { off: string } {
  const unsetNames = unset(env, WECHAT_PAY_NAMES);
  if (unsetNames.length > 0) return { off: `服务器未配置微信支付（${unsetNames.join('、')}）` };
  if (Buffer.byteLength(value(env, 'WECHAT_PAY_APIV3_KEY')!) !== 32) return { off: '服务器的微信支付设置有误（WECHAT_PAY_APIV3_KEY 应为 32 个字符）' };
  // WeChat Pay sends notifications to https addresses only.
  if (!/^https:\/\/[^?#]+$/.test(value(env, 'PUBLIC_BASE_URL')!)) return { off: '服务器的微信支付设置有误（PUBLIC_BASE_URL 应为 https:// 开头、不带查询参数的地址）' };
  try {
    return {
      config: {
        spMchid: value(env, 'WECHAT_PAY_SP_MCHID')!,
        spAppid: value(env, 'WECHAT_PAY_SP_APPID')!,
        merchantSerialNo: value(env, 'WECHAT_PAY_MERCHANT_SERIAL')!,
        merchantPrivateKey: privateKeyOf(value(env, 'WECHAT_PAY_PRIVATE_KEY')!),
        apiV3Key: value(env, 'WECHAT_PAY_APIV3_KEY')!,
        wechatPayPublicKey: publicKeyOf(value(env, 'WECHAT_PAY_PUBLIC_KEY')!),
        wechatPayPublicKeyId: value(env, 'WECHAT_PAY_PUBLIC_KEY_ID')!,
        apiBase: value(env, 'WECHAT_PAY_API_BASE') ?? WECHAT_PAY_API_BASE,
        notifyBaseUrl: value(env, 'PUBLIC_BASE_URL')!,
      },
    };
  } catch {
    return { off: '服务器的微信支付设置有误（WECHAT_PAY_PRIVATE_KEY 或 WECHAT_PAY_PUBLIC_KEY 不是有效的 PEM 密钥）' };
  }
}

/** Online payment as configured: the WeChat Pay client, or why there is none. */
export function onlinePaymentFromEnv(env: NodeJS.ProcessEnv = process.env): OnlinePayment {
  const read = readWechatPayConfig(env);
  return 'config' in read ? { wechatPay: new WechatPay(read.config) } : { off: read.off };
}

export interface OnlinePayment {
  wechatPay?: WechatPay;
  /** Why online payment is off, for the owner and the customer. */
  off?: string;
}
