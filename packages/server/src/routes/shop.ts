import { Shop, ShopConfig, UpdateShopConfigRequest, UpdateShopRequest } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { getShopConfig } from '../use-cases/config/get-shop-config.ts';
import { updateShopConfig } from '../use-cases/config/update-shop-config.ts';
import { downloadShopBackup } from '../use-cases/shop/download-backup.ts';
import { getShop } from '../use-cases/shop/get-shop.ts';
import { updateShop } from '../use-cases/shop/update-shop.ts';
import type { FileStore } from '../integrations/storage/file-store.ts';
import type { RouteModule } from './types.ts';

/** The shop, its settings and its backup (with its photos, from `store`). */
export const shopRoutes =
  (store: FileStore): RouteModule =>
  (app, db) => {
  app.get('/api/shop', { schema: { tags: ['shop'], response: { 200: Shop } } }, async (request) => getShop(db, actorOf(request)));
  app.put('/api/shop', { schema: { tags: ['shop'], body: UpdateShopRequest, response: { 200: Shop } } }, async (request) =>
    updateShop(db, actorOf(request), request.body),
  );
  app.get('/api/shop/backup', { schema: { tags: ['shop'] } }, async (request, reply) => {
    const backup = downloadShopBackup(db, actorOf(request), store, (error) => request.log.error(error));
    return reply
      .type('application/gzip')
      .header('content-disposition', `attachment; filename="${backup.fileName}"`)
      .send(backup.stream);
  });
  app.get('/api/config', { schema: { tags: ['shop'], response: { 200: ShopConfig } } }, async (request) =>
    getShopConfig(db, actorOf(request)),
  );
  app.put('/api/config', { schema: { tags: ['shop'], body: UpdateShopConfigRequest, response: { 200: ShopConfig } } }, async (request) =>
    updateShopConfig(db, actorOf(request), request.body),
  );
};
