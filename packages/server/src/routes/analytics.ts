import { Forecast, ForecastQuery } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { getForecast } from '../use-cases/analytics/get-forecast.ts';
import type { RouteModule } from './types.ts';

export const analyticsRoutes: RouteModule = (app, db) => {
  app.get('/api/analytics/forecast', { schema: { tags: ['analytics'], querystring: ForecastQuery, response: { 200: Forecast } } }, async (request) =>
    getForecast(db, actorOf(request), request.query),
  );
};
