import {
  WarningList,
  WarningListQuery,
  WarningOverrideInput,
  WarningRecipientsInput,
  WarningReport,
  WarningReportQuery,
  WarningRulesInput,
  WarningRulesView,
  WarningScope,
} from '@xiaocang/contracts';
import { z } from 'zod';
import { actorOf, pathId } from '../http/context.ts';
import { getWarningRules } from '../use-cases/warnings/get-warning-rules.ts';
import { listWarnings } from '../use-cases/warnings/list-warnings.ts';
import { removeWarningOverride, setShopWarningRules, setWarningOverride, setWarningRecipients } from '../use-cases/warnings/set-warning-rules.ts';
import { warningReport } from '../use-cases/warnings/warning-report.ts';
import type { RouteModule } from './types.ts';

const tags = ['warnings'];
const OverrideParams = z.object({ scope: WarningScope, id: z.string() });

export const warningRoutes: RouteModule = (app, db) => {
  app.get('/api/warnings', { schema: { tags, querystring: WarningListQuery, response: { 200: WarningList } } }, async (request) =>
    listWarnings(db, actorOf(request), request.query),
  );
  app.get('/api/warnings/report', { schema: { tags, querystring: WarningReportQuery, response: { 200: WarningReport } } }, async (request) =>
    warningReport(db, actorOf(request), request.query),
  );
  app.get('/api/warnings/rules', { schema: { tags, response: { 200: WarningRulesView } } }, async (request) => getWarningRules(db, actorOf(request)));
  app.put('/api/warnings/rules', { schema: { tags, body: WarningRulesInput, response: { 200: WarningRulesView } } }, async (request) =>
    setShopWarningRules(db, actorOf(request), request.body),
  );
  app.put('/api/warnings/rules/:scope/:id', { schema: { tags, params: OverrideParams, body: WarningOverrideInput, response: { 200: WarningRulesView } } }, async (request) =>
    setWarningOverride(db, actorOf(request), { scope: request.params.scope, id: pathId(request.params.id, 'Record'), rules: request.body }),
  );
  app.delete('/api/warnings/rules/:scope/:id', { schema: { tags, params: OverrideParams, response: { 200: WarningRulesView } } }, async (request) =>
    removeWarningOverride(db, actorOf(request), { scope: request.params.scope, id: pathId(request.params.id, 'Record') }),
  );
  app.put('/api/warnings/recipients', { schema: { tags, body: WarningRecipientsInput, response: { 200: WarningRulesView } } }, async (request) =>
    setWarningRecipients(db, actorOf(request), request.body),
  );
};
