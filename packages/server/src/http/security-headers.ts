import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The hashes of the inline scripts in the web app's index.html (it sizes the page's rem before the app
 * loads), so the policy can allow exactly those and no other inline script.
 */
function inlineScriptHashes(appDir: string | undefined): string[] {
  const index = appDir ? `${appDir}/index.html` : undefined;
  if (!index || !existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body!).digest('base64')}'`,
  );
}

/**
 * Helmet's headers on every response (API, web app and docs), with a content security policy the H5 app
 * and the API docs work under: scripts only from this server (plus the app's own inline script, by hash);
 * inline styles, which the UI libraries set; images from anywhere, because product images are URLs the
 * merchant gives. No upgrade-insecure-requests: the app is also served over plain http on a shop's own network.
 * API responses are never stored by browsers or proxies (they carry prices and stock).
 */
export async function registerSecurityHeaders(app: FastifyInstance, appDir: string | undefined): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", ...inlineScriptHashes(appDir)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
  });
}
