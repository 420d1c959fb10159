import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { App } from './app-types.ts';
import { createTestDatabase } from '../../../test/database.ts';
import { redactUrl } from './log-redaction.ts';

const CODE = '7K3M-9QXA-2BCD';

describe('redactUrl', () => {
  it('takes tracking codes out of paths and queries, and leaves everything else', () => {
    expect(redactUrl(`/api/v1/public/cases/${CODE}`)).toBe('/api/v1/public/cases/[redacted]');
    expect(redactUrl(`/api/v1/public/cases/${CODE}/personal-data?proof=8408`)).toBe(
      '/api/v1/public/cases/[redacted]/personal-data?proof=[redacted]',
    );
    expect(redactUrl(`/api/v1/public/cases/${CODE}/rating`)).toBe('/api/v1/public/cases/[redacted]/rating');
    expect(redactUrl(`/track/${CODE}`)).toBe('/track/[redacted]');
    expect(redactUrl(`/track?code=${CODE}&rated=1&lang=en`)).toBe('/track?code=[redacted]&rated=1&lang=en');
    expect(redactUrl(`/track?lang=en&%63ode=${CODE}`)).toBe('/track?lang=en&%63ode=[redacted]');
    expect(redactUrl(`/x?trackingCode=${CODE}`)).toBe('/x?trackingCode=[redacted]');
    // The key of the page that shows a portal question's tracking code.
    expect(redactUrl('/c/demo/ask?asked=4f1c2a9e-key')).toBe('/c/demo/ask?asked=[redacted]');
    expect(redactUrl('/api/v1/cases?status=open&limit=5')).toBe('/api/v1/cases?status=open&limit=5');
    expect(redactUrl('/api/v1/public/cases')).toBe('/api/v1/public/cases');
    expect(redactUrl('/q?%E0%A4%A=1')).toBe('/q?%E0%A4%A=1');
  });
});

describe('the request log', () => {
  const lines: string[] = [];
  let app: App;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const test = await createTestDatabase();
    drop = test.drop;
    app = await buildApp({
      db: test.db,
      config: loadConfig({ DATA_DIR: '/tmp/openday-test-unused' }),
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
  }, 10 * 60_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('never holds a tracking code, whichever route or form it came in', async () => {
    const urls = [
      `/api/v1/public/cases/${CODE}`,
      `/api/v1/public/cases/${CODE.toLowerCase().replaceAll('-', '')}/personal-data?proof=8408`,
      `/track?code=${CODE}`,
      `/track/${CODE}`,
    ];
    for (const url of urls) await app.inject({ method: 'GET', url });
    await app.inject({ method: 'POST', url: `/api/v1/public/cases/${CODE}/rating`, payload: { rating: 'satisfied' } });
    const log = lines.join('');
    // The requests were logged (with their URLs, redacted) …
    expect(log).toContain('/api/v1/public/cases/[redacted]/personal-data?proof=[redacted]');
    expect(log).toContain('/track?code=[redacted]');
    expect(log).toContain('/api/v1/public/cases/[redacted]/rating');
    // … and neither the code, in any spelling, nor its proof is there.
    expect(log).not.toContain(CODE);
    expect(log.toLowerCase()).not.toContain(CODE.toLowerCase().replaceAll('-', ''));
    expect(log).not.toContain('8408');
  });
});
