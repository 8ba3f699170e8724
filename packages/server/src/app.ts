/** Every request body is strict: a key the contract does not name is refused, naming it. */
const validateRoute: FastifySchemaCompiler<z.ZodType> = (route) =>
  validatorCompiler(route.httpPart === 'body' ? { ...route, schema: strictInput(route.schema) } : route);
type ValidatorFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator'];

import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { strictInput } from '@xiaocang/contracts';
import { redactForActor } from '@xiaocang/domain';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifySchemaCompiler, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Database } from './db/database.ts';
import { AppError } from './errors.ts';
import { authenticate } from './http/authenticate.ts';
import { OneLinePerRequest } from './http/buffered-logger.ts';
import { handleError } from './http/error-handler.ts';
import { openApiTransform } from './http/openapi.ts';
import { registerRateLimits } from './http/rate-limits.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerRoutes } from './routes/index.ts';
import { outsideFromEnv } from './integrations/outside.ts';
import { onlinePaymentFromEnv, type OnlinePayment } from './integrations/config.ts';
import { uploadsConfigFromEnv, type UploadsConfig } from './integrations/storage/config.ts';
import { readConfig } from './config.ts';
import type { OutsideChannels } from './use-cases/notifications/outside-channels.ts';

export interface ServerOptions {
  db: Database;
  /** Where requests and errors are logged; none when left out. */
  logger?: FastifyBaseLogger;
  /** Folder of the built H5 app, served at /. */
  appDir?: string;
  /**
   * Which peers' X-Forwarded-For to believe for the client address (Fastify's trustProxy): by default
   * only a proxy on this machine, so a client cannot name its own address and escape its rate limits.
   */
  trustProxy?: boolean | string;
  /** Where share links and their QR codes point (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl?: string;
  /** What can be sent outside the app and WeChat sign-in; by default what the environment configures. */
  outside?: OutsideChannels;
  /** Online payment of storefront orders; by default what the environment configures (WECHAT_PAY_*). */
  payments?: OnlinePayment;
  /** Where uploaded images go; by default what the environment configures (UPLOADS_DIR, S3_*). */
  uploads?: UploadsConfig;
}

const PUBLIC_ROUTES = new Set(['/api/auth/register', '/api/auth/login', '/api/auth/wechat/login', '/api/openapi.json', '/api/health']);

export async function buildServer({
  db,
  logger,
  appDir,
  trustProxy = 'loopback',
  publicBaseUrl = 'http://127.0.0.1:3000',
  outside = outsideFromEnv().outside,
  payments = onlinePaymentFromEnv(),
  uploads = uploadsConfigFromEnv(process.env, readConfig().dataDir),
}: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger, logController: new OneLinePerRequest() } : { logger: false }),
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    trustProxy,
    // The router's own refusals (a malformed or overlong path) get the one error shape too.
    frameworkErrors: handleError,
    // Requests too broken to parse (bad headers) still get the one error shape.
    clientErrorHandler: (_error, socket) => {
      const body = JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'Malformed request' } });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
    // Given as factories, so that Fastify never loads the JSON-schema compilers (Ajv) it would otherwise build at
    // start. Fastify types the factories as Ajv's; it calls them with the route as any compiler.
    schemaController: { compilersFactory: { buildValidator: (() => validateRoute) as unknown as ValidatorFactory, buildSerializer: () => () => (data) => JSON.stringify(data) } },
  });
  app.setErrorHandler(handleError);
  await registerSecurityHeaders(app, appDir);
  await registerRateLimits(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Xiaocang 小仓 API', version: '0.1.0', description: 'Stock keeping for WeChat micro-merchants' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: openApiTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    // The storefront signs in customers, not staff: its routes check their own tokens (routes/store.ts).
    // WeChat Pay's notifications prove themselves by their signature (routes/pay.ts).
    if (!path.startsWith('/api/') || path.startsWith('/api/docs') || path.startsWith('/api/store/') || path.startsWith('/api/pay/') || PUBLIC_ROUTES.has(path)) return;
    request.actor = await authenticate(db, request);
    if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Please log in');
  });
  // The wall behind the app: whatever a route returns, a restricted staff member never receives hidden fields.
  app.addHook('preSerialization', async (request, _reply, payload) =>
    request.actor ? redactForActor(request.actor, payload) : payload,
  );

  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerRoutes(app, db, { publicBaseUrl, outside, payments, uploads });

  if (appDir && existsSync(appDir)) {
    await app.register(fastifyStatic, { root: appDir, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/api/') && appDir && existsSync(`${appDir}/index.html`) && request.method === 'GET') {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such route' } });
  });
  return app;
}

