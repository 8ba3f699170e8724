import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { sendFile } from '../http/send-file.ts';
import { exportList } from '../use-cases/exports/export-list.ts';
import { EXPORT_LISTS, type ExportListName } from '../use-cases/exports/export-lists.ts';
import type { RouteModule } from './types.ts';

const ExportParams = z.object({ list: z.enum(Object.keys(EXPORT_LISTS) as [ExportListName, ...ExportListName[]]) });
/** The list's own filters ride along as strings; the export checks them with the list's query schema. */
const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).catchall(z.string());

export const exportRoutes: RouteModule = (app, db) => {
  app.get('/api/exports/:list', { schema: { tags: ['export'], params: ExportParams, querystring: ExportQuery } }, async (request, reply) => {
    const { format, ...filters } = request.query;
    const file = await exportList(db, actorOf(request), { list: request.params.list, format, filters });
    return sendFile(reply, file, 'attachment');
  });
};
