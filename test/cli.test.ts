import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runOpenday, scratchEnvironment } from './cli.ts';

/**
 * The command line and the server as a user meets them: separate processes on a database of their
 * own (a data directory, or a scratch PostgreSQL database when DATABASE_URL is set).
 */
let env: Record<string, string>;
let drop: () => Promise<void>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-cli-'));

beforeAll(async () => {
  ({ env, drop } = await scratchEnvironment(dataDir));
});
afterAll(async () => {
  await drop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Each test starts processes (Node, PGlite): generous limits for a busy machine.
describe('openday CLI', { timeout: 180_000 }, () => {
  it('prints help for every command', async () => {
    const help = await runOpenday(['--help'], env);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'create-user', 'token']) expect(help.stdout).toContain(command);
    const createHelp = await runOpenday(['create-user', '--help'], env);
    expect(createHelp.stdout).toContain('--username');
  });

  it('migrates, loads the demo once, and says so the second time', async () => {
    expect((await runOpenday(['migrate'], env)).code).toBe(0);
    const demo = await runOpenday(['demo'], env);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('organizer');
    const again = await runOpenday(['demo'], env);
    expect(again.stdout).toMatch(/already loaded/);
  });

  it('refuses bad input with a message and a non-zero exit', async () => {
    const missing = await runOpenday(['create-user', '--username', 'x'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/required option/);
    const badRole = await runOpenday(
      ['create-user', '--username', 'abc', '--password', 'long enough pass', '--role', 'king', '--unit', 'x'],
      env,
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/must be one of/);
    const noUnit = await runOpenday(
      [
        'create-user',
        '--username',
        'abc',
        '--password',
        'long enough pass',
        '--role',
        'desk_staff',
        '--unit',
        '没有这个单位',
      ],
      env,
    );
    expect(noUnit.code).toBe(3);
    expect(noUnit.stderr).toMatch(/not found/);
    const weak = await runOpenday(
      [
        'create-user',
        '--username',
        'abc',
        '--password',
        'short',
        '--role',
        'desk_staff',
        '--unit',
        '葫芦岛市供热办公室',
      ],
      env,
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/password/);
  });

  it('lists and revokes API tokens by id', { timeout: 1_800_000 }, async () => {
    // Each command opens the database in a process of its own: minutes on a busy machine.
    const run = (args: string[]) => runOpenday(args, env, 300_000);
    expect((await run(['migrate'])).code).toBe(0);
    expect((await run(['demo'])).code).toBe(0);
    const made = await run(['token', 'create', '--username', 'heating-desk', '--scope', 'read', '--name', 'gone']);
    expect(made.code, made.stderr).toBe(0);
    const tooLong = await run(['token', 'create', '--username', 'heating-desk', '--scope', 'read', '--days', '999']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/expiresInDays/);
    const listed = await run(['token', 'list', '--username', 'heating-desk']);
    expect(listed.code, listed.stderr).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.includes('\tgone\t'))!;
    expect(line).toMatch(/\theating-desk\tgone\tread\tactive\texpires /);
    expect(listed.stdout).not.toContain(made.stdout.trim());
    const id = line.split('\t')[0]!;
    const revoked = await run(['token', 'revoke', id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`Revoked ${id}`);
    const after = await run(['token', 'list']);
    expect(after.stdout).toMatch(new RegExp(`${id}\\theating-desk\\tgone\\tread\\trevoked\\trevoked `));
    const notAnId = await run(['token', 'revoke', 'not-an-id']);
    expect(notAnId.code).not.toBe(0);
    expect(notAnId.stderr).toMatch(/must be a token id/);
    expect((await run(['token', 'revoke', '0190c0de-0000-7000-8000-000000000000'])).code).toBe(3);
  });

  it('creates a user who can sign in and list consultations, and a token that works', async () => {
    const created = await runOpenday(
      [
        'create-user',
        '--username',
        'wang-desk',
        '--password',
        'a long enough passphrase',
        '--role',
        'desk_staff',
        '--unit',
        '葫芦岛市供热办公室',
      ],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const token = await runOpenday(['token', 'create', '--username', 'wang-desk', '--scope', 'read'], env);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^od_[A-Za-z0-9_-]{20,}$/);

    const server = await startServer(env);
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'wang-desk', password: 'a long enough passphrase' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const list = await fetch(`${server.url}/api/v1/consultations?limit=5`, { headers: { cookie } });
      expect(list.status).toBe(200);
      const page = (await list.json()) as { items: { visitorPhone: string | null }[]; nextCursor: string | null };
      expect(page.items).toHaveLength(5);
      expect(page.nextCursor).not.toBeNull();
      const viaToken = await fetch(`${server.url}/api/v1/consultations?limit=1`, {
        headers: { authorization: `Bearer ${token.stdout.trim()}` },
      });
      expect(viaToken.status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(((await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi: string }).openapi).toBe(
        '3.1.0',
      );
    } finally {
      expect(await server.stop()).toBe(0);
    }
    if (!process.env.DATABASE_URL) expect(fs.existsSync(path.join(dataDir, 'openday.lock'))).toBe(false);
  });
});

/** Starts `openday serve` on a free port and waits until it listens. */
async function startServer(extra: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/openday.js'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...extra,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BASE_URL: 'http://localhost:3000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 5 * 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
