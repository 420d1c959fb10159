import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/platform/db/database.ts';
import type { App } from '../src/platform/http/app-types.ts';
import { createTestDatabase } from './database.ts';
import { TEST_PASSWORD } from './builders.ts';

export interface TestApp {
  app: App;
  db: Database;
  close: () => Promise<void>;
}

export async function createTestApp(): Promise<TestApp> {
  const { db, drop } = await createTestDatabase();
  const app = await buildApp({ db, config: loadConfig({ DATA_DIR: '/tmp/openday-test-unused' }) });
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** A signed-in browser: the session cookie, and the CSRF token sent with every write. */
export interface Client {
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
}

let logins = 0;

export async function login(app: App, username: string, password = TEST_PASSWORD): Promise<Client> {
  // Sign-in is rate-limited per address; each test sign-in comes from an address of its own.
  const remoteAddress = `127.0.${Math.floor(++logins / 250) % 250}.${(logins % 250) + 1}`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'openday_session')!;
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  const cookieHeader = `openday_session=${cookie.value}`;
  return {
    cookie: cookieHeader,
    csrfToken,
    request: (options) =>
      app.inject({
        ...options,
        headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
      }),
  };
}
