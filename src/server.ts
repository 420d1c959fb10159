import type { FastifyServerOptions } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/open.ts';
import { startWorker, schedule, type Worker } from './platform/jobs/worker.ts';
import { loadDemoOnFirstStart } from './features/demo/service.ts';
import { prepareSetupCode } from './features/setup/service.ts';
import { closeEmailTransports, configureEmail } from './features/notifications/email.ts';
import { sendEmailJob } from './features/notifications/jobs.ts';
import { scanRemindersJob } from './features/reminders/jobs.ts';
import { erasePersonalDataJob, RETENTION_EVERY_SECONDS } from './features/privacy/jobs.ts';
import { startBackupService, type BackupService } from './features/backup/server.ts';
import { startFiguresFold, type FiguresFold } from './features/statistics/fold.ts';
import { generateCollectionJob } from './features/reports/collection-job.ts';
import { pruneIdempotencyKeysJob } from './platform/http/idempotency-jobs.ts';

/** Every background job, and the scheduled ones with their intervals. */
export function backgroundJobs(config: Pick<Config, 'reminderIntervalSeconds' | 'retentionDaysAfterClose'>) {
  return {
    jobs: [sendEmailJob, scanRemindersJob, erasePersonalDataJob, pruneIdempotencyKeysJob, generateCollectionJob],
    schedules: [
      schedule(pruneIdempotencyKeysJob, {}, 86_400),
      schedule(scanRemindersJob, {}, config.reminderIntervalSeconds),
      schedule(erasePersonalDataJob, { defaultDays: config.retentionDaysAfterClose }, RETENTION_EVERY_SECONDS),
    ],
  };
}

/**
 * Starts the server: opens the database, applies migrations, loads the demo campaign on a first
 * start of an empty database, listens, starts the job worker, and on SIGTERM/SIGINT stops taking
 * requests and jobs, lets those in flight finish, then checkpoints and closes the database.
 */
export async function startServer(
  config: Config,
  options: { demo?: boolean } = {},
): Promise<{ close: () => Promise<void>; url: string }> {
  const db: Database = await openDatabase(config, { server: true });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let worker: Worker | undefined;
  let backups: BackupService | undefined;
  let fold: FiguresFold | undefined;
  try {
    const { applied } = await migrate(db);
    configureEmail(config);
    const logger: FastifyServerOptions['logger'] = { level: config.logLevel };
    app = await buildApp({ db, config, logger });
    if (applied.length) app.log.info({ applied }, 'migrations applied');
    if (options.demo !== false) {
      const demo = await loadDemoOnFirstStart(db);
      if (demo) printDemoAccounts(demo.accounts, config.baseUrl);
    }
    const setupCode = await prepareSetupCode(db);
    if (setupCode) printSetupCode(setupCode, config.baseUrl);
    await app.listen({ port: config.port, host: config.host });
    worker = startWorker({ db, log: app.log, ...backgroundJobs(config) });
    fold = startFiguresFold({ db, log: app.log });
    // The embedded database is this process's alone: its backups are taken here (ADR 8).
    if (db.kind === 'embedded') backups = startBackupService({ db, config, log: app.log });
  } catch (error) {
    await backups?.stop().catch(() => {});
    await fold?.stop().catch(() => {});
    await worker?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await db.close();
    throw error;
  }
  const jobs = worker;
  const folding = fold;
  const running = app;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Requests in flight and jobs running finish before the database closes.
      await Promise.all([running.close(), jobs.stop(), folding.stop()]);
      await backups?.stop();
      closeEmailTransports();
      await db.close();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.log.info({ signal }, 'shutting down');
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          running.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  const address = running.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { close, url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}` };
}

export function printDemoAccounts(
  accounts: readonly { username: string; password: string; role: string; unit: string }[],
  baseUrl: string,
): void {
  const lines = [
    '',
    `OpenDay demo campaign loaded — ${baseUrl}  (API docs: ${baseUrl}/api/docs)`,
    'Demo accounts (username / password — role @ unit):',
    ...accounts.map((a) => `  ${a.username.padEnd(22)} ${a.password}   ${a.role} @ ${a.unit}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** No account exists yet: how to set up, in the console with this code or with `openday init`. */
export function printSetupCode(code: string, baseUrl: string): void {
  const lines = [
    '',
    `OpenDay has no account yet. Open ${baseUrl}/console/ and enter the set-up code ${code}`,
    '(or run: openday init --help). 尚无账号：打开控制台，输入上面的初始化码，创建根区划、公开办和第一位组织者。',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
