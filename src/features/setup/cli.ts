import type { Command } from 'commander';
import { Value } from 'typebox/value';
import type { Database } from '../../platform/db/database.ts';
import { badRequest } from '../../platform/http/errors.ts';
import { REGION_LEVELS } from '../regions/schema.ts';
import { SetupBody } from './schema.ts';
import { initialize } from './service.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

/**
 * `openday init`: the first run without the demo, from the terminal. Creates the root region, the
 * coordinating office and its first organizer, who signs in to the console and sets up the rest.
 */
export function registerSetupCommand(program: Command, withDatabase: WithDatabase): void {
  program
    .command('init')
    .description('First run without the demo: the root region, the coordinating office and its first organizer')
    .requiredOption('--region-code <code>', 'the root region’s division code, e.g. 210000')
    .requiredOption('--region <name>', 'the root region’s name, e.g. 辽宁省')
    .option('--region-en <name>', 'its English name, e.g. "Liaoning Province"')
    .option('--level <level>', `the root region’s level: ${REGION_LEVELS.join(', ')}`, 'province')
    .requiredOption('--office <name>', 'the coordinating office, e.g. 辽宁省政务公开办公室')
    .option('--office-en <name>', 'its English name')
    .requiredOption('--username <username>', 'the first organizer’s login name')
    .requiredOption('--password <password>', 'at least 12 characters')
    .option('--name <displayName>', 'name shown to others (default: the username)')
    .option('--language <language>', 'zh-CN or en-US', 'zh-CN')
    .action(
      async (options: {
        regionCode: string;
        region: string;
        regionEn?: string;
        level: string;
        office: string;
        officeEn?: string;
        username: string;
        password: string;
        name?: string;
        language: string;
      }) => {
        const input = {
          region: {
            code: options.regionCode,
            name: options.region,
            nameEn: options.regionEn ?? null,
            level: options.level,
          },
          office: { name: options.office, nameEn: options.officeEn ?? null },
          organizer: {
            username: options.username,
            displayName: options.name ?? options.username,
            password: options.password,
            language: options.language,
          },
        };
        // The same schema as the API's: what the console would refuse is refused here, by field.
        if (!Value.Check(SetupBody, input))
          throw badRequest(
            'Invalid options',
            [...Value.Errors(SetupBody, input)]
              .filter((e) => e.keyword !== 'boolean')
              .map((e) => ({ field: e.instancePath.slice(1).replaceAll('/', '.') || 'options', reason: e.message })),
          );
        const result = await withDatabase((db) => initialize({ db, input }));
        process.stdout.write(
          `Set up: ${options.region} (${options.regionCode}), ${options.office}, organizer ${result.username}.\n` +
            'Sign in to the console as the organizer to add regions, units and accounts.\n',
        );
      },
    );
}
