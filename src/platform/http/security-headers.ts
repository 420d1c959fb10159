import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The API answers JSON (and files to download): nothing in it may run, load or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The API documentation page (Swagger UI): its own scripts only, never inline ones. Swagger UI
 * sets style attributes at run time, hence inline styles.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The fallback for any other page: no inline scripts, never framed. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Two years, with sub-domains: a government site is HTTPS throughout. */
export const HSTS = 'max-age=63072000; includeSubDomains';

function contentSecurityPolicy(request: FastifyRequest, reply: FastifyReply): string {
  if (request.url.startsWith('/api/docs')) return DOCS_CSP;
  const type = String(reply.getHeader('content-type') ?? '');
  return request.url.startsWith('/api/') || !type.startsWith('text/html') ? API_CSP : PAGE_CSP;
}

/**
 * The security headers of every answer (ASVS 5.0 V3.4): a Content-Security-Policy without inline
 * scripts and with frame-ancestors 'none', nosniff, a referrer policy, and HSTS when the request came
 * over TLS — directly, or through a proxy the server trusts (TRUST_PROXY and X-Forwarded-Proto).
 *
 * Registered on the root before the routes. The portal and the console set a policy of their own
 * in their plugins' hooks, which run after this one and so take precedence for their pages.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply);
    return payload;
  });
}

/** The headers themselves; also for answers given before routing, which no hook sees. */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  if (!reply.hasHeader('content-security-policy')) {
    reply.header('content-security-policy', contentSecurityPolicy(request, reply));
  }
  reply.header('x-content-type-options', 'nosniff');
  if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  // A page framed by the app itself (the summary preview) says so; every other answer is never framed.
  if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
}
