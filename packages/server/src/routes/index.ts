import type { Database } from '../db/database.ts';
import { analyticsRoutes } from './analytics.ts';
import { authRoutes } from './auth.ts';
import { billRoutes } from './bills.ts';
import { catalogRoutesModule } from './catalog.ts';
import { exportRoutes } from './exports.ts';
import { importRoutes } from './imports.ts';
import { moneyRoutes } from './money.ts';
import { shareRoutes } from './shares.ts';
import { shopRoutes } from './shop.ts';
import { staffRoutes } from './staff.ts';
import { stockRoutes } from './stock.ts';
import type { Api } from './types.ts';

export interface RouteOptions {
  /** The address the public links and their QR codes point at (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

export async function registerRoutes(app: Api | import('fastify').FastifyInstance, db: Database, { publicBaseUrl }: RouteOptions): Promise<void> {
  const api = app.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>() as Api;
  for (const module of [authRoutes, shopRoutes, staffRoutes, catalogRoutesModule, billRoutes, stockRoutes, moneyRoutes, exportRoutes, importRoutes, analyticsRoutes, shareRoutes(publicBaseUrl)]) module(api, db);
}
