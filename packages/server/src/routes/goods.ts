import { Goods, GoodsInput, GoodsList, GoodsListQuery, GoodsStatus, IdParams, Ok, StoreSettings, StoreSettingsInput, UpdateGoodsRequest } from '@xiaocang/contracts';
import { actorOf, pathId } from '../http/context.ts';
import { getGoods, goodsStatus, listGoods } from '../use-cases/goods/list-goods.ts';
import { getStoreSettings, updateStoreSettings } from '../use-cases/goods/store-settings.ts';
import { createGoods, deleteGoods, updateGoods } from '../use-cases/goods/write-goods.ts';
import type { OnlinePayment } from '../integrations/config.ts';
import type { RouteModule } from './types.ts';

const tags = ['storefront'];

/** The merchant's side of the storefront: its goods, their stock against the warehouse, and how orders hold stock. */
export const goodsRoutes =
  (payments: OnlinePayment): RouteModule =>
  (app, db) => {
  const id = (params: { id: string }) => pathId(params.id, 'Goods');
  app.get('/api/goods', { schema: { tags, querystring: GoodsListQuery, response: { 200: GoodsList } } }, async (request) => listGoods(db, actorOf(request), request.query));
  app.get('/api/goods/status', { schema: { tags, response: { 200: GoodsStatus } } }, async (request) => goodsStatus(db, actorOf(request)));
  app.post('/api/goods', { schema: { tags, body: GoodsInput, response: { 201: Goods } } }, async (request, reply) =>
    reply.status(201).send(await createGoods(db, actorOf(request), request.body)),
  );
  app.get('/api/goods/:id', { schema: { tags, params: IdParams, response: { 200: Goods } } }, async (request) => getGoods(db, actorOf(request), id(request.params)));
  app.put('/api/goods/:id', { schema: { tags, params: IdParams, body: UpdateGoodsRequest, response: { 200: Goods } } }, async (request) =>
    updateGoods(db, actorOf(request), { id: id(request.params), changes: request.body }),
  );
  app.delete('/api/goods/:id', { schema: { tags, params: IdParams, response: { 200: Ok } } }, async (request) => deleteGoods(db, actorOf(request), id(request.params)));
  app.get('/api/store-settings', { schema: { tags, response: { 200: StoreSettings } } }, async (request) => getStoreSettings(db, actorOf(request), payments));
  app.put('/api/store-settings', { schema: { tags, body: StoreSettingsInput, response: { 200: StoreSettings } } }, async (request) =>
    updateStoreSettings(db, actorOf(request), request.body, payments),
  );
};
