import { ImportKindParams, ImportQuery, ImportResult } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { sendFile } from '../http/send-file.ts';
import { invalid } from '../errors.ts';
import { importSheet } from '../use-cases/imports/import-sheet.ts';
import { sheetTemplate } from '../use-cases/imports/sheet-template.ts';
import type { RouteModule } from './types.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A 10,000-row sheet is well under this. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export const importRoutes: RouteModule = (app, db) => {
  // The spreadsheet is the body itself (as the mini-program and a browser can both send it), not a form upload.
  app.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body));

  app.get('/api/imports/:kind/template', { schema: { tags: ['import'], params: ImportKindParams } }, async (request, reply) => {
    const { data, fileName } = await sheetTemplate(request.params.kind);
    return sendFile(reply, { contentType: XLSX, data, fileName }, 'attachment');
  });
  app.post(
    '/api/imports/:kind',
    { bodyLimit: MAX_FILE_BYTES, schema: { tags: ['import'], params: ImportKindParams, querystring: ImportQuery, response: { 200: ImportResult } } },
    async (request) => {
      const file = request.body;
      if (!Buffer.isBuffer(file)) throw invalid('file', `must be sent as the body, with Content-Type ${XLSX}`);
      return importSheet(db, actorOf(request), { kind: request.params.kind, file, dryRun: request.query.dryRun });
    },
  );
};
