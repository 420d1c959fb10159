import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app-types.ts';
import { AppError, registerErrorHandling } from './errors.ts';
import { countedLimit } from './rate-limits.ts';

let app: App;

beforeAll(async () => {
  app = Fastify().withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  registerErrorHandling(app);
  await app.register(rateLimit, { global: false });
  // Three successes per address and hour; a failure is not counted.
  const successes = countedLimit(app, {
    max: 3,
    timeWindow: '1 hour',
    counted: { zh: '成功登录', en: 'successful sign-ins' },
    field: 'address',
    keyOf: (request) => request.ip,
  });
  app.post('/try', async (request) => {
    await successes.check(request);
    if ((request.body as { ok: boolean }).ok !== true) {
      throw new AppError(401, 'invalid_credentials', 'wrong', [{ field: 'password', reason: 'is wrong' }]);
    }
    await successes.count(request);
    return { ok: true };
  });
});
afterAll(() => app?.close());

const attempt = (ok: boolean, remoteAddress = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/try', payload: { ok }, remoteAddress });

describe('a limit that counts only what the caller counts', () => {
  it('counts successes, not failures, and refuses past the ceiling with 429, Retry-After and the field', async () => {
    const statuses = [];
    for (const ok of [false, false, true, false, true, false, false, true])
      statuses.push((await attempt(ok)).statusCode);
    expect(statuses).toEqual([401, 401, 200, 401, 200, 401, 401, 200]);
    const refused = await attempt(true);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({
      code: 'rate_limited',
      details: [{ field: 'address', reason: 'sent more than 3 successful sign-ins in 1 hour' }],
    });
    expect(refused.json().error.message).toMatch(
      /^同一网络地址的成功登录已达上限（1 小时内至多 3 次），请 \d+ 秒后再试 \/ Too many successful sign-ins from your address/,
    );
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    // Another address has its own count.
    expect((await attempt(true, '10.0.0.2')).statusCode).toBe(200);
  });
});
