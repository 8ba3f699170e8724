import multipart from '@fastify/multipart';
import { Upload, UploadQuery } from '@xiaocang/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalid } from '../errors.ts';
import { authenticate } from '../http/authenticate.ts';
import { actorOf } from '../http/context.ts';
import type { UploadsConfig } from '../integrations/storage/config.ts';
import { createUpload } from '../use-cases/uploads/create-upload.ts';
import { readUploadFile } from '../use-cases/uploads/read-upload-file.ts';
import type { RouteModule } from './types.ts';

const tags = ['uploads'];
const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * Images from the phone's camera or album: `POST /api/uploads?purpose=…` with a multipart field `file`, and
 * the files at `/uploads/<shop id>/<token>[-thumb].jpg`. A file's bytes never change under its address, so
 * a public picture is cached for a year; a bill's attachment needs the shop's session and is cached privately.
 */
export const uploadRoutes =
  ({ store, maxBytes }: UploadsConfig): RouteModule =>
  (app, db) => {
    // Multipart is parsed on this route only; every other route still takes JSON alone.
    void app.register(async (scope) => {
      await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 11 } });
      scope.withTypeProvider<ZodTypeProvider>().post(
        '/api/uploads',
        { schema: { tags, querystring: UploadQuery, consumes: ['multipart/form-data'], response: { 201: Upload } } },
        async (request, reply) => {
          if (!request.isMultipart()) throw invalid('file', 'must be sent as multipart/form-data, in a field named file');
          const part = await request.file();
          if (!part || part.fieldname !== 'file') throw invalid('file', 'is required: send the image in a field named file');
          const data = await part.toBuffer().catch((error: { code?: string }) => {
            if (error.code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
            throw new AppError('PAYLOAD_TOO_LARGE', `file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB`, [
              { field: 'file', message: `must be at most ${maxBytes} bytes` },
            ]);
          });
          const upload = await createUpload(db, actorOf(request), { purpose: request.query.purpose, data, store });
          return reply.status(201).send(upload);
        },
      );
    });

    app.get('/uploads/:shopId/:name', { schema: { tags, security: [], params: z.object({ shopId: z.string(), name: z.string() }) } }, async (request, reply) => {
      const actor = await authenticate(db, request);
      const file = await readUploadFile(db, actor, { address: request.url.split('?')[0]!, store });
      reply
        .type(file.contentType)
        .header('cache-control', file.isPublic ? `public, max-age=${ONE_YEAR_S}, immutable` : 'private, max-age=86400')
        // A public picture may be shown by a page of another origin; a receipt only by this app.
        .header('cross-origin-resource-policy', file.isPublic ? 'cross-origin' : 'same-origin');
      if (!file.isPublic) reply.header('vary', 'Authorization');
      if (file.size !== undefined) reply.header('content-length', file.size);
      return reply.send(file.body);
    });
  };
