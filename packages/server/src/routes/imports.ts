import { ImportQuery, ImportResult } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { sendFile } from '../http/send-file.ts';
import { invalid } from '../errors.ts';
import { importProducts } from '../use-cases/imports/import-products.ts';
import { productTemplate } from '../use-cases/imports/product-template.ts';
import type { RouteModule } from './types.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A 10,000-row product sheet is well under this. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export const importRoutes: RouteModule = (app, db) => {
  // The spreadsheet is the body itself (as the mini-program and a browser can both send it), not a form upload.
  app.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body));

  app.get('/api/imports/products/template', { schema: { tags: ['import'] } }, async (_request, reply) =>
    sendFile(reply, { contentType: XLSX, data: await productTemplate(), fileName: '商品导入模板.xlsx' }, 'attachment'),
  );
  app.post('/api/imports/products', { bodyLimit: MAX_FILE_BYTES, schema: { tags: ['import'], querystring: ImportQuery, response: { 200: ImportResult } } }, async (request) => {
    const file = request.body;
    if (!Buffer.isBuffer(file)) throw invalid('file', `must be sent as the body, with Content-Type ${XLSX}`);
    return importProducts(db, actorOf(request), { file, dryRun: request.query.dryRun });
  });
};
