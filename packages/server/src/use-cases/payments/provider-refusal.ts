import { invalidState } from '../../errors.ts';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.ts';

/** Runs a call to WeChat Pay; its refusal or silence becomes the one error type, in words. */
export async function providerRefusal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WechatPayError) throw invalidState(`微信支付未受理：${error.message}`);
    throw error;
  }
}
