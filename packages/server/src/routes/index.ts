import type { Database } from '../db/database.ts';
import { analyticsRoutes } from './analytics.ts';
import { authRoutes } from './auth.ts';
import { billRoutes } from './bills.ts';
import { catalogRoutesModule } from './catalog.ts';
import { exportRoutes } from './exports.ts';
import { importRoutes } from './imports.ts';
import { moneyRoutes } from './money.ts';
import { notificationRoutes } from './notifications.ts';
import { shareRoutes } from './shares.ts';
import { shopRoutes } from './shop.ts';
import { staffRoutes } from './staff.ts';
import { stockRoutes } from './stock.ts';
import type { Api } from './types.ts';
import { warningRoutes } from './warnings.ts';
import { auditRoutes } from './audit.ts';
import { goodsRoutes } from './goods.ts';
import { orderRoutes } from './orders.ts';
import { storeRoutes } from './store.ts';
import { wechatRoutes } from './wechat.ts';
import { payRoutes } from './pay.ts';
import type { OnlinePayment } from '../integrations/config.ts';
import type { OutsideChannels } from '../use-cases/notifications/outside-channels.ts';
import type { UploadsConfig } from '../integrations/storage/config.ts';
import { uploadRoutes } from './uploads.ts';

export interface RouteOptions {
  /** The address the public links and their QR codes point at (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** What can be sent outside the app, and WeChat sign-in. */
  outside: OutsideChannels;
  /** Online payment (WeChat Pay), or why it is off. */
  payments: OnlinePayment;
  /** Where uploaded images are kept, and the largest accepted. */
  uploads: UploadsConfig;
}

export async function registerRoutes(app: Api | import('fastify').FastifyInstance, db: Database, { publicBaseUrl, outside, payments, uploads }: RouteOptions): Promise<void> {
  const api = app.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>() as Api;
  for (const module of [authRoutes, shopRoutes(uploads.store), staffRoutes, catalogRoutesModule, billRoutes, stockRoutes, moneyRoutes, exportRoutes, importRoutes, analyticsRoutes, warningRoutes, auditRoutes, notificationRoutes(outside), wechatRoutes(outside), goodsRoutes(payments), orderRoutes(payments), storeRoutes(outside, payments), payRoutes(payments), shareRoutes(publicBaseUrl), uploadRoutes(uploads)]) module(api, db);
}
