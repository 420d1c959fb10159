import type { FastifyRequest } from 'fastify';
import type { App } from './app-types.ts';
import { AppError } from './errors.ts';

/** How many in what window, e.g. { max: 600, timeWindow: '1 hour' } (the window as @fastify/rate-limit reads it). */
export interface Limit {
  max: number;
  timeWindow: string;
}

/** What is being counted, in both languages, e.g. { zh: '提问', en: 'questions' }. */
export interface Counted {
  zh: string;
  en: string;
}

/** '10 minutes' → '10 分钟'; '30 s' → '30 秒'. */
const inChinese = (time: string) =>
  time
    .replace(/\s*\b(seconds?|s)\b/, ' 秒')
    .replace(/\s*\bminutes?\b/, ' 分钟')
    .replace(/\s*\bhours?\b/, ' 小时')
    .replace(/\s*\bdays?\b/, ' 天');

/** The refusal of a limit, in the one error shape, naming the limit and when to try again. */
function refusal(
  counted: Counted,
  limit: Limit,
  field: string,
  by: Counted,
  retryAfter: string,
  headers: Record<string, string> = {},
): AppError {
  return new AppError(
    429,
    'rate_limited',
    `同一${by.zh}的${counted.zh}已达上限（${inChinese(limit.timeWindow)}内至多 ${limit.max} 次），请 ${inChinese(retryAfter)}后再试 / ` +
      `Too many ${counted.en} from your ${by.en}: at most ${limit.max} in ${limit.timeWindow}. Try again in ${retryAfter}.`,
    [{ field, reason: `sent more than ${limit.max} ${counted.en} in ${limit.timeWindow}` }],
    headers,
  );
}

const ADDRESS: Counted = { zh: '网络地址', en: 'address' };

/**
 * A route's rateLimit config counting every request per client address (request.ip: the proxy
 * setting decides who that is). Per process; nginx's limit_req is the limit shared by instances.
 */
export const perAddress = (counted: Counted, limit: Limit) => ({
  ...limit,
  keyGenerator: (request: FastifyRequest) => request.ip,
  errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
    refusal(counted, limit, 'address', ADDRESS, context.after),
});

/**
 * A per-process limit that counts only what the caller says counts — successful sign-ins, questions
 * accepted from one phone — so that failures or refusals never use up what the others may do.
 * `check` before the work refuses with 429 and Retry-After once `max` are counted in the window;
 * `count` after it adds one. A request without a key (no phone given) is not limited.
 */
export function countedLimit(
  app: App,
  options: Limit & {
    counted: Counted;
    /** The field a refusal names: 'address', 'contactPhone'… */
    field: string;
    /** What the key is, for the message; the client's address unless said. */
    by?: Counted;
    keyOf: (request: FastifyRequest) => string | undefined;
  },
) {
  const { counted, field, by = ADDRESS, keyOf, ...limit } = options;
  const limiter = app.createRateLimit({ ...limit, keyGenerator: (request) => keyOf(request) ?? '' });
  return {
    async check(request: FastifyRequest): Promise<void> {
      if (!keyOf(request)) return;
      const state = await limiter(request, { increment: false });
      if (state.isAllowed || state.remaining > 0) return;
      const seconds = Math.max(1, state.ttlInSeconds);
      throw refusal(counted, limit, field, by, `${seconds} s`, { 'retry-after': String(seconds) });
    },
    async count(request: FastifyRequest): Promise<void> {
      if (keyOf(request)) await limiter(request);
    },
  };
}
