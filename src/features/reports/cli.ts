import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { Database } from '../../platform/db/database.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import type { ExportFile } from '../exports/service.ts';
import { readerFor } from '../users/acting-user.ts';
import type { SummaryLanguage } from '../summaries/document.ts';
import { resolveUnit } from '../units/service.ts';
import { getStatisticalSummaryFile, getSummaryFile, type SummaryFormat, type TableFormat } from './service.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`must be one of: ${values.join(', ')}`);
    return value as T;
  };

/** zh-CN, en or en-US. */
function parseLanguage(value: string): SummaryLanguage {
  if (value === 'zh-CN') return 'zh-CN';
  if (value === 'en' || value === 'en-US') return 'en-US';
  throw new InvalidArgumentError('must be zh-CN or en');
}

async function write(withDatabase: WithDatabase, output: string, make: (db: Database) => Promise<ExportFile>) {
  await withDatabase(async (db) => {
    const file = await make(db);
    await pipeline(file.stream, fs.createWriteStream(output));
  });
  process.stdout.write(`Wrote ${output} (${(fs.statSync(output).size / 1024).toFixed(0)} KiB)\n`);
}

/**
 * `openday report summary|statistics …`: a unit's summary as HTML, DOCX or PDF, and the
 * statistical summary (统计汇总表) as XLSX or CSV.
 */
export function registerReportCommands(program: Command, withDatabase: WithDatabase): void {
  const report = program.command('report').description('Write a summary or the statistical summary of a campaign');

  report
    .command('summary')
    .description(
      "A unit's summary: its last version, or, when none was generated yet, one computed from the records now (nothing stored)",
    )
    .requiredOption('--campaign <slug>', 'the campaign, by slug')
    .requiredOption('--unit <nameOrId>', 'the unit, by exact name or id')
    .option('--lang <language>', 'zh-CN or en', parseLanguage, 'zh-CN' as SummaryLanguage)
    .option('--format <format>', 'html, docx (GB/T 9704-2012) or pdf', oneOf(['html', 'docx', 'pdf'] as const), 'docx')
    .requiredOption('-o, --output <file>', 'where to write it')
    .option('--as <username>', 'read as this user (default: the campaign organizer)')
    .action(
      (options: {
        campaign: string;
        unit: string;
        lang: SummaryLanguage;
        format: SummaryFormat;
        output: string;
        as?: string;
      }) =>
        write(withDatabase, options.output, async (db) => {
          const campaign = await getCampaignBySlug(db, options.campaign);
          const unit = await resolveUnit(db, options.unit);
          return getSummaryFile({
            db,
            actor: await readerFor(db, options.as, campaign.organizerUnitId),
            campaignId: campaign.id,
            unitId: unit.id,
            language: options.lang,
            format: options.format,
            preview: true,
          });
        }),
    );

  report
    .command('statistics')
    .description('The statistical summary (统计汇总表): one row per unit, subtotals per city, and the total')
    .requiredOption('--campaign <slug>', 'the campaign, by slug')
    .option('--format <format>', 'xlsx or csv (UTF-8 with BOM)', oneOf(['xlsx', 'csv'] as const), 'xlsx')
    .option('--lang <language>', 'zh-CN or en', parseLanguage, 'zh-CN' as SummaryLanguage)
    .requiredOption('-o, --output <file>', 'where to write it')
    .option('--as <username>', 'read as this user: the units they may see (default: the campaign organizer)')
    .action((options: { campaign: string; format: TableFormat; lang: SummaryLanguage; output: string; as?: string }) =>
      write(withDatabase, options.output, async (db) => {
        const campaign = await getCampaignBySlug(db, options.campaign);
        return getStatisticalSummaryFile({
          db,
          actor: await readerFor(db, options.as, campaign.organizerUnitId),
          campaignId: campaign.id,
          language: options.lang,
          format: options.format,
        });
      }),
    );
}
