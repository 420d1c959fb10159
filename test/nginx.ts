import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './cli.ts';

/** The production nginx configuration of OpenDay (an http-block include). */
export const NGINX_SITE = path.join(ROOT, 'deploy/nginx/openday.conf');

/** The nginx binary, or undefined when it is not installed (Debian: nginx-light). */
export function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** A free TCP port on the loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A self-signed certificate for `name` (with the loopback addresses), valid for two days. */
export function selfSignedCertificate(dir: string, name = 'openday.test'): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=DNS:${name},IP:127.0.0.1`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}

function replaceAll(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : new RegExp(from.source, from.flags).test(text);
  if (!found) throw new Error(`deploy/nginx/openday.conf no longer contains ${String(from)}`);
  return typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to);
}

export interface NginxSetup {
  dir: string;
  /** The main configuration file (pass to nginx -c). */
  conf: string;
  /** Where nginx writes one line per request: "<upstream address> <status> <uri>". */
  accessLog: string;
  cert: string;
}

/**
 * Lays out the production configuration in `dir` to run as a user on the loopback: the same
 * server blocks, limits, headers and locations, with the listening ports, the instances, the
 * certificate and the installation path replaced, and every file nginx writes kept in `dir`.
 * Throws when the production file no longer has what is replaced, so the two cannot drift apart.
 */
export function writeNginxConfig(
  dir: string,
  options: { httpPort: number; httpsPort: number; instances: readonly string[] },
): NginxSetup {
  fs.chmodSync(dir, 0o755);
  const { cert, key } = selfSignedCertificate(dir);
  for (const sub of ['logs', 'acme', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o777 });
    // Workers run as an unprivileged user when nginx is started by root.
    fs.chmodSync(path.join(dir, sub), 0o777);
  }
  let site = fs.readFileSync(NGINX_SITE, 'utf8');
  site = replaceAll(site, /^\s*listen \[::\]:80;\n/m, '');
  site = replaceAll(site, /^\s*listen \[::\]:443 ssl http2;\n/m, '');
  site = replaceAll(site, 'listen 80;', `listen 127.0.0.1:${options.httpPort};`);
  site = replaceAll(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${options.httpsPort} ssl http2;`);
  site = replaceAll(site, '/etc/ssl/openday/fullchain.pem', cert);
  site = replaceAll(site, '/etc/ssl/openday/privkey.pem', key);
  site = replaceAll(site, '/opt/openday/', `${ROOT}/`);
  site = replaceAll(site, '/var/www/acme', path.join(dir, 'acme'));
  // Each upstream lists the production instances: the same lines with the test's instances.
  site = replaceAll(
    site,
    /((?:^\s*server 127\.0\.0\.1:300\d [^\n]*\n)+)/gm,
    options.instances.map((address) => `    server ${address} max_fails=3 fail_timeout=10s;\n`).join(''),
  );
  fs.writeFileSync(path.join(dir, 'openday.conf'), site);
  const accessLog = path.join(dir, 'logs', 'access.log');
  const mimeTypes = fs.existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : '';
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `# The production site (deploy/nginx/openday.conf) under a test's own prefix.
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'logs', 'error.log')} warn;
events { worker_connections 1024; }
http {
  ${mimeTypes}
  default_type application/octet-stream;
  log_format upstream '$upstream_addr $status $request_method $uri';
  access_log ${accessLog} upstream;
  client_body_temp_path ${path.join(dir, 'body')};
  proxy_temp_path ${path.join(dir, 'proxy')};
  fastcgi_temp_path ${path.join(dir, 'fastcgi')};
  uwsgi_temp_path ${path.join(dir, 'uwsgi')};
  scgi_temp_path ${path.join(dir, 'scgi')};
  include ${path.join(dir, 'openday.conf')};
}
`,
  );
  return { dir, conf, accessLog, cert };
}

/** `nginx -t` on a configuration: its exit code and what it printed. */
export function testNginxConfig(nginx: string, setup: NginxSetup): { code: number | null; output: string } {
  const result = spawnSync(nginx, ['-t', '-p', setup.dir, '-c', setup.conf, '-g', 'daemon off;'], {
    encoding: 'utf8',
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Starts nginx in the foreground on a configuration; resolves once it accepts connections. */
export async function startNginx(nginx: string, setup: NginxSetup, port: number): Promise<ChildProcess> {
  const child = spawn(nginx, ['-p', setup.dir, '-c', setup.conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx stopped at start: ${output}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not listen on ${port}: ${output}`);
}
