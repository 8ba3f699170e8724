// SMS: one Channel over a provider adapter (SMS_PROVIDER=aliyun today). The channel checks the number; the adapter
// speaks the provider's API and turns its answers into DeliveryErrors.
import { DeliveryError, type Channel, type OutgoingMessage } from '../channel.ts';

export interface SmsProvider {
  /** Sends the template message to an 11-digit mainland mobile number; throws DeliveryError. */
  send(mobile: string, message: OutgoingMessage): Promise<void>;
}

/** 11 digits, mainland China ("+86", "0086", spaces and dashes are dropped); undefined when it is not one. */
export function mainlandMobile(value: string): string | undefined {
  const digits = value.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

export class SmsChannel implements Channel {
  readonly name = 'sms' as const;
  constructor(private readonly provider: SmsProvider) {}

  async send(message: OutgoingMessage): Promise<void> {
    const mobile = mainlandMobile(message.to);
    if (!mobile) throw new DeliveryError(`手机号无效：${message.to}`, false, 'badNumber');
    await this.provider.send(mobile, message);
  }
}
