import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import { type Language, LANGUAGES } from '../imports/read.ts';
import { actorFor } from '../users/read.ts';
import { resolveUnit } from '../units/service.ts';
import type { ExportFormat } from './schema.ts';
import { exportCases, exportConsultations, exportStatistics, type ExportFile } from './service.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`must be one of: ${values.join(', ')}`);
    return value as T;
  };

interface ExportOptions {
  campaign: string;
  unit?: string;
  format: ExportFormat;
  output: string;
  columns?: string;
  lang?: Language;
  as?: string;
}

/** `openday export consultations|cases|statistics …`: the same files the console downloads. */
export function registerExportCommands(program: Command, withDatabase: WithDatabase): void {
  const command = program.command('export').description('Write records or figures of a campaign to a CSV or XLSX file');
  const withOptions = (sub: Command) =>
    sub
      .requiredOption('--campaign <slug>', 'the campaign, by slug')
      .option('--format <format>', 'csv (UTF-8 with BOM) or xlsx', oneOf(['csv', 'xlsx'] as const), 'csv')
      .requiredOption('-o, --output <file>', 'where to write it')
      .option('--columns <keys>', 'the columns to write, comma-separated (default: all)')
      .option('--lang <language>', 'zh-CN or en-US', oneOf(LANGUAGES))
      .option(
        '--as <username>',
        'export as this user: their units, and visitors’ names and phones of the unit they administer (audited); without it every unit, masked',
      );

  const run = async (options: ExportOptions, make: (db: Database) => Promise<ExportFile>) => {
    await withDatabase(async (db) => {
      const file = await make(db);
      await pipeline(file.stream, fs.createWriteStream(options.output));
    });
    process.stdout.write(`Wrote ${options.output} (${(fs.statSync(options.output).size / 1024).toFixed(0)} KiB)\n`);
  };

  withOptions(command.command('consultations').description('Consultations (visit records), oldest first'))
    .option('--unit <nameOrId>', 'one unit only, by exact name or id')
    .action((options: ExportOptions) =>
      run(options, async (db) => {
        const campaign = await getCampaignBySlug(db, options.campaign);
        const unitId = options.unit ? (await resolveUnit(db, options.unit)).id : undefined;
        return exportConsultations({
          db,
          actor: options.as ? await actorFor(db, options.as) : null,
          query: { campaignId: campaign.id, unitId, columns: options.columns, lang: options.lang },
          format: options.format,
        });
      }),
    );

  withOptions(command.command('cases').description('Cases (办件)'))
    .option('--unit <nameOrId>', 'one answering unit only, by exact name or id')
    .action((options: ExportOptions) =>
      run(options, async (db) => {
        const campaign = await getCampaignBySlug(db, options.campaign);
        const unitId = options.unit ? (await resolveUnit(db, options.unit)).id : undefined;
        return exportCases({
          db,
          actor: options.as ? await actorFor(db, options.as) : null,
          query: { campaignId: campaign.id, unitId, columns: options.columns, lang: options.lang },
          format: options.format,
        });
      }),
    );

  withOptions(command.command('statistics').description('The statistical summary (统计汇总表); needs --as')).action(
    (options: ExportOptions) =>
      run(options, async (db) => {
        if (!options.as)
          throw new AppError(400, 'bad_request', '--as is required: the figures are those a user may see');
        const campaign = await getCampaignBySlug(db, options.campaign);
        return exportStatistics({
          db,
          actor: await actorFor(db, options.as),
          campaignId: campaign.id,
          query: { columns: options.columns, lang: options.lang },
          format: options.format,
        });
      }),
  );
}
