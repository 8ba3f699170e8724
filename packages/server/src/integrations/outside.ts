import type { OutsideChannels } from '../use-cases/notifications/outside-channels.ts';
import type { DeliveryOptions } from '../jobs/deliver-notifications.ts';
import { AppError, invalid, tooManyRequests } from '../errors.ts';
import { channelsFromEnv } from './config.ts';
import { WechatApiError, type WechatApi } from './wechat/wechat-api.ts';

/** A login code's openid, with WeChat's refusals as the API's errors: a bad code names the field, a busy WeChat asks for a retry. */
const openIdOf = (login: WechatApi) => async (code: string): Promise<string> => {
  try {
    return (await login.codeToSession(code)).openid;
  } catch (error) {
    if (!(error instanceof WechatApiError)) throw error;
    if (error.reason === 'invalidCode') throw invalid('code', 'WeChat did not accept this login code (it is used or expired): sign in again');
    if (error.retryable) throw tooManyRequests('WeChat is busy: try again in a moment', 5);
    throw new AppError('INVALID_STATE', `WeChat refused the sign-in (${error.errcode})`);
  }
};

/** The outside channels this server is configured for (environment variables), as the routes and the outbox worker use them, and the WeChat server API when the app's id and secret are set. */
export function outsideFromEnv(env: NodeJS.ProcessEnv = process.env): { outside: OutsideChannels; delivery: Omit<DeliveryOptions, 'leaseMs'>; wechat?: WechatApi } {
  const configured = channelsFromEnv(env);
  const { wechatTemplateId } = configured;
  const login = configured.wechatLogin;
  return {
    outside: {
      missing: configured.missing,
      wechatTemplateId,
      ...(login ? { codeToOpenId: openIdOf(login) } : {}),
    },
    delivery: { channels: configured.channels, missing: configured.missing, wechatTemplateId },
    ...(login ? { wechat: login } : {}),
  };
}
