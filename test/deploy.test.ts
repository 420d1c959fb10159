import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../src/features/imports/routes.ts';
import { MAX_PHOTO_BYTES } from '../src/features/photos/routes.ts';
import { loadConfig } from '../src/config.ts';
import { ROOT } from './cli.ts';
import { findNginx, NGINX_SITE, testNginxConfig, writeNginxConfig } from './nginx.ts';

/**
 * The files of deploy/ as an operator installs them: nginx accepts the site configuration (with a
 * test certificate), its upload limits match the app's, systemd accepts the units, and the
 * environment file is one the server starts with.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-deploy-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const site = fs.readFileSync(NGINX_SITE, 'utf8');

/** The body limit nginx sets in the location that matches `location`, in bytes. */
function bodyLimit(location: string): number {
  const block = site.slice(site.indexOf(location));
  const match = /client_max_body_size (\d+)([km]?);/.exec(block.slice(0, block.indexOf('}')));
  if (!match) throw new Error(`no client_max_body_size in ${location}`);
  return Number(match[1]) * ({ '': 1, k: 1024, m: 1024 * 1024 } as Record<string, number>)[match[2]!]!;
}

describe('deploy/', () => {
  it('nginx accepts the production configuration (nginx -t, with a self-signed certificate)', (context) => {
    const nginx = findNginx();
    if (!nginx) {
      // CI installs it (.ci/run); a developer's machine may not have it.
      if (process.env.CI) throw new Error('nginx is not installed (Debian: apt-get install nginx-light)');
      context.skip('nginx is not installed (Debian: apt-get install nginx-light)');
      return;
    }
    const setup = writeNginxConfig(fs.mkdtempSync(path.join(scratch, 'nginx-')), {
      httpPort: 8080,
      httpsPort: 8443,
      instances: ['127.0.0.1:3001', '127.0.0.1:3002'],
    });
    const result = testNginxConfig(nginx, setup);
    expect(result.output).toMatch(/syntax is ok/);
    expect(result.code, result.output).toBe(0);
  });

  it('lets through the uploads the app takes, and not much more', () => {
    expect(bodyLimit('location = /api/v1/imports')).toBeGreaterThanOrEqual(MAX_IMPORT_BYTES);
    expect(bodyLimit('location = /api/v1/imports')).toBeLessThanOrEqual(MAX_IMPORT_BYTES * 1.05);
    expect(bodyLimit('location = /api/v1/photos')).toBeGreaterThanOrEqual(MAX_PHOTO_BYTES);
    expect(bodyLimit('location = /api/v1/photos')).toBeLessThanOrEqual(MAX_PHOTO_BYTES * 1.2);
    // Everything else: the app's own JSON limit (1 MiB) with room for headers.
    expect(bodyLimit('server_tokens off;')).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('speaks TLS 1.2 and 1.3 only, sends HSTS everywhere, and tells the app who the client is', () => {
    expect(site).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    expect(site).not.toMatch(/TLSv1(\.1)?[ ;]/);
    // add_header in a location replaces the server's: every location with headers repeats HSTS.
    const headerBlocks = site.split(/location /).filter((block) => /add_header/.test(block.split('}')[0]!));
    for (const block of headerBlocks) expect(block.split('}')[0]).toMatch(/Strict-Transport-Security/);
    expect(site).toMatch(/return 301 https:\/\/\$host\$request_uri;/);
    // TRUST_PROXY=1 believes the last address of X-Forwarded-For; nginx sets it to the one it saw.
    expect(site).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(site).not.toMatch(/proxy_add_x_forwarded_for/);
    expect(site).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    expect(site).toMatch(/limit_req zone=openday_login/);
    expect(site).toMatch(/limit_req zone=openday_ask/);
  });

  it('systemd accepts the units (systemd-analyze verify)', (context) => {
    const analyze = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();
    if (!analyze) {
      context.skip('systemd-analyze is not installed');
      return;
    }
    const dir = fs.mkdtempSync(path.join(scratch, 'systemd-'));
    const units = [
      ['openday@.service', 'openday@3001.service'],
      ['openday-backup.service', 'openday-backup.service'],
      ['openday-backup.timer', 'openday-backup.timer'],
    ];
    for (const [from, to] of units) {
      // Installed under /opt/openday; here the checkout stands in for it.
      const text = fs.readFileSync(path.join(ROOT, 'deploy/systemd', from!), 'utf8').replaceAll('/opt/openday', ROOT);
      fs.writeFileSync(path.join(dir, to!), text);
    }
    const result = spawnSync(analyze, ['verify', '--man=no', ...units.map(([, to]) => path.join(dir, to!))], {
      encoding: 'utf8',
      env: { ...process.env, SYSTEMD_LOG_LEVEL: 'warning' },
    });
    const output = `${result.stdout}${result.stderr}`;
    // What verify finds wrong in a unit: unknown settings or sections, values it cannot parse,
    // commands that are not there.
    expect(output).not.toMatch(/Unknown (key|section|lvalue)|Failed to parse|Invalid|not executable|Missing/i);
    for (const unit of ['openday@.service', 'openday-backup.service']) {
      const text = fs.readFileSync(path.join(ROOT, 'deploy/systemd', unit), 'utf8');
      for (const setting of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=', 'User=openday'])
        expect(text).toContain(setting);
      expect(text).toContain('EnvironmentFile=/etc/openday/openday.env');
    }
  });

  it('ships an environment file the server starts with, leaving the port to each instance', () => {
    const text = fs.readFileSync(path.join(ROOT, 'deploy/systemd/openday.env'), 'utf8');
    const env: Record<string, string> = {};
    for (const line of text.split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line);
      if (match) env[match[1]!] = match[2]!;
    }
    expect(env.PORT).toBeUndefined();
    expect(env.HOST).toBeUndefined();
    expect(env.TRUST_PROXY).toBe('1');
    expect(env.PORTAL_CSRF_SECRET).toBeTruthy();
    const config = loadConfig({ ...env, PORT: '3001', HOST: '127.0.0.1' });
    expect(config).toMatchObject({ port: 3001, secureCookies: true, databaseUrl: expect.stringMatching(/^postgres:/) });
    // Every variable the server reads is named in the file or in the unit.
    const unit = fs.readFileSync(path.join(ROOT, 'deploy/systemd/openday@.service'), 'utf8');
    const source = fs.readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');
    const read = [...source.matchAll(/(?:env\.|readInt\(env, ')([A-Z_]+)/g)].map((m) => m[1]!);
    for (const name of new Set(read)) {
      if (name === 'BACKUP_KEEP' || name === 'BACKUP_INTERVAL_HOURS') continue; // embedded database only
      expect(`${text}\n${unit}`, name).toMatch(new RegExp(`\\b${name}=`));
    }
  });

  it('the backup script is valid sh and refuses a bad BACKUP_KEEP', () => {
    const script = path.join(ROOT, 'deploy/backup.sh');
    expect(spawnSync('sh', ['-n', script]).status).toBe(0);
    const refused = spawnSync('sh', [script], {
      env: { ...process.env, BACKUP_DIR: path.join(scratch, 'backups'), BACKUP_KEEP: 'x' },
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/BACKUP_KEEP/);
  });
});
