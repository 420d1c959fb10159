import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import { resolveUnit } from '../units/service.ts';
import { actorFor } from '../users/read.ts';
import { IMPORT_KINDS, LANGUAGES, type ImportKind, type Language } from './columns.ts';
import type { Import } from './schema.ts';
import { importFile, renderTemplate } from './service.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`must be one of: ${values.join(', ')}`);
    return value as T;
  };

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every tenth otherwise (logs).
 */
export function progressBar(out: NodeJS.WriteStream = process.stderr): { draw: (p: Import) => void; end: () => void } {
  let lastDraw = 0;
  let lastTenth = -1;
  let lastPhase: string | null = null;
  let drawn = false;
  const draw = (p: Import) => {
    const fraction = p.fileSize ? Math.min(1, p.bytesRead / p.fileSize) : 0;
    const phase = p.phase === 'writing' ? 'writing ' : p.state === 'completed' ? 'done    ' : 'checking';
    const rows = p.phase === 'writing' ? p.rowsImported : p.rowsRead;
    const filled = Math.round(fraction * 30);
    const line = `${phase} [${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${rows.toLocaleString('en-US')} rows  ${megabytes(p.bytesRead)}/${megabytes(p.fileSize)} MB`;
    if (out.isTTY) {
      const now = Date.now();
      if (now - lastDraw < 100 && phase === lastPhase) return;
      lastDraw = now;
      out.write(`\r${line}`);
      drawn = true;
    } else {
      const tenth = Math.floor(fraction * 10);
      if (tenth === lastTenth && phase === lastPhase) return;
      lastTenth = tenth;
      out.write(`${line}\n`);
    }
    lastPhase = phase;
  };
  return { draw, end: () => drawn && out.write('\n') };
}

interface ImportOptions {
  campaign?: string;
  unit?: string;
  kind: ImportKind;
  as?: string;
  format: 'xlsx' | 'csv';
  lang: Language;
  output?: string;
}

/**
 * `openday import FILE --campaign SLUG --unit NAME_OR_ID` and `openday import template -o FILE`
 * (one command: "template" in place of the file writes the empty form).
 */
export function registerImportCommands(program: Command, withDatabase: WithDatabase): void {
  program
    .command('import')
    .description(
      'Import a filled-in form (CSV or XLSX) into a unit’s records: every row is checked, and all land or none. ' +
        '"openday import template -o FILE" writes the empty form.',
    )
    .argument('<file>', 'the CSV (UTF-8 or GB18030) or XLSX file, or "template"')
    .option('--campaign <slug>', 'the campaign, by slug (required to import)')
    .option('--unit <nameOrId>', 'the unit, by exact name or id (required to import)')
    .option('--kind <kind>', `what the file holds: ${IMPORT_KINDS.join(', ')}`, oneOf(IMPORT_KINDS), 'consultations')
    .option('--as <username>', 'import as this user (their rights apply; the records and the audit name them)')
    .option('--format <format>', 'template: xlsx or csv', oneOf(['xlsx', 'csv'] as const), 'xlsx')
    .option('--lang <language>', 'template: zh-CN or en-US', oneOf(LANGUAGES), 'zh-CN')
    .option('-o, --output <file>', 'template: where to write it')
    .action(async (file: string, options: ImportOptions) => {
      if (file === 'template') return writeTemplate(options);
      if (!options.campaign || !options.unit)
        throw new AppError(400, 'bad_request', 'Name the campaign (--campaign SLUG) and the unit (--unit NAME_OR_ID)');
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError(404, 'not_found', `No file ${file}`);
      const { campaign: slug, unit: unitName } = options;
      const bar = progressBar();
      const result = await withDatabase(async (db) => {
        const campaign = await getCampaignBySlug(db, slug);
        const unit = await resolveUnit(db, unitName);
        const actor = options.as ? await actorFor(db, options.as) : null;
        try {
          return await importFile({
            db,
            actor,
            campaignId: campaign.id,
            unitId: unit.id,
            kind: options.kind,
            file: { path: file, name: path.basename(file) },
            onProgress: bar.draw,
          });
        } finally {
          bar.end();
        }
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'import_rejected') {
          for (const detail of error.details) process.stderr.write(`  ${detail.field}: ${detail.reason}\n`);
          throw new AppError(error.statusCode, error.code, error.message);
        }
        throw error;
      });
      const done = result.body;
      process.stdout.write(
        done.duplicate
          ? `Already imported (import ${done.id}, ${done.rowsImported} ${done.kind}, ${done.finishedAt}); nothing added.\n`
          : `Imported ${done.rowsImported} ${done.kind} from ${path.basename(file)} (${done.encoding ?? done.format}) as import ${done.id}.\n`,
      );
    });
}

async function writeTemplate(options: ImportOptions): Promise<void> {
  if (!options.output) throw new AppError(400, 'bad_request', 'Say where to write the template: -o FILE');
  const template = renderTemplate({ kind: options.kind, format: options.format, language: options.lang });
  await pipeline(template.stream, fs.createWriteStream(options.output));
  process.stdout.write(`Wrote the ${options.kind} template to ${options.output}\n`);
}
