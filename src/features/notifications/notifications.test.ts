import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { JobRow } from '../../platform/jobs/queue.ts';
import { startWorker, type Worker } from '../../platform/jobs/worker.ts';
import { createTestApp, login, type TestApp } from '../../../test/app.ts';
import { buildWorld, TEST_PASSWORD } from '../../../test/builders.ts';
import { findUserIdByUsername } from '../users/repository.ts';
import { createUser } from '../users/service.ts';
import { configureEmail } from './email.ts';
import { sendEmailJob } from './jobs.ts';
import { renderMessage } from './messages.ts';
import { notify } from './service.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const userId = async (username: string) => (await findUserIdByUsername(t.db, username))!;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
});
afterAll(async () => {
  configureEmail(undefined);
  await t?.close();
});

async function addUser(
  username: string,
  options: { role?: 'unit_admin' | 'responder' | 'desk_staff'; email?: string; language?: 'zh-CN' | 'en-US' } = {},
): Promise<string> {
  await createUser({
    db: t.db,
    actor: null,
    input: {
      username,
      displayName: username,
      password: TEST_PASSWORD,
      role: options.role ?? 'responder',
      unitId: world.unitB.id,
      email: options.email,
      language: options.language,
    },
  });
  return userId(username);
}

const countNotifications = async (userIds: string[]) =>
  (
    await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY($1::uuid[])', [
      userIds,
    ])
  ).rows[0]!.n;

describe('notify', () => {
  it("writes one notification per recipient: the users named and the unit's members in the roles", async () => {
    const adminA = await userId(world.users.adminA);
    const responderA = await userId(world.users.responderA);
    const deskA = await userId(world.users.deskA);
    const adminB = await userId(world.users.adminB);
    const { userIds } = await t.db.transaction((tx) =>
      notify(tx, {
        unitId: world.unitA.id,
        userIds: [adminB, adminA],
        kind: 'case.opened',
        params: { reference: 'K-0A1B2C3D', dueOn: '2026-06-05' },
      }),
    );
    // Unit admins and responders by default, not desk staff; the admin named twice gets it once.
    expect(userIds.sort()).toEqual([adminA, responderA, adminB].sort());
    expect(await countNotifications([deskA])).toBe(0);
    expect(await countNotifications([adminA])).toBe(1);

    const onlyAdmins = await t.db.transaction((tx) =>
      notify(tx, {
        unitId: world.unitA.id,
        roles: ['unit_admin'],
        kind: 'summary.owed',
        params: { campaignTitle: '2026年政务公开日', openDay: '2026-05-15', days: 3 },
      }),
    );
    expect(onlyAdmins.userIds).toEqual([adminA]);
  });

  it("writes nothing when the caller's transaction rolls back, and skips disabled users", async () => {
    const quiet = await addUser(`quiet-${Date.now()}`);
    await expect(
      t.db.transaction(async (tx) => {
        await notify(tx, { userIds: [quiet], kind: 'case.opened', params: {} });
        throw new Error('the case was not opened after all');
      }),
    ).rejects.toThrow();
    expect(await countNotifications([quiet])).toBe(0);

    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [quiet]);
    const result = await t.db.transaction((tx) => notify(tx, { userIds: [quiet], kind: 'case.opened', params: {} }));
    expect(result.userIds).toEqual([]);
  });
});

describe('the inbox', () => {
  it("lists the signed-in user's notifications newest first, in their language, unread filter and pages", async () => {
    const english = `reader-en-${Date.now()}`;
    const readerId = await addUser(english, { language: 'en-US' });
    for (const code of ['AAAA-AAAA-AAA1', 'AAAA-AAAA-AAA2', 'AAAA-AAAA-AAA3']) {
      await t.db.transaction((tx) =>
        notify(tx, { userIds: [readerId], kind: 'case.overdue', params: { reference: code, dueOn: '2026-10-10' } }),
      );
    }
    const reader = await login(t.app, english);
    const all = await reader.request({ method: 'GET', url: '/api/v1/notifications' });
    expect(all.statusCode).toBe(200);
    const items = all.json().items as { id: string; title: string; body: string; readAt: string | null }[];
    expect(items.map((n) => n.title)).toEqual([
      'Case overdue: AAAA-AAAA-AAA3',
      'Case overdue: AAAA-AAAA-AAA2',
      'Case overdue: AAAA-AAAA-AAA1',
    ]);
    expect(items[0]!.body).toContain('was due on 2026-10-10');

    const firstPage = (await reader.request({ method: 'GET', url: '/api/v1/notifications?limit=2' })).json();
    expect(firstPage.items).toHaveLength(2);
    const secondPage = (
      await reader.request({ method: 'GET', url: `/api/v1/notifications?limit=2&cursor=${firstPage.nextCursor}` })
    ).json();
    expect(secondPage.items.map((n: { id: string }) => n.id)).toEqual([items[2]!.id]);
    expect(secondPage.nextCursor).toBeNull();

    const read = await reader.request({ method: 'POST', url: `/api/v1/notifications/${items[1]!.id}/read` });
    expect(read.statusCode).toBe(200);
    const readAt = read.json().readAt as string;
    expect(readAt).toEqual(expect.any(String));
    const again = await reader.request({ method: 'POST', url: `/api/v1/notifications/${items[1]!.id}/read` });
    expect(again.json().readAt).toBe(readAt);

    const unread = (await reader.request({ method: 'GET', url: '/api/v1/notifications?unread=true' })).json();
    expect(unread.items.map((n: { id: string }) => n.id)).toEqual([items[0]!.id, items[2]!.id]);
  });

  it('names a rating in the reader’s language', () => {
    const rated = { reference: 'K-0A1B2C3D', rating: 'basically_satisfied' };
    expect(renderMessage('case.rated', rated, 'en-US').body).toBe(
      'The citizen rated the reply to case K-0A1B2C3D: basically satisfied.',
    );
    expect(renderMessage('case.rated', rated, 'zh-CN').body).toContain('基本满意');
  });

  it("shows Chinese to a Chinese reader and keeps everyone's notifications their own", async () => {
    const adminA = await login(t.app, world.users.adminA);
    const mine = (await adminA.request({ method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(mine[0].title).toBe('请提交活动总结：2026年政务公开日');
    expect(mine[0].body).toBe('政务公开日（2026-05-15）已过去3天，贵单位的活动总结尚未提交，请尽快提交。');
    expect(mine.find((n: { kind: string }) => n.kind === 'case.opened').title).toBe('新办件：K-0A1B2C3D');

    const other = await login(t.app, world.users.deskB);
    const theirs = await other.request({ method: 'POST', url: `/api/v1/notifications/${mine[0].id}/read` });
    expect(theirs.statusCode).toBe(404);
    expect((await other.request({ method: 'GET', url: '/api/v1/notifications' })).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    const bad = await adminA.request({ method: 'POST', url: '/api/v1/notifications/not-an-id/read' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('params.id');
    const badCursor = await adminA.request({ method: 'GET', url: '/api/v1/notifications?cursor=xyz' });
    expect(badCursor.statusCode).toBe(422);
  });
});

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) of a header. */
function decodeHeader(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/(?:=\?UTF-8\?([BQ])\?([^?]*)\?=)+/gi, (run) => {
    const bytes: Buffer[] = [];
    for (const [, kind, text] of run.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)) {
      if (kind!.toUpperCase() === 'B') bytes.push(Buffer.from(text!, 'base64'));
      else
        bytes.push(
          Buffer.from(
            text!
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ),
        );
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

interface ReceivedMail {
  from: string;
  to: string[];
  headers: Map<string, string>;
  body: string;
}

function parseMessage(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoded = rest.join('\n\n');
  const transfer = headers.get('content-transfer-encoding')?.toLowerCase();
  const body =
    transfer === 'base64'
      ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8')
      : transfer === 'quoted-printable'
        ? Buffer.from(
            encoded
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8')
        : encoded;
  return { ...envelope, headers, body };
}

describe('email, through a real SMTP server', () => {
  let server: SMTPServer;
  let port: number;
  const received: ReceivedMail[] = [];
  let worker: Worker | undefined;

  beforeAll(async () => {
    server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 's3cret-pass') callback(null, { user: 'mailer' });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(
            parseMessage(Buffer.concat(chunks).toString('utf8'), {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            }),
          );
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await worker?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('mails each recipient with an address in their language, and the job completes', async () => {
    configureEmail({
      smtpUrl: `smtp://mailer:s3cret-pass@127.0.0.1:${port}`,
      mailFrom: 'OpenDay <noreply@openday.test>',
    });
    const stamp = Date.now();
    const zh = await addUser(`mail-zh-${stamp}`, { email: `zh-${stamp}@example.gov.cn` });
    const en = await addUser(`mail-en-${stamp}`, { email: `en-${stamp}@example.gov.cn`, language: 'en-US' });
    const none = await addUser(`mail-none-${stamp}`);
    await t.db.transaction((tx) =>
      notify(tx, {
        userIds: [zh, en, none],
        kind: 'case.due_today',
        params: { reference: 'K-MAILTEST', dueOn: '2026-10-10' },
      }),
    );
    const jobs = await t.db.query<JobRow>(`SELECT * FROM jobs WHERE name = 'notifications.send_email'`);
    expect(jobs.rows).toHaveLength(2);

    worker = startWorker({ db: t.db, log: t.app.log, jobs: [sendEmailJob], pollIntervalMs: 50 });
    const until = Date.now() + 15_000;
    while (received.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(2);

    const toZh = received.find((m) => m.to.includes(`zh-${stamp}@example.gov.cn`))!;
    const toEn = received.find((m) => m.to.includes(`en-${stamp}@example.gov.cn`))!;
    expect(toZh.from).toBe('noreply@openday.test');
    expect(decodeHeader(toZh.headers.get('subject')!)).toBe('【政务公开日】办件今日到期：K-MAILTEST');
    expect(toZh.headers.get('content-language')).toBe('zh-CN');
    expect(toZh.body).toContain('今天（2026-10-10）到期');
    expect(decodeHeader(toEn.headers.get('subject')!)).toBe('[Open Day] Case due today: K-MAILTEST');
    expect(toEn.headers.get('content-language')).toBe('en-US');
    expect(toEn.body).toContain('is due today (2026-10-10)');

    const until2 = Date.now() + 5_000;
    let states: string[] = [];
    while (Date.now() < until2) {
      states = (await t.db.query<JobRow>(`SELECT * FROM jobs WHERE name = 'notifications.send_email'`)).rows.map(
        (r) => r.state,
      );
      if (states.every((s) => s === 'completed')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(states).toEqual(['completed', 'completed']);
    const emailed = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY($1::uuid[]) AND emailed_at IS NOT NULL',
      [[zh, en, none]],
    );
    expect(emailed.rows[0]!.n).toBe(2);
  });

  it('keeps a refused email in retry with the reason, and queues none when mail is off', async () => {
    configureEmail({ smtpUrl: `smtp://mailer:wrong-pass@127.0.0.1:${port}`, mailFrom: 'noreply@openday.test' });
    const stamp = Date.now();
    const user = await addUser(`mail-refused-${stamp}`, { email: `refused-${stamp}@example.gov.cn` });
    await t.db.transaction((tx) => notify(tx, { userIds: [user], kind: 'case.overdue', params: {} }));
    let row: JobRow | undefined;
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      row = (
        await t.db.query<JobRow>(
          `SELECT * FROM jobs WHERE name = 'notifications.send_email' AND state <> 'completed' ORDER BY id DESC LIMIT 1`,
        )
      ).rows[0];
      if (row?.state === 'retry') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(row).toMatchObject({ state: 'retry', attempts: 1 });
    expect(row!.last_error).toMatch(/Invalid/i);

    configureEmail(undefined);
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs')).rows[0]!.n;
    await t.db.transaction((tx) => notify(tx, { userIds: [user], kind: 'case.overdue', params: {} }));
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs')).rows[0]!.n).toBe(before);
  });
});
