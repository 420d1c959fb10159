import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadConfig, ConfigError } from './config.ts';
import { ROLES, type Role } from './platform/auth/actor.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import type { Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/open.ts';
import { AppError } from './platform/http/errors.ts';
import { revokeToken, toApiToken } from './features/auth/service.ts';
import { listApiTokens } from './platform/auth/auth-repository.ts';
import { findUserIdByUsername } from './features/users/repository.ts';
import { addWorkingDays, isIsoDate, MAX_WORKING_DAYS } from './features/calendar/days.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

/**
 * The commands that live in their features, loaded only when named (or for the help): a command
 * starts without loading the server, the documents and the importers it does not use.
 */
const FEATURE_COMMANDS: Record<string, () => Promise<(program: Command, withDatabase: WithDatabase) => void>> = {
  import: async () => (await import('./features/imports/cli.ts')).registerImportCommands,
  export: async () => (await import('./features/exports/cli.ts')).registerExportCommands,
  backup: async () => (await import('./features/backup/cli.ts')).registerBackupCommands,
  restore: async () => (await import('./features/backup/cli.ts')).registerBackupCommands,
  'check-summary': async () => (await import('./features/summary-checker/cli.ts')).registerSummaryCheckCommand,
  report: async () => (await import('./features/reports/cli.ts')).registerReportCommands,
  figures: async () => (await import('./features/statistics/cli.ts')).registerFigureCommands,
  init: async () => (await import('./features/setup/cli.ts')).registerSetupCommand,
};

/** Opens the configured database, applies migrations, runs fn, and closes it whatever happens. */
async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of: ${ROLES.join(', ')}`);
  return value as Role;
}

function parseIsoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('must be a calendar date written YYYY-MM-DD, e.g. 2026-02-13');
  return value;
}

function parseWorkingDays(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n > MAX_WORKING_DAYS)
    throw new InvalidArgumentError(`must be a whole number of working days from 0 to ${MAX_WORKING_DAYS}`);
  return n;
}

function parseScope(value: string): 'read' | 'write' {
  if (value !== 'read' && value !== 'write') throw new InvalidArgumentError('must be read or write');
  return value;
}

/** The CLI; for argv naming one command, only that command's feature is loaded. */
export async function buildCli(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('openday')
    .description(
      'OpenDay: run a Government Open Day (政务公开日). Configuration comes from the environment (see .env.example).',
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Start the HTTP server (migrates, and loads the demo campaign on a first start)')
    .option('--no-demo', 'do not load the demo campaign into an empty database')
    .action(async (options: { demo: boolean }) => {
      const config = loadConfig();
      // Loaded here, not at the top: the whole app is needed to serve, not to run one command.
      const { startServer } = await import('./server.ts');
      const { url } = await startServer(config, { demo: options.demo });
      process.stdout.write(
        `OpenDay listening on ${url} (database: ${config.databaseUrl ? 'PostgreSQL' : `embedded, ${config.dataDir}`})\n`,
      );
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const result = await withDatabase((db) => migrate(db));
      process.stdout.write(
        result.applied.length
          ? `Applied ${result.applied.join(', ')}\n`
          : `Up to date at ${result.current ?? '(none)'}\n`,
      );
    });

  program
    .command('demo')
    .description('Load the demo campaign (slug "demo") and its accounts, if not loaded yet')
    .action(async () => {
      const { loadDemo } = await import('./features/demo/service.ts');
      const result = await withDatabase((db) => loadDemo(db));
      if (!result) {
        process.stdout.write('The demo campaign is already loaded.\n');
        return;
      }
      const { printDemoAccounts } = await import('./server.ts');
      printDemoAccounts(result.accounts, loadConfig().baseUrl);
    });

  program
    .command('create-user')
    .description('Create a user with a role in a unit')
    .requiredOption('--username <username>', 'login name')
    .requiredOption('--password <password>', 'at least 12 characters')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .requiredOption('--unit <nameOrId>', 'the unit, by exact name or id')
    .option('--name <displayName>', 'name shown to others (default: the username)')
    .option('--language <language>', 'zh-CN or en-US', 'zh-CN')
    .option('--email <email>', 'where reminders are mailed, when mail is configured')
    .action(
      async (options: {
        username: string;
        password: string;
        role: Role;
        unit: string;
        name?: string;
        language: string;
        email?: string;
      }) => {
        if (options.language !== 'zh-CN' && options.language !== 'en-US')
          throw new AppError(400, 'bad_request', '--language must be zh-CN or en-US');
        const { resolveUnit } = await import('./features/units/service.ts');
        const { createUser } = await import('./features/users/service.ts');
        const user = await withDatabase(async (db) => {
          const unit = await resolveUnit(db, options.unit);
          return (
            await createUser({
              db,
              actor: null,
              input: {
                username: options.username,
                password: options.password,
                displayName: options.name ?? options.username,
                language: options.language as 'zh-CN' | 'en-US',
                role: options.role,
                unitId: unit.id,
                email: options.email,
              },
            })
          ).body;
        });
        process.stdout.write(`Created user ${user.username} (${user.id}) as ${options.role}\n`);
      },
    );

  const token = program.command('token').description('API tokens for integrations');
  token
    .command('create')
    .description('Create an API token for a user and print it (shown once)')
    .requiredOption('--username <username>', 'the user the token acts as')
    .requiredOption('--scope <scope>', 'read or write', parseScope)
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--days <days>', 'expires after this many days', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 3650)
        throw new InvalidArgumentError('must be a whole number of days from 1 to 3650');
      return n;
    })
    .action(async (options: { username: string; scope: 'read' | 'write'; name: string; days?: number }) => {
      const { createApiToken } = await import('./features/auth/service.ts');
      const created = await withDatabase(async (db) => {
        const userId = await findUserIdByUsername(db, options.username);
        if (!userId) throw new AppError(404, 'not_found', `No user "${options.username}"`);
        return createApiToken({
          db,
          actor: null,
          userId,
          name: options.name,
          scope: options.scope,
          expiresInDays: options.days,
          maxDays: loadConfig().apiTokenMaxDays,
        });
      });
      process.stdout.write(`${created.token}\n`);
    });
  token
    .command('list')
    .description('List API tokens (never the tokens themselves): id, user, name, scope, state, expiry')
    .option('--username <username>', "only this user's tokens")
    .action(async (options: { username?: string }) => {
      const tokens = await withDatabase(async (db) => {
        let userIds: string[] | null = null;
        if (options.username) {
          const userId = await findUserIdByUsername(db, options.username);
          if (!userId) throw new AppError(404, 'not_found', `No user "${options.username}"`);
          userIds = [userId];
        }
        return (await listApiTokens(db, userIds)).map((row) => toApiToken(row));
      });
      for (const t of tokens) {
        const ends = t.revokedAt ? `revoked ${t.revokedAt}` : `expires ${t.expiresAt ?? 'never'}`;
        process.stdout.write(`${t.id}\t${t.username}\t${t.name}\t${t.scope}\t${t.state}\t${ends}\n`);
      }
    });
  token
    .command('revoke')
    .description('Revoke an API token by its id (from token list): every running instance refuses it at once')
    .argument('<id>', 'the token id', (value: string) => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
        throw new InvalidArgumentError('must be a token id, a UUID (see openday token list)');
      return value;
    })
    .action(async (id: string) => {
      const revoked = await withDatabase((db) => revokeToken({ db, actor: null, tokenId: id }));
      process.stdout.write(`Revoked ${revoked.id} (${revoked.name}) of ${revoked.username}\n`);
    });

  const calendar = program.command('calendar').description('The working-day calendar due dates are counted on');
  calendar
    .command('add-working-days')
    .description(
      'Print the date N working days after a day (the day itself not counted): weekends and public holidays ' +
        'are skipped, adjusted working days (调休) count — the same calculation as case due dates',
    )
    .argument('<date>', 'the start day, YYYY-MM-DD', parseIsoDate)
    .argument('<days>', `working days to add, 0 to ${MAX_WORKING_DAYS}`, parseWorkingDays)
    .action(async (date: string, days: number) => {
      const due = await withDatabase((db) => addWorkingDays(db, date, days));
      process.stdout.write(`${due}\n`);
    });

  const named = FEATURE_COMMANDS[argv[0] ?? ''];
  const core = ['serve', 'migrate', 'demo', 'create-user', 'token', 'calendar'].includes(argv[0] ?? '');
  const loaders = named ? [named] : core ? [] : [...new Set(Object.values(FEATURE_COMMANDS))];
  const registered = new Set<unknown>();
  for (const register of await Promise.all(loaders.map((load) => load()))) {
    if (registered.has(register)) continue;
    registered.add(register);
    register(program, withDatabase);
  }

  return program;
}

/** Runs the CLI and turns expected failures into a message and a non-zero exit. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let program: Command;
  try {
    program = await buildCli(argv);
  } catch (error) {
    process.stderr.write(`openday: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof AppError) {
      const detail = error.details.map((d) => ` (${d.field} ${d.reason})`).join('');
      process.stderr.write(`openday: ${error.message}${detail}\n`);
      return error.statusCode === 404 ? 3 : 2;
    }
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      process.stderr.write(`openday: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`openday: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
