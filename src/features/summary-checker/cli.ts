import fs from 'node:fs';
import { CommanderError, type Command } from 'commander';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import { readerFor } from '../users/read.ts';
import { resolveUnit } from '../units/service.ts';
import { readSummaryFile } from './read-docx.ts';
import { checkSummary } from './service.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

/** `openday check-summary FILE --campaign SLUG --unit NAME_OR_ID`: exits 1 when it finds problems. */
export function registerSummaryCheckCommand(program: Command, withDatabase: WithDatabase): void {
  program
    .command('check-summary')
    .description(
      "Check a hand-written summary (DOCX or plain text) against the unit's records; exits with 1 when it finds problems",
    )
    .argument('<file>', 'the summary, .docx or plain text (UTF-8 or GB18030)')
    .requiredOption('--campaign <slug>', 'the campaign, by slug')
    .requiredOption('--unit <nameOrId>', 'the unit, by exact name or id')
    .option('--as <username>', 'check as this user (default: the campaign organizer’s view of every unit)')
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, options: { campaign: string; unit: string; as?: string; json?: boolean }) => {
      if (!fs.existsSync(file)) throw new AppError(404, 'not_found', `No file ${file}`);
      const buffer = fs.readFileSync(file);
      const text = await readSummaryFile(buffer);
      const result = await withDatabase(async (db) => {
        const campaign = await getCampaignBySlug(db, options.campaign);
        const unit = await resolveUnit(db, options.unit);
        const actor = await readerFor(db, options.as, campaign.organizerUnitId);
        return checkSummary({ db, actor, campaignId: campaign.id, unitId: unit.id, text });
      });
      if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        for (const f of result.findings) {
          const where = `${file}:${f.line}:${f.column}`;
          const recorded =
            f.kind === 'contradiction' ? ` (written ${f.written}, recorded ${f.recorded ?? 'nothing'})` : '';
          process.stdout.write(`${where}  ${f.kind}  ${f.text ? `"${f.text}"  ` : ''}${f.message}${recorded}\n`);
        }
        process.stdout.write(`${result.problems} problem${result.problems === 1 ? '' : 's'} found\n`);
      }
      // runCli turns this into the exit status (1) after the findings are printed.
      if (result.problems > 0) throw new CommanderError(1, 'openday.summaryProblems', `${result.problems} problems`);
    });
}
