import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** A postgres:// URL, or undefined for the embedded database under dataDir. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  /**
   * The embedded engine: `postgres` (a PostgreSQL cluster under dataDir/pg, the default) or
   * `pglite` (in this process, under dataDir/pgdata; chosen by itself for a data directory that
   * holds only a PGlite database).
   */
  embeddedDatabase: 'postgres' | 'pglite';
  baseUrl: string;
  /** Cookies get the Secure flag when the public address is https. */
  secureCookies: boolean;
  logLevel: string;
  /** smtp:// or smtps:// URL of the mail server; undefined: notifications stay in the app. */
  smtpUrl: string | undefined;
  /** The From address of emails, e.g. "OpenDay <noreply@example.gov.cn>". */
  mailFrom: string;
  /** How often the reminder scan runs (one run per interval across all instances). */
  reminderIntervalSeconds: number;
  /** Days after a case closes (or, without a case, after the consultation) before contact details are erased. */
  retentionDaysAfterClose: number;
  /** Rolling automatic backups of the embedded database kept under DATA_DIR/backups. */
  backupKeep: number;
  /** Hours between automatic backups of the embedded database; 0 turns them off. */
  backupIntervalHours: number;
  /** Imports of uploaded files running at once in this process; one more answers 429. */
  maxConcurrentImports: number;
  /** Summary checks running at once in this process; one more answers 429. */
  maxConcurrentSummaryChecks: number;
  /** The longest life an API token may be given, in days (a token without one gets min(90, this)). */
  apiTokenMaxDays: number;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For) and scheme: false none,
   * a number of hops (1: the one proxy in front), or the proxies' addresses and CIDR ranges.
   */
  trustProxy: false | number | string[];
}

export class ConfigError extends Error {}

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** An IPv4 or IPv6 address, optionally with a /prefix length that fits it. */
function isAddressOrRange(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset or 0 trusts no proxy; N trusts the N proxies nearest the server (1: the nginx
 * in front), so entries a client puts at the start of X-Forwarded-For are ignored; a comma-separated
 * list of addresses and CIDR ranges trusts exactly those proxies. "true" (every hop) is refused:
 * then anyone reaching the port chooses their own address and escapes the per-address limits.
 */
function readTrustProxy(raw: string | undefined): false | number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be at most 10 hops, got "${raw}"`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses or CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16); "${bad}" is neither`,
    );
  }
  return entries;
}

/** A data directory made before the embedded PostgreSQL: it holds a PGlite database and no cluster. */
function onlyPglite(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pgdata')) && !fs.existsSync(path.join(dataDir, 'pg'));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL ? env.DATABASE_URL : undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const embeddedDatabase = env.EMBEDDED_DATABASE || (onlyPglite(dataDir) ? 'pglite' : 'postgres');
  if (embeddedDatabase !== 'postgres' && embeddedDatabase !== 'pglite') {
    throw new ConfigError(`EMBEDDED_DATABASE must be postgres or pglite, got "${embeddedDatabase}"`);
  }
  const baseUrl = (env.BASE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`BASE_URL is not a URL: "${baseUrl}"`);
  }
  const smtpUrl = env.SMTP_URL ? env.SMTP_URL : undefined;
  if (smtpUrl) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(smtpUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname) {
      throw new ConfigError('SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465');
    }
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    databasePoolSize: readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    dataDir,
    embeddedDatabase,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    logLevel: env.LOG_LEVEL || 'info',
    smtpUrl,
    mailFrom: env.MAIL_FROM || `OpenDay <noreply@${new URL(baseUrl).hostname}>`,
    reminderIntervalSeconds: readInt(env, 'REMINDER_INTERVAL_SECONDS', 300, 5, 86_400),
    retentionDaysAfterClose: readInt(env, 'RETENTION_DAYS_AFTER_CLOSE', 180, 1, 3650),
    backupKeep: readInt(env, 'BACKUP_KEEP', 7, 1, 1000),
    backupIntervalHours: readInt(env, 'BACKUP_INTERVAL_HOURS', 24, 0, 8760),
    maxConcurrentImports: readInt(env, 'MAX_CONCURRENT_IMPORTS', 2, 1, 64),
    maxConcurrentSummaryChecks: readInt(env, 'MAX_CONCURRENT_SUMMARY_CHECKS', 2, 1, 64),
    apiTokenMaxDays: readInt(env, 'API_TOKEN_MAX_DAYS', 365, 1, 3650),
    trustProxy: readTrustProxy(env.TRUST_PROXY),
  };
}
