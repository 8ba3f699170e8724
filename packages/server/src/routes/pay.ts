import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OnlinePayment } from '../integrations/config.ts';
import { pathId } from '../http/context.ts';
import { receiveWechatNotification } from '../use-cases/payments/receive-wechat-notification.ts';
import type { RouteModule } from './types.ts';

const tags = ['pay'];

/**
 * WeChat Pay's notifications (payments and refunds) for a shop: no session, the signature is the proof. The body
 * is kept as the exact text received, because the signature covers those bytes, not a re-serialised object.
 */
export const payRoutes =
  (payments: OnlinePayment): RouteModule =>
  (app, db) => {
    void app.register(async (plain) => {
      const scope = plain.withTypeProvider<ZodTypeProvider>();
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      scope.post(
        '/api/pay/wechat/notify/:shopId',
        { schema: { tags, security: [], params: z.object({ shopId: z.string() }), response: { 204: z.null() } } },
        async (request, reply) => {
          await receiveWechatNotification(db, payments, pathId(request.params.shopId, 'Shop'), request.headers, typeof request.body === 'string' ? request.body : '');
          return reply.status(204).send(null);
        },
      );
    });
  };
