import { Classification, ClassificationQuery, DraftPurchases, DraftPurchasesRequest, Forecast, ForecastQuery, PurchaseSuggestions, SuggestionQuery } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { draftPurchases } from '../use-cases/analytics/draft-purchases.ts';
import { getClassification } from '../use-cases/analytics/get-classification.ts';
import { getForecast } from '../use-cases/analytics/get-forecast.ts';
import { purchaseSuggestions } from '../use-cases/analytics/purchase-suggestions.ts';
import type { RouteModule } from './types.ts';
import { writeOnce } from './write-once.ts';

export const analyticsRoutes: RouteModule = (app, db) => {
  app.get('/api/analytics/forecast', { schema: { tags: ['analytics'], querystring: ForecastQuery, response: { 200: Forecast } } }, async (request) =>
    getForecast(db, actorOf(request), request.query),
  );
  app.get('/api/analytics/purchase-suggestions', { schema: { tags: ['analytics'], querystring: SuggestionQuery, response: { 200: PurchaseSuggestions } } }, async (request) =>
    purchaseSuggestions(db, actorOf(request), request.query),
  );
  app.get('/api/analytics/classification', { schema: { tags: ['analytics'], querystring: ClassificationQuery, response: { 200: Classification } } }, async (request) =>
    getClassification(db, actorOf(request), request.query),
  );
  // One tap: a draft purchase bill per supplier, once per Idempotency-Key.
  app.post('/api/analytics/purchase-suggestions/drafts', { schema: { tags: ['analytics'], body: DraftPurchasesRequest, response: { 201: DraftPurchases } } }, async (request, reply) =>
    writeOnce(db, request, reply, 201, draftPurchases, request.body),
  );
};
