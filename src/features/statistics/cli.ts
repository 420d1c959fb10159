import type { Command } from 'commander';
import type { Database } from '../../platform/db/database.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import { rebuildLiveFigures, verifyLiveFigures } from './verify.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

/**
 * `openday figures verify|rebuild --campaign SLUG`: check the live figures of a campaign against
 * its records (exit 1 on any difference), or count them again (after a bulk load that bypassed
 * the triggers, or a repair).
 */
export function registerFigureCommands(program: Command, withDatabase: WithDatabase): void {
  const figures = program
    .command('figures')
    .description('Check or count again the live figures the dashboard and the statistics read');

  figures
    .command('verify')
    .description('Compare every live figure of a campaign with a count over its records; changes nothing')
    .requiredOption('--campaign <slug>', 'the campaign, by slug')
    .action(async (options: { campaign: string }) => {
      const result = await withDatabase(async (db) =>
        verifyLiveFigures(db, (await getCampaignBySlug(db, options.campaign)).id),
      );
      for (const d of result.differences.slice(0, 50)) {
        process.stdout.write(`${d.scope}  ${d.figure}  ${d.key || '-'}  stored ${d.stored}  counted ${d.counted}\n`);
      }
      if (result.differences.length) {
        process.stdout.write(
          `${result.differences.length} of ${result.checked} figures differ from the records: run openday figures rebuild\n`,
        );
        process.exitCode = 1;
      } else {
        process.stdout.write(`All ${result.checked} figures equal the records\n`);
      }
    });

  figures
    .command('rebuild')
    .description("Count a campaign's live figures again from its records")
    .requiredOption('--campaign <slug>', 'the campaign, by slug')
    .action(async (options: { campaign: string }) => {
      const started = performance.now();
      const written = await withDatabase(async (db) =>
        rebuildLiveFigures(db, (await getCampaignBySlug(db, options.campaign)).id),
      );
      process.stdout.write(`Counted ${written} figures in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    });
}
