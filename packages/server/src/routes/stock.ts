import {
  CreateStocktakeRequest,
  CreateTransferRequest,
  Dashboard,
  IdParams,
  InOutQuery,
  InOutSummary,
  InventoryList,
  InventoryQuery,
  InventoryVerification,
  LedgerEntry,
  LedgerQuery,
  listOf,
  MonthlyStats,
  MonthlyStatsQuery,
  Stocktake,
  StockSummary,
  StockSummaryQuery,
  StockTrend,
  StockTrendQuery,
  Transfer,
} from '@xiaocang/contracts';
import { actorOf, pathId } from '../http/context.ts';
import { listInventory } from '../use-cases/inventory/list-inventory.ts';
import { productLedger } from '../use-cases/inventory/product-ledger.ts';
import { verifyInventory } from '../use-cases/inventory/verify-inventory.ts';
import { inOutSummary } from '../use-cases/reports/in-out-summary.ts';
import { stockSummary } from '../use-cases/reports/stock-summary.ts';
import { stockTrend } from '../use-cases/reports/stock-trend.ts';
import { getDashboard } from '../use-cases/stats/get-dashboard.ts';
import { getMonthlyStats } from '../use-cases/stats/get-monthly-stats.ts';
import { confirmStocktake } from '../use-cases/stocktakes/confirm-stocktake.ts';
import { createStocktake } from '../use-cases/stocktakes/create-stocktake.ts';
import { getStocktake } from '../use-cases/stocktakes/get-stocktake.ts';
import { createTransfer } from '../use-cases/transfers/create-transfer.ts';
import type { RouteModule } from './types.ts';
import { writeOnce } from './write-once.ts';

export const stockRoutes: RouteModule = (app, db) => {
  const stocktakeId = (params: { id: string }) => pathId(params.id, 'Stocktake');

  app.post('/api/transfers', { schema: { tags: ['stock'], body: CreateTransferRequest, response: { 201: Transfer } } }, async (request, reply) =>
    writeOnce(db, request, reply, 201, createTransfer, request.body),
  );
  app.post('/api/stocktakes', { schema: { tags: ['stock'], body: CreateStocktakeRequest, response: { 201: Stocktake } } }, async (request, reply) =>
    writeOnce(db, request, reply, 201, createStocktake, request.body),
  );
  app.get('/api/stocktakes/:id', { schema: { tags: ['stock'], params: IdParams, response: { 200: Stocktake } } }, async (request) =>
    getStocktake(db, actorOf(request), stocktakeId(request.params)),
  );
  app.post('/api/stocktakes/:id/confirm', { schema: { tags: ['stock'], params: IdParams, response: { 200: Stocktake } } }, async (request, reply) =>
    writeOnce(db, request, reply, 200, confirmStocktake, stocktakeId(request.params)),
  );

  app.get('/api/inventory', { schema: { tags: ['stock'], querystring: InventoryQuery, response: { 200: InventoryList } } }, async (request) =>
    listInventory(db, actorOf(request), request.query),
  );
  app.get('/api/inventory/verify', { schema: { tags: ['stock'], response: { 200: InventoryVerification } } }, async (request) =>
    verifyInventory(db, actorOf(request)),
  );
  app.get(
    '/api/products/:id/ledger',
    { schema: { tags: ['stock'], params: IdParams, querystring: LedgerQuery, response: { 200: listOf(LedgerEntry) } } },
    async (request) => productLedger(db, actorOf(request), { productId: pathId(request.params.id, 'Product'), query: request.query }),
  );
  app.get('/api/stats/monthly', { schema: { tags: ['stats'], querystring: MonthlyStatsQuery, response: { 200: MonthlyStats } } }, async (request) =>
    getMonthlyStats(db, actorOf(request), request.query.year),
  );
  app.get('/api/reports/stock-summary', { schema: { tags: ['reports'], querystring: StockSummaryQuery, response: { 200: StockSummary } } }, async (request) =>
    stockSummary(db, actorOf(request), request.query),
  );
  app.get('/api/reports/in-out', { schema: { tags: ['reports'], querystring: InOutQuery, response: { 200: InOutSummary } } }, async (request) =>
    inOutSummary(db, actorOf(request), request.query),
  );
  app.get('/api/reports/stock-trend', { schema: { tags: ['reports'], querystring: StockTrendQuery, response: { 200: StockTrend } } }, async (request) =>
    stockTrend(db, actorOf(request), request.query),
  );
  app.get('/api/dashboard', { schema: { tags: ['stats'], response: { 200: Dashboard } } }, async (request) => getDashboard(db, actorOf(request)));
};
