import { NotificationPreferences, Session, WechatCodeInput, WechatSubscriptionInput } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { ADDRESS_LIMITS } from '../http/rate-limits.ts';
import { loginWithWechat } from '../use-cases/accounts/login-with-wechat.ts';
import type { OutsideChannels } from '../use-cases/notifications/outside-channels.ts';
import { bindWechat, recordWechatSubscription, unbindWechat } from '../use-cases/notifications/wechat-account.ts';
import type { RouteModule } from './types.ts';

const tags = ['wechat'];

/** WeChat in the mini-program: signing in with it, binding it to a user, and the subscribe messages the user allows. */
export const wechatRoutes =
  (outside: OutsideChannels): RouteModule =>
  (app, db) => {
    app.post(
      '/api/auth/wechat/login',
      { config: { rateLimit: ADDRESS_LIMITS.login }, schema: { tags, security: [], body: WechatCodeInput, response: { 200: Session } } },
      async (request) => loginWithWechat(db, request.body, outside),
    );
    app.post('/api/auth/wechat/bind', { schema: { tags, body: WechatCodeInput, response: { 200: NotificationPreferences } } }, async (request) =>
      bindWechat(db, actorOf(request), request.body, outside),
    );
    app.delete('/api/auth/wechat/bind', { schema: { tags, response: { 200: NotificationPreferences } } }, async (request) => unbindWechat(db, actorOf(request), outside));
    app.post('/api/notifications/wechat-subscriptions', { schema: { tags, body: WechatSubscriptionInput, response: { 200: NotificationPreferences } } }, async (request) =>
      recordWechatSubscription(db, actorOf(request), request.body, outside),
    );
  };
