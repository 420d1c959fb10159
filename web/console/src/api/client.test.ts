import { beforeAll, describe, expect, it, vi } from 'vitest';

// The client takes fetch when it is made: a stand-in answers here, set per test.
let answerWith: (request: Request) => Promise<Response> = async () => new Response('{}');
const sent: Request[] = [];
vi.stubGlobal('fetch', (request: Request) => {
  sent.push(request);
  return answerWith(request);
});
vi.stubGlobal('window', { isSecureContext: true });
// In a browser a path is read against the page's address; here, against a made-up one.
const NodeRequest = Request;
vi.stubGlobal(
  'Request',
  class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' && input.startsWith('/') ? `http://console.test${input}` : input, init);
    }
  },
);

let api: typeof import('./client.ts');
beforeAll(async () => {
  api = await import('./client.ts');
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the console API client', () => {
  it('answers the data of a success', async () => {
    answerWith = async () => json(200, { needed: true });
    expect(await api.answer(api.client.GET('/setup'))).toEqual({ needed: true });
    expect(sent.at(-1)!.url).toMatch(/\/api\/v1\/setup$/);
  });

  it('throws the one error shape as an ApiError, with its details', async () => {
    const error = { code: 'invalid', message: 'Bad', details: [{ field: 'name', reason: 'too long' }] };
    answerWith = async () => json(422, { error });
    const thrown = await api.answer(api.client.GET('/setup')).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(api.ApiError);
    expect(thrown).toMatchObject({ status: 422, code: 'invalid', details: error.details });
  });

  it('takes a 502-504 without the error shape, and a fetch that fails, as a NetworkError (the outbox retries)', async () => {
    answerWith = async () => new Response('<html>Bad Gateway</html>', { status: 502 });
    await expect(api.answer(api.client.GET('/setup'))).rejects.toBeInstanceOf(api.NetworkError);
    answerWith = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(api.answer(api.client.GET('/setup'))).rejects.toBeInstanceOf(api.NetworkError);
    // A 503 in the error shape (the database is down) is the server's own answer.
    answerWith = async () => json(503, { error: { code: 'unavailable', message: 'Down', details: [] } });
    await expect(api.answer(api.client.GET('/setup'))).rejects.toBeInstanceOf(api.ApiError);
  });

  it('sends the CSRF token on writes and an Idempotency-Key, the caller’s own where given', async () => {
    answerWith = async () => json(200, {});
    api.setCsrfToken('token-1');
    await api.answer(api.client.GET('/setup'));
    expect(sent.at(-1)!.headers.get('x-csrf-token')).toBeNull();
    await api.answer(api.client.POST('/auth/logout'));
    expect(sent.at(-1)!.headers.get('x-csrf-token')).toBe('token-1');
    expect(sent.at(-1)!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    await api.answer(api.client.POST('/auth/logout', api.idempotent('kept-key')));
    expect(sent.at(-1)!.headers.get('idempotency-key')).toBe('kept-key');
  });
});
