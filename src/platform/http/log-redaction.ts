import type { FastifyRequest } from 'fastify';

/** What stands in the log for a citizen's tracking code (or what proves it is theirs). */
export const REDACTED = '[redacted]';

/** Path segments followed by a tracking code: the public API's cases and the portal's tracking page. */
const CODE_IN_PATH = /(\/public\/cases\/|\/track\/)([^/?#]+)/g;
/** Query parameters that hold a code, its proof, or the key of the answer that shows it (?asked=). */
const SECRET_PARAMS = new Set(['code', 'trackingcode', 'proof', 'asked']);

/**
 * The URL as the request log may keep it: a tracking code is the citizen's key to their case and
 * personal data, so it never stands in the log, in the path (/public/cases/{code}/…, /track/{code})
 * or in the query (?code=…, ?proof=…).
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = (queryAt < 0 ? url : url.slice(0, queryAt)).replace(CODE_IN_PATH, `$1${REDACTED}`);
  if (queryAt < 0) return path;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed name is logged as it came; it cannot be one of ours.
      }
      return SECRET_PARAMS.has(decoded.trim().toLowerCase()) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/** The request as the log writes it (Fastify's default fields, the URL redacted). */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
