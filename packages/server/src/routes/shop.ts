import { Shop, ShopConfig, UpdateShopConfigRequest, UpdateShopRequest } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { loadShop } from '../use-cases/accounts/rows.ts';
import { getShopConfig } from '../use-cases/config/get-shop-config.ts';
import { updateShopConfig } from '../use-cases/config/update-shop-config.ts';
import { updateShop } from '../use-cases/shop/update-shop.ts';
import type { RouteModule } from './types.ts';

export const shopRoutes: RouteModule = (app, db) => {
  app.get('/api/shop', { schema: { tags: ['shop'], response: { 200: Shop } } }, async (request) => loadShop(db, actorOf(request).shopId));
  app.put('/api/shop', { schema: { tags: ['shop'], body: UpdateShopRequest, response: { 200: Shop } } }, async (request) =>
    updateShop({ db, actor: actorOf(request) }, request.body),
  );
  app.get('/api/config', { schema: { tags: ['shop'], response: { 200: ShopConfig } } }, async (request) =>
    getShopConfig(db, actorOf(request).shopId),
  );
  app.put('/api/config', { schema: { tags: ['shop'], body: UpdateShopConfigRequest, response: { 200: ShopConfig } } }, async (request) =>
    updateShopConfig({ db, actor: actorOf(request) }, request.body),
  );
};
