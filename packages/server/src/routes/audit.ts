import { AuditList, AuditListQuery } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { listAudit } from '../use-cases/audit/list-audit.ts';
import type { RouteModule } from './types.ts';

/** The owner's audit trail. Read-only: nothing anywhere changes or removes its rows. */
export const auditRoutes: RouteModule = (app, db) => {
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: AuditListQuery, response: { 200: AuditList } } }, async (request) =>
    listAudit(db, actorOf(request), request.query),
  );
};
