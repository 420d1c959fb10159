import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { Database } from '../../platform/db/database.ts';
import { writeVisitRecordForm } from './visit-record-form.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import type { DownloadFile as ExportFile } from '../../platform/http/download.ts';
import type { SummaryLanguage } from '../summaries/read.ts';
import { readerFor } from '../users/read.ts';
import { resolveUnit } from '../units/service.ts';
import { COLLECTION_FORMATS, writeCollection, type CollectionFormat, type CollectionProgress } from './collection.ts';
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
 * A progress bar on stderr, as the import command draws one: redrawn in place on a terminal, a
 * line every tenth otherwise (logs).
 */
export function collectionProgressBar(out: NodeJS.WriteStream = process.stderr) {
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  const draw = ({ done, total }: CollectionProgress) => {
    const fraction = total ? done / total : 1;
    const filled = Math.round(fraction * 30);
    const line = `summaries [${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} units`;
    if (out.isTTY) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      out.write(`\r${line}`);
      drawn = true;
    } else {
      const tenth = Math.floor(fraction * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      out.write(`${line}\n`);
    }
  };
  return { draw, end: () => drawn && out.write('\n') };
}

function parsePages(value: string): number {
  const pages = Number(value);
  if (!Number.isInteger(pages) || pages < 1 || pages > 50)
    throw new InvalidArgumentError('must be a whole number from 1 to 50');
  return pages;
}

/**
 * `openday report summary|statistics|collection …`: a unit's summary as HTML, DOCX or PDF, the
 * statistical summary (统计汇总表) as XLSX or CSV, and the collection of summaries (总结汇编).
 */
export function registerReportCommands(program: Command, withDatabase: WithDatabase): void {
  const report = program
    .command('report')
    .description(
      'Write a summary, the statistical summary, the collection of summaries, or the blank visit-record form',
    );

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

  report
    .command('collection')
    .description(
      'The collection of summaries (总结汇编): cover, contents, the statistical summary, every approved summary in region order, and the units still missing',
    )
    .requiredOption('--campaign <slug>', 'the campaign, by slug')
    .option('--format <format>', 'docx (GB/T 9704-2012) or pdf', oneOf(COLLECTION_FORMATS), 'docx')
    .option('--lang <language>', 'zh-CN or en', parseLanguage, 'zh-CN' as SummaryLanguage)
    .requiredOption('-o, --output <file>', 'where to write it')
    .option('--as <username>', 'make it as this organizer (default: the campaign organizer)')
    .action(
      async (options: {
        campaign: string;
        format: CollectionFormat;
        lang: SummaryLanguage;
        output: string;
        as?: string;
      }) => {
        const temporary = `${options.output}.part`;
        try {
          await withDatabase(async (db) => {
            const campaign = await getCampaignBySlug(db, options.campaign);
            const bar = collectionProgressBar();
            try {
              await writeCollection({
                db,
                actor: await readerFor(db, options.as, campaign.organizerUnitId),
                campaignId: campaign.id,
                format: options.format,
                language: options.lang,
                out: fs.createWriteStream(temporary),
                onProgress: bar.draw,
              });
            } finally {
              bar.end();
            }
          });
          // Written whole or not at all: a failed run leaves no half document under the name asked for.
          fs.renameSync(temporary, options.output);
        } finally {
          fs.rmSync(temporary, { force: true });
        }
        process.stdout.write(`Wrote ${options.output} (${(fs.statSync(options.output).size / 1024).toFixed(0)} KiB)\n`);
      },
    );

  report
    .command('form')
    .description(
      'The printable blank visit-record form (来访登记表) as PDF: A4 landscape, the columns of the import template',
    )
    .requiredOption('-o, --output <file>', 'where to write the PDF')
    .option('--pages <n>', 'sheets to print, 1 to 50', parsePages, 1)
    .action(async (options: { output: string; pages: number }) => {
      await writeVisitRecordForm(options.output, { pages: options.pages });
      process.stdout.write(`Wrote ${options.output} (${(fs.statSync(options.output).size / 1024).toFixed(0)} KiB)\n`);
    });
}
