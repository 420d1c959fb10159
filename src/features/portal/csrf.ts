import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.ts';

export const CSRF_COOKIE = 'openday_portal_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * CSRF protection for the portal's forms without JavaScript and without a session: a signed
 * double-submit token. The same value goes into a SameSite=Strict cookie and a hidden field; a
 * post is taken only when both are there, equal, and signed by this server (so a cookie planted
 * from elsewhere does not pass). The key comes from PORTAL_CSRF_SECRET when several instances
 * share the traffic; otherwise each process makes its own at start.
 */
export class PortalCsrf {
  private readonly key: Buffer;
  private readonly secure: boolean;

  constructor(secret: string | undefined, secure: boolean) {
    this.key = secret ? crypto.createHash('sha256').update(secret).digest() : crypto.randomBytes(32);
    this.secure = secure;
  }

  private sign(nonce: string): string {
    return crypto.createHmac('sha256', this.key).update(nonce).digest('base64url');
  }

  private valid(token: string | undefined): token is string {
    if (!token || token.length > 200) return false;
    const [nonce, signature, extra] = token.split('.');
    if (!nonce || !signature || extra !== undefined) return false;
    const expected = Buffer.from(this.sign(nonce));
    const given = Buffer.from(signature);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  }

  /** The token for a form on this page: the browser's own when it is valid, else a new one set as a cookie. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    const current = request.cookies[CSRF_COOKIE];
    if (this.valid(current)) return current;
    const nonce = crypto.randomBytes(18).toString('base64url');
    const token = `${nonce}.${this.sign(nonce)}`;
    reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.secure });
    return token;
  }

  /** Throws 403 unless the posted field matches the cookie and both are ours. */
  check(request: FastifyRequest, posted: string | undefined): void {
    const cookie = request.cookies[CSRF_COOKIE];
    if (!this.valid(cookie) || posted !== cookie) {
      throw new AppError(403, 'csrf_failed', 'The form has expired or did not come from this site; send it again', [
        { field: CSRF_FIELD, reason: 'does not match the form this site gave' },
      ]);
    }
  }
}
