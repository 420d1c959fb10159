import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/app.ts';
import { runOpenday, scratchEnvironment } from '../../../test/cli.ts';
import { prepareSetupCode } from './service.ts';

/**
 * The first run without the demo: while no account exists the API says so and a set-up code is
 * kept; the first-run request with that code makes the root region, the office and the first
 * organizer together, who can then sign in and add a unit and an account. A wrong code, a weak
 * password or a second set-up are refused by field, and nothing of a refused set-up is stored.
 */
let t: TestApp;
let code: string;

const PASSWORD = 'kx7-Fjord-Lantern-42';
const body = (overrides: Record<string, unknown> = {}) => ({
  region: { code: '210000', name: '辽宁省', nameEn: 'Liaoning Province', level: 'province' },
  office: { name: '辽宁省政务公开办公室', nameEn: 'Liaoning Government Affairs Openness Office' },
  organizer: { username: 'first-organizer', displayName: '李明', password: PASSWORD },
  setupCode: code,
  ...overrides,
});
const setup = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: payload as object });
const counts = async () =>
  (
    await t.db.query<{ regions: number; units: number; users: number }>(
      'SELECT (SELECT count(*)::int FROM regions) AS regions, (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM users) AS users',
    )
  ).rows[0]!;

beforeAll(async () => {
  t = await createTestApp();
  code = (await prepareSetupCode(t.db))!;
}, 600_000);
afterAll(() => t?.close());

describe('the first run, through the API', () => {
  it('says the installation needs its first organizer, and keeps one code across starts', async () => {
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await prepareSetupCode(t.db)).toBe(code);
    const state = await t.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(state.statusCode).toBe(200);
    expect(state.json()).toEqual({ needed: true });
  });

  it('refuses a wrong code, a weak password and a bad region code by field, storing nothing', async () => {
    const wrong = await setup(body({ setupCode: 'AAAAA-AAAAA' }));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.details[0].field).toBe('setupCode');
    const weak = await setup(
      body({ organizer: { username: 'first-organizer', displayName: '李明', password: 'password1234' } }),
    );
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details[0].field).toBe('organizer.password');
    const badCode = await setup(body({ region: { code: '21 00', name: '辽宁省', level: 'province' } }));
    expect(badCode.statusCode).toBe(400);
    expect(JSON.stringify(badCode.json().error.details)).toContain('region');
    expect(await counts()).toEqual({ regions: 0, units: 0, users: 0 });
  });

  it('makes the region, the office and the organizer with the code typed in lower case', async () => {
    const made = await setup(body({ setupCode: code.toLowerCase() }));
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ username: 'first-organizer' });
    expect(await counts()).toEqual({ regions: 1, units: 1, users: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
    expect(await prepareSetupCode(t.db)).toBeNull();
  });

  it('is refused a second time, even with the old code', async () => {
    const again = await setup(body());
    expect(again.statusCode).toBe(409);
    expect(await counts()).toEqual({ regions: 1, units: 1, users: 1 });
  });

  it('lets the organizer sign in and add a city, a unit in it and its administrator', async () => {
    const organizer = await login(t.app, 'first-organizer', PASSWORD);
    const root = (await organizer.request({ method: 'GET', url: '/api/v1/regions' })).json().items[0];
    const city = await organizer.request({
      method: 'POST',
      url: '/api/v1/regions',
      payload: { parentId: root.id, code: '211400', name: '葫芦岛市', nameEn: 'Huludao', level: 'city' },
    });
    expect(city.statusCode, city.body).toBe(201);
    const unit = await organizer.request({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '葫芦岛市供热办公室', kind: 'bureau', regionId: city.json().id },
    });
    expect(unit.statusCode, unit.body).toBe(201);
    const admin = await organizer.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: 'heating-admin',
        displayName: '王芳',
        password: PASSWORD,
        role: 'unit_admin',
        unitId: unit.json().id,
      },
    });
    expect(admin.statusCode, admin.body).toBe(201);
  });
});

describe('openday init', { timeout: 600_000 }, () => {
  let env: Record<string, string>;
  let drop: () => Promise<void> = async () => {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-init-'));
  beforeAll(async () => {
    ({ env, drop } = await scratchEnvironment(dataDir));
  }, 600_000);
  afterAll(async () => {
    await drop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const init = (password: string) =>
    runOpenday(
      [
        'init',
        '--region-code',
        '210000',
        '--region',
        '辽宁省',
        '--office',
        '辽宁省政务公开办公室',
        '--username',
        'first-organizer',
        '--password',
        password,
      ],
      env,
    );

  it('refuses a weak password by name, then sets up; a second init is refused', async () => {
    const weak = await init('short');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('organizer.password');
    const done = await init(PASSWORD);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('organizer first-organizer');
    const again = await init(PASSWORD);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already set up');
  });
});
