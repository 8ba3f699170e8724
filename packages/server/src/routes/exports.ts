import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { sendFile } from '../http/send-file.ts';
import { EXPORT_NAMES, exportFile } from '../use-cases/exports/export-file.ts';
import type { RouteModule } from './types.ts';

const ExportParams = z.object({ list: z.enum(EXPORT_NAMES) });
/** The list's or report's own filters ride along as strings; the export checks them with its query schema. */
const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).catchall(z.string());

export const exportRoutes: RouteModule = (app, db) => {
  app.get('/api/exports/:list', { schema: { tags: ['export'], params: ExportParams, querystring: ExportQuery } }, async (request, reply) => {
    const { format, ...filters } = request.query;
    const file = await exportFile(db, actorOf(request), { name: request.params.list, format, filters });
    return sendFile(reply, file, 'attachment');
  });
};
