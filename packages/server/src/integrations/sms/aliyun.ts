// Aliyun SMS (Dysmsapi 2017-05-25, SendSms) through the official SDK.
//
// Why the SDK: @alicloud/dysmsapi20170525 (on @alicloud/openapi-core) can be pointed at any endpoint and scheme
// (tests use http://127.0.0.1:port), installs without network (its only install script, openapi-core's
// "select-version", does nothing on Node ≥ 14), retries nothing unless told to, and signs with Aliyun's documented
// V3 signature (ACS3-HMAC-SHA256), which the fake provider in the tests recomputes on its own.
import type Dysmsapi from '@alicloud/dysmsapi20170525';
import type { RuntimeOptions } from '@darabonba/typescript';
import { cutText, DeliveryError, type OutgoingMessage } from '../channel.ts';
import type { SmsProvider } from './sms-channel.ts';

export const ALIYUN_SMS_ENDPOINT = 'dysmsapi.aliyuncs.com';

/** Aliyun's limit for a template variable's value (other than a verification code). */
export const SMS_VARIABLE_MAX = 35;

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** A host ("dysmsapi.aliyuncs.com", https) or a URL ("http://127.0.0.1:8080"). */
  endpoint?: string;
}

/** The answers in the body of a 200 that another try may fix; every other refusal (isv.*) stays. */
const RETRYABLE_CODES = new Set(['isp.SYSTEM_ERROR', 'isv.BUSINESS_LIMIT_CONTROL', 'isp.GATEWAY_ERROR', 'SignatureNonceUsed']);

function endpointOf(value: string | undefined): { endpoint: string; protocol: string } {
  const raw = (value ?? '').trim() || ALIYUN_SMS_ENDPOINT;
  if (!/^[a-z]+:\/\//i.test(raw)) return { endpoint: raw.replace(/\/+$/, ''), protocol: 'https' };
  const url = new URL(raw);
  return { endpoint: url.host, protocol: url.protocol.replace(':', '') };
}

/** The template's variables: ${subject} and ${detail}, each cut to Aliyun's limit. */
export function aliyunTemplateParam(message: OutgoingMessage): string {
  return JSON.stringify({
    subject: cutText(message.fields.subject, SMS_VARIABLE_MAX),
    detail: cutText(message.fields.detail, SMS_VARIABLE_MAX),
  });
}

interface SdkError {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
}

interface AliyunSdk {
  client: Dysmsapi;
  runtime: RuntimeOptions;
  SendSmsRequest: typeof import('@alicloud/dysmsapi20170525').SendSmsRequest;
}

export class AliyunSms implements SmsProvider {
  /** Loaded with the first message: loading the SDK at every start-up cost it a third of a second. */
  private loaded: Promise<AliyunSdk> | undefined;

  constructor(private readonly config: AliyunSmsConfig) {}

  private sdk(): Promise<AliyunSdk> {
    return (this.loaded ??= (async () => {
      const [dysmsapi, { $OpenApiUtil }, { RuntimeOptions }] = await Promise.all([
        import('@alicloud/dysmsapi20170525'),
        import('@alicloud/openapi-core'),
        import('@darabonba/typescript'),
      ]);
      // Node gives a CommonJS module's exports as its default, and the SDK's class is their `default` (tsx and vitest unwrap it).
      const Dysmsapi = (dysmsapi.default as unknown as { default?: typeof dysmsapi.default }).default ?? dysmsapi.default;
      const { endpoint, protocol } = endpointOf(this.config.endpoint);
      const client = new Dysmsapi(
        new $OpenApiUtil.Config({
          accessKeyId: this.config.accessKeyId,
          accessKeySecret: this.config.accessKeySecret,
          endpoint,
          protocol,
          regionId: 'cn-hangzhou',
        }),
      );
      return { client, SendSmsRequest: dysmsapi.SendSmsRequest, runtime: new RuntimeOptions({ connectTimeout: 10_000, readTimeout: 20_000, autoretry: false }) };
    })());
  }

  async send(mobile: string, message: OutgoingMessage): Promise<void> {
    const { client, runtime, SendSmsRequest } = await this.sdk();
    const request = new SendSmsRequest({
      phoneNumbers: mobile,
      signName: this.config.signName,
      templateCode: this.config.templateCode,
      templateParam: aliyunTemplateParam(message),
      outId: message.key,
    });
    let body: { code?: string; message?: string } | undefined;
    try {
      body = (await client.sendSmsWithOptions(request, runtime)).body;
    } catch (error) {
      throw classifyAliyunError(error);
    }
    const code = body?.code ?? '';
    if (code === 'OK') return;
    throw new DeliveryError(`短信发送失败（${code}）：${body?.message ?? ''}`, RETRYABLE_CODES.has(code) || code.startsWith('Throttling'), code);
  }
}

/** An error the SDK threw: an HTTP 4xx/5xx answer, or no answer at all. */
export function classifyAliyunError(error: unknown): DeliveryError {
  const e = (error ?? {}) as SdkError;
  const code = e.code && e.code !== 'undefined' ? e.code : undefined;
  const detail = e.message ?? String(error);
  if (typeof e.statusCode === 'number') {
    const retryable = e.statusCode >= 500 || e.statusCode === 429 || (code ?? '').includes('Throttling') || code === 'SignatureNonceUsed';
    return new DeliveryError(`短信服务拒绝请求（${e.statusCode} ${code ?? ''}）：${detail}`, retryable, code ?? String(e.statusCode), { cause: error });
  }
  return new DeliveryError(`无法连接短信服务：${detail}`, true, code, { cause: error });
}
