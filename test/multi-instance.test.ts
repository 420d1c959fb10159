import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmailJob } from '../src/features/notifications/jobs.ts';
import { insertNotifications } from '../src/features/notifications/repository.ts';
import { Authenticator } from '../src/platform/auth/authenticate.ts';
import type { Database } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { enqueueMany } from '../src/platform/jobs/queue.ts';
import { buildUser, buildWorld, TEST_PASSWORD } from './builders.ts';
import { ROOT } from './cli.ts';
import { createTestDatabase, onPostgres } from './database.ts';
import { findNginx, freePort, startNginx, writeNginxConfig, type NginxSetup } from './nginx.ts';

/*
 * Several instances behind nginx, as deploy/ sets them up: two server processes on one PostgreSQL
 * database (same PORTAL_CSRF_SECRET, a job worker in each) and nginx with the production site
 * configuration (TLS, round-robin upstream) in front of them, all on the loopback. Through nginx
 * and directly on each instance: intake under load loses and duplicates nothing, a session is
 * valid on every instance and its logout reaches them all within the actor cache's delay, each
 * job runs once, an import started on one instance is polled on the other, and every instance
 * serves the same figures, equal to a count of the rows.
 */

const SKIP_REASON = 'needs PostgreSQL (DATABASE_URL): instances cannot share the embedded database';
const nginxBinary = findNginx();

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP(S) request; HTTPS trusts the test certificate. */
function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: string } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? https.request : http.request;
    const request = send(
      target,
      {
        method: options.method ?? 'GET',
        headers: {
          ...(options.body !== undefined && { 'content-length': String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
        ...(options.ca && { ca: options.ca }),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error(`${url}: no answer in 30 s`)));
    request.end(options.body);
  });
}

interface Session {
  cookie: string;
  csrfToken: string;
}

const json = (session: Session, extra: Record<string, string> = {}) => ({
  cookie: session.cookie,
  'x-csrf-token': session.csrfToken,
  'content-type': 'application/json',
  ...extra,
});

async function signIn(base: string, username: string, ca?: string): Promise<Session> {
  const response = await call(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
    ...(ca && { ca }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${response.body}`);
  const setCookie = (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('openday_session='))!;
  return {
    cookie: setCookie.split(';')[0]!,
    csrfToken: (JSON.parse(response.body) as { csrfToken: string }).csrfToken,
  };
}

interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
}

const children: ChildProcess[] = [];

async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = Number(env.PORT);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/openday.js'), 'serve', '--no-demo'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 5 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance ${name} stopped at start: ${output}`);
    const ready = await call(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { name, url, child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`instance ${name} did not answer on ${url} in 180 s: ${output}`);
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Waits until `check` answers true, at most `ms`; returns how long that took. */
async function waitFor(check: () => Promise<boolean>, ms: number, stepMs = 100): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not so after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return Date.now() - start;
}

if (onPostgres)
  describe('several instances behind nginx', { timeout: 120_000 }, () => {
    let db: Database;
    let drop: (() => Promise<void>) | undefined;
    let world: Awaited<ReturnType<typeof buildWorld>>;
    let a: Instance;
    let b: Instance;
    let nginx: NginxSetup;
    let front: string;
    let ca: string;
    let smtp: SMTPServer;
    const mails: { from: string; to: string[] }[] = [];
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-multi-'));
    let extraDesk: string;
    let databaseUrl: string;
    let plainPort: number;

    beforeAll(async () => {
      if (!nginxBinary) {
        if (process.env.CI) throw new Error('nginx is not installed (Debian: apt-get install nginx-light)');
        return;
      }
      const created = await createTestDatabase();
      db = created.db;
      drop = created.drop;
      databaseUrl = created.url!;
      world = await buildWorld(db);
      extraDesk = await buildUser(db, 'desk_staff', world.unitA.id);

      // The mail server: each message is held 200 ms, so that one worker cannot drain the queue alone.
      smtp = new SMTPServer({
        secure: false,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, callback) {
          stream.on('data', () => {});
          stream.on('end', () => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            });
            setTimeout(() => callback(), 200);
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const smtpPort = (smtp.server.address() as AddressInfo).port;

      const [portA, portB, httpPort, httpsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
      front = `https://127.0.0.1:${httpsPort}`;
      plainPort = httpPort;
      const shared = {
        DATABASE_URL: created.url!,
        DATABASE_POOL_SIZE: '10',
        HOST: '127.0.0.1',
        BASE_URL: front,
        TRUST_PROXY: '1',
        PORTAL_CSRF_SECRET: 'the same secret on every instance of this test',
        LOG_LEVEL: 'warn',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        DATA_DIR: path.join(scratch, 'data'),
      };
      // Each instance signs its mail with its own sender, so the mail server tells who sent what.
      [a, b] = await Promise.all([
        startInstance('A', { ...shared, PORT: String(portA), MAIL_FROM: 'OpenDay A <a@openday.test>' }),
        startInstance('B', { ...shared, PORT: String(portB), MAIL_FROM: 'OpenDay B <b@openday.test>' }),
      ]);

      // nginx's workers run as an unprivileged user when the test runs as root: they must reach it.
      fs.chmodSync(scratch, 0o755);
      fs.mkdirSync(path.join(scratch, 'nginx'));
      nginx = writeNginxConfig(path.join(scratch, 'nginx'), {
        httpPort,
        httpsPort,
        instances: [`127.0.0.1:${portA}`, `127.0.0.1:${portB}`],
      });
      ca = fs.readFileSync(nginx.cert, 'utf8');
      children.push(await startNginx(nginxBinary, nginx, httpsPort));
    });

    afterAll(async () => {
      await Promise.all(children.map((child) => stopChild(child)));
      if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await drop?.().catch(() => {});
      fs.rmSync(scratch, { recursive: true, force: true });
    });

    const skipWithoutNginx = (context: { skip: (note?: string) => void }) => {
      if (!nginxBinary) context.skip('nginx is not installed (Debian: apt-get install nginx-light)');
    };

    it('answers through nginx over TLS, sends HSTS, and moves plain HTTP to HTTPS', async (context) => {
      skipWithoutNginx(context);
      const health = await call(`${front}/healthz`, { ca });
      expect(health.status).toBe(200);
      expect(health.headers['strict-transport-security']).toMatch(/max-age=63072000/);
      const plain = await call(`http://127.0.0.1:${plainPort}/console/`);
      expect(plain.status).toBe(301);
      expect(plain.headers.location).toBe(`https://127.0.0.1/console/`);
    });

    it('keeps a session valid on every instance, and its logout reaches them all within the actor cache delay', async (context) => {
      skipWithoutNginx(context);
      const session = await signIn(a.url, world.users.adminA);
      const campaignUrl = `/api/v1/campaigns/${world.campaign.id}`;
      expect((await call(`${b.url}${campaignUrl}`, { headers: { cookie: session.cookie } })).status).toBe(200);

      // A write on B with the session made on A: its CSRF token holds there too, and is required.
      const body = JSON.stringify({
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        occurredAt: '2026-05-15T01:00:00Z',
        channel: 'on_site',
        topic: '会话',
        question: '在另一实例上记录',
        outcome: 'answered_on_spot',
      });
      const written = await call(`${b.url}/api/v1/consultations`, {
        method: 'POST',
        headers: json(session, { 'idempotency-key': 'session-on-b' }),
        body,
      });
      expect(written.status, written.body).toBe(201);
      const withoutToken = await call(`${b.url}/api/v1/consultations`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'content-type': 'application/json', 'idempotency-key': 'no-token' },
        body,
      });
      expect(withoutToken.status).toBe(403);
      expect(JSON.parse(withoutToken.body).error.code).toBe('csrf_failed');

      // Logout on A: at once on A; on B once its cached actor is older than Authenticator.CACHE_MS.
      expect((await call(`${b.url}${campaignUrl}`, { headers: { cookie: session.cookie } })).status).toBe(200);
      const out = await call(`${a.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: session.cookie } });
      expect(out.status).toBe(204);
      expect((await call(`${a.url}${campaignUrl}`, { headers: { cookie: session.cookie } })).status).toBe(401);
      const delay = await waitFor(
        async () => (await call(`${b.url}${campaignUrl}`, { headers: { cookie: session.cookie } })).status === 401,
        Authenticator.CACHE_MS + 5000,
      );
      expect(delay).toBeLessThanOrEqual(Authenticator.CACHE_MS + 1500);
    });

    it('refuses a revoked token and a disabled user’s session on both instances within one second', async (context) => {
      skipWithoutNginx(context);
      const username = await buildUser(db, 'desk_staff', world.unitA.id);
      const userId = (await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!
        .id;
      const session = await signIn(a.url, username);
      const admin = await signIn(b.url, world.users.adminA);
      const made = await call(`${b.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: json(session),
        body: JSON.stringify({ name: 'sync', scope: 'read' }),
      });
      expect(made.status, made.body).toBe(201);
      const { id: tokenId, token } = JSON.parse(made.body) as { id: string; token: string };
      const bearer = { authorization: `Bearer ${token}` };
      const status = async (base: string, headers: Record<string, string>) =>
        (await call(`${base}/api/v1/auth/session`, { headers })).status;
      const refusedOnBoth = (headers: Record<string, string>) => async () =>
        (await Promise.all([status(a.url, headers), status(b.url, headers)])).every((s) => s === 401);

      // Both instances have the token and the session in their actor caches when access is taken back.
      for (const base of [a.url, b.url]) {
        expect(await status(base, bearer)).toBe(200);
        expect(await status(base, { cookie: session.cookie })).toBe(200);
      }
      const revoked = await call(`${a.url}/api/v1/auth/tokens/${tokenId}`, {
        method: 'DELETE',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
      expect(revoked.status, revoked.body).toBe(200);
      const tokenDelay = await waitFor(refusedOnBoth(bearer), 10_000, 20);
      expect(tokenDelay).toBeLessThan(1000);

      for (const base of [a.url, b.url]) expect(await status(base, { cookie: session.cookie })).toBe(200);
      const disabled = await call(`${b.url}/api/v1/users/${userId}/disable`, {
        method: 'POST',
        headers: json(admin),
        body: '{}',
      });
      expect(disabled.status, disabled.body).toBe(200);
      const sessionDelay = await waitFor(refusedOnBoth({ cookie: session.cookie }), 10_000, 20);
      expect(sessionDelay).toBeLessThan(1000);
    });

    it('takes intake under load through nginx on both instances: no record lost, none duplicated', async (context) => {
      skipWithoutNginx(context);
      // Several desks, each signed in through nginx (sign-in reaches one instance per address).
      const desks = await Promise.all(
        [
          [world.users.deskA, world.unitA.id],
          [extraDesk, world.unitA.id],
          [world.users.deskSubA, world.subUnitA.id],
          [world.users.deskB, world.unitB.id],
        ].map(async ([username, unitId]) => ({ session: await signIn(front, username!, ca), unitId: unitId! })),
      );
      const TOTAL = 1200;
      const RETRY_EVERY = 8;
      const sent = new Map<string, { desk: number; body: string }>();
      const issued: string[] = [];
      const answers = new Map<string, string[]>();
      const failures: string[] = [];
      let sequence = 0;
      const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM consultations')).rows[0]!.n;

      const result = await autocannon({
        url: front,
        connections: 12,
        amount: TOTAL,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/consultations',
            setupRequest: (request, context: object) => {
              const n = sequence++;
              let key: string;
              // Now and then a desk sends a request again with the same key and body, as a phone
              // does when it did not see the answer (the first may still be in flight).
              if (n % RETRY_EVERY === RETRY_EVERY - 1 && issued.length > 4) {
                key = issued[issued.length - 1 - (n % 4)]!;
              } else {
                key = `load-key-${String(n).padStart(6, '0')}`;
                const desk = n % desks.length;
                sent.set(key, {
                  desk,
                  body: JSON.stringify({
                    campaignId: world.campaign.id,
                    unitId: desks[desk]!.unitId,
                    occurredAt: new Date(Date.UTC(2026, 4, 15, 1 + (n % 8), n % 60)).toISOString(),
                    channel: 'on_site',
                    topic: ['供暖', '社保', '医保', '户籍'][n % 4],
                    question: `压力测试问题 ${n}`,
                    outcome: n % 9 === 0 ? 'transferred' : 'answered_on_spot',
                    visitId: n % 3 === 0 ? undefined : newId(),
                  }),
                });
                issued.push(key);
              }
              const { desk, body } = sent.get(key)!;
              (context as { key?: string }).key = key;
              return {
                ...request,
                headers: json(desks[desk]!.session, { 'idempotency-key': key }),
                body,
              };
            },
            onResponse: (status: number, body: string, context: object) => {
              const key = (context as { key: string }).key;
              if (status !== 201) {
                failures.push(`${status} ${body.slice(0, 200)}`);
                return;
              }
              const id = (JSON.parse(body) as { id: string }).id;
              answers.set(key, [...(answers.get(key) ?? []), id]);
            },
          },
        ],
      });
      expect(failures).toEqual([]);
      expect(result.errors).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result.requests.sent).toBeGreaterThanOrEqual(TOTAL);

      // Every acknowledged key has exactly one record, the one its answers named; no other record.
      const acknowledged = [...answers.keys()];
      expect(acknowledged.length).toBe(issued.length);
      const retried = [...answers.values()].filter((ids) => ids.length > 1);
      expect(retried.length).toBeGreaterThan(TOTAL / RETRY_EVERY / 4);
      for (const ids of retried) expect(new Set(ids).size).toBe(1);
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM consultations WHERE campaign_id = $1 AND question LIKE '压力测试问题 %'`,
        [world.campaign.id],
      );
      expect(rows.length).toBe(acknowledged.length);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set([...answers.values()].map((ids) => ids[0])));
      const after = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM consultations')).rows[0]!.n;
      expect(after - before).toBe(acknowledged.length);

      // nginx shared the load between the instances.
      const lines = fs
        .readFileSync(nginx.accessLog, 'utf8')
        .split('\n')
        .filter((line) => line.includes('POST /api/v1/consultations'));
      const byUpstream = new Map<string, number>();
      for (const line of lines) byUpstream.set(line.split(' ')[0]!, (byUpstream.get(line.split(' ')[0]!) ?? 0) + 1);
      expect([...byUpstream.keys()].sort()).toEqual([new URL(a.url).host, new URL(b.url).host].sort());
      for (const count of byUpstream.values()) expect(count).toBeGreaterThan(TOTAL / 10);
    });

    it('runs each job once, on whichever instance claims it, and both claim some', async (context) => {
      skipWithoutNginx(context);
      const N = 40;
      // N recipients with an address each: one notification, and one email job, per recipient.
      const userIds = Array.from({ length: N }, () => newId());
      await db.query(
        `INSERT INTO users (id, username, display_name, password_hash, email)
       SELECT id, 'mail-' || n, '收件人 ' || n, 'not-a-password', 'mail-' || n || '@openday.test'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u (id, n)`,
        [userIds],
      );
      const notificationIds = userIds.map(() => newId());
      await insertNotifications(db, {
        ids: notificationIds,
        userIds,
        kind: 'case.opened',
        params: { trackingCode: 'TEST-TEST-TEST', dueOn: '2026-06-05' },
        caseId: null,
        unitId: world.unitA.id,
        campaignId: world.campaign.id,
      });
      const jobIds = await enqueueMany(
        db,
        sendEmailJob,
        notificationIds.map((notificationId) => ({ notificationId })),
      );
      await waitFor(async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1::uuid[]) AND state = 'completed'`,
          [jobIds],
        );
        return rows[0]!.n === N;
      }, 5 * 60_000);
      const { rows: jobs } = await db.query<{ attempts: number }>(
        'SELECT attempts FROM jobs WHERE id = ANY($1::uuid[])',
        [jobIds],
      );
      expect(jobs.every((j) => j.attempts === 1)).toBe(true);
      // Each recipient got exactly one mail: no job ran twice.
      const mine = mails.filter((m) => m.to.some((to) => to.startsWith('mail-')));
      expect(mine).toHaveLength(N);
      expect(new Set(mine.flatMap((m) => m.to)).size).toBe(N);
      const bySender = new Map<string, number>();
      for (const m of mine) bySender.set(m.from, (bySender.get(m.from) ?? 0) + 1);
      expect([...bySender.keys()].sort()).toEqual(['a@openday.test', 'b@openday.test']);
      const { rows: emailed } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1::uuid[]) AND emailed_at IS NOT NULL',
        [notificationIds],
      );
      expect(emailed[0]!.n).toBe(N);
    });

    it('lets an import started on one instance be followed on the other', async (context) => {
      skipWithoutNginx(context);
      const organizer = await signIn(a.url, world.users.organizer);
      const ROWS = 20_000;
      const header = '序号,日期,时间,咨询台,渠道,咨询事项,问题,答复,处理方式,评价,姓名,电话,同意保留联系方式,来访编号';
      const lines = Array.from(
        { length: ROWS },
        (_, i) => `${i + 1},2026-05-15,10:00,,现场,导入,导入的问题${i},,,,,,,`,
      );
      const file = Buffer.from(`${[header, ...lines].join('\r\n')}\r\n`, 'utf8');
      const boundary = `----openday${Date.now()}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="visits.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const started = await call(
        `${a.url}/api/v1/imports?campaignId=${world.campaign.id}&unitId=${world.unitB.id}&kind=consultations`,
        {
          method: 'POST',
          headers: {
            cookie: organizer.cookie,
            'x-csrf-token': organizer.csrfToken,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            prefer: 'respond-async',
          },
          body: payload,
        },
      );
      expect(started.status, started.body).toBe(202);
      const { id } = JSON.parse(started.body) as { id: string };
      const states: string[] = [];
      let last: { state: string; rowsImported: number; rowsRead: number } | undefined;
      await waitFor(async () => {
        const polled = await call(`${b.url}/api/v1/imports/${id}`, { headers: { cookie: organizer.cookie } });
        expect(polled.status, polled.body).toBe(200);
        last = JSON.parse(polled.body);
        states.push(last!.state);
        return last!.state !== 'running';
      }, 5 * 60_000);
      expect(states[0]).toBe('running');
      expect(last).toMatchObject({ state: 'completed', rowsImported: ROWS });
      const onA = JSON.parse(
        (await call(`${a.url}/api/v1/imports/${id}`, { headers: { cookie: organizer.cookie } })).body,
      );
      expect(onA).toMatchObject({ id, state: 'completed', rowsImported: ROWS });
    });

    it('serves the same live figures from every instance, equal to a count of the rows', async (context) => {
      skipWithoutNginx(context);
      const organizer = await signIn(b.url, world.users.organizer);
      const { rows } = await db.query<{ consultations: number; people: number }>(
        `SELECT count(*) FILTER (WHERE question IS NOT NULL)::int AS consultations,
         count(DISTINCT visit_id)::int AS people
       FROM consultations WHERE campaign_id = $1`,
        [world.campaign.id],
      );
      expect(rows[0]!.consultations).toBeGreaterThan(1000);
      const figures = async (instance: Instance, what: string) => {
        const response = await call(`${instance.url}/api/v1/campaigns/${world.campaign.id}/${what}`, {
          headers: { cookie: organizer.cookie },
        });
        expect(response.status, response.body).toBe(200);
        const { generatedAt: _generatedAt, ...rest } = JSON.parse(response.body) as Record<string, unknown>;
        return rest;
      };
      for (const what of ['statistics', 'dashboard']) {
        const [fromA, fromB] = await Promise.all([figures(a, what), figures(b, what)]);
        expect(fromA).toEqual(fromB);
        expect(fromA.totals).toMatchObject({ consultations: rows[0]!.consultations, peopleReceived: rows[0]!.people });
      }
    });

    it('takes backups with deploy/backup.sh while the instances serve, keeping the newest', async (context) => {
      skipWithoutNginx(context);
      const dir = path.join(scratch, 'backups');
      fs.mkdirSync(dir);
      // An older backup, and a file that is not one of the script's: the first goes, the second stays.
      fs.writeFileSync(path.join(dir, 'openday-20250101T000000Z.jsonl.gz'), 'old');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'kept');
      const run = spawnSync('sh', [path.join(ROOT, 'deploy/backup.sh')], {
        env: { ...process.env, DATABASE_URL: databaseUrl, BASE_URL: front, BACKUP_DIR: dir, BACKUP_KEEP: '1' },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Backed up \d+ tables/);
      const files = fs.readdirSync(dir).sort();
      expect(files).toHaveLength(2);
      expect(files[0]).toBe('notes.txt');
      expect(files[1]).toMatch(/^openday-\d{8}T\d{6}Z\.jsonl\.gz$/);
      expect(files[1]).not.toBe('openday-20250101T000000Z.jsonl.gz');
      expect(fs.statSync(path.join(dir, files[1]!)).mode & 0o077).toBe(0);
    });
  });

// On the embedded database: one skipped test that says why.
if (!onPostgres)
  describe('several instances behind nginx', () => {
    it('runs on PostgreSQL only', (context) => {
      context.skip(SKIP_REASON);
    });
  });
