import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../../platform/http/app-types.ts';

/** Where `vite build` (web/console/vite.config.ts) puts the console. */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../dist/console', import.meta.url));

/**
 * The console's own scripts only; AntD writes its styles at run time (CSS-in-JS), hence inline
 * styles; charts draw to canvas; the API is same-origin.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built staff console at /console/: hashed assets cached for a year, index.html (and
 * the service worker and manifest) revalidated every time, and index.html for every client route.
 */
export async function consoleHostRoutes(app: App, options: { root?: string } = {}) {
  const root = options.root ?? CONSOLE_DIST;
  const indexFile = join(root, 'index.html');

  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONSOLE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  if (!existsSync(indexFile)) {
    // The server starts without the console (e.g. `npm test`); say how to build it.
    app.get('/console/*', { config: { policy: 'public' } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The staff console is not built: run `npm run build` (npm start does it for you).\n'),
    );
    return;
  }

  await app.register(fastifyStatic, {
    root,
    prefix: '/console/',
    wildcard: false,
    index: false,
    decorateReply: false,
    cacheControl: false,
    // The build writes .br and .gz beside each asset (web/console/vite.config.ts): sent as asked.
    preCompressed: true,
    setHeaders: (response, path) => {
      response.header('cache-control', path.includes(`${join(root, 'assets')}`) ? IMMUTABLE : NO_CACHE);
      if (path.endsWith('sw.js')) response.header('service-worker-allowed', '/console/');
    },
  });

  let index: Buffer | undefined;
  const sendIndex = async (url: string, reply: FastifyReply) => {
    // The app's relative links need the trailing slash of its base.
    if (url === '/console') return reply.redirect('/console/', 301);
    index ??= await readFile(indexFile);
    return reply.header('cache-control', NO_CACHE).type('text/html; charset=utf-8').send(index);
  };
  app.get('/console/', { config: { policy: 'public' } }, async (request, reply) => sendIndex(request.url, reply));
  app.get('/console/*', { config: { policy: 'public' } }, async (request, reply) => {
    // A missing built file is a 404, not the page: a stale tab asking for an old chunk must fail visibly.
    if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0]!)) return reply.callNotFound();
    return sendIndex(request.url, reply);
  });
}
