import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../platform/db/database.ts';

export interface FiguresFold {
  stop(): Promise<void>;
}

/**
 * Folds between two vacuums of the live figures, where the database's autovacuum is off: every
 * fold deletes the deltas it moved and updates their counts, and without a vacuum those dead rows
 * pile up under every reading of the figures (and the planner never learns the counts' size).
 */
export const FOLDS_PER_VACUUM = 120;

/** Whether autovacuum is off on the database: then the fold vacuums the live figures itself. */
async function autovacuumOff(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ on: boolean }>(`SELECT current_setting('autovacuum')::boolean AS on`);
  return rows[0]?.on === false;
}

/**
 * Moves the live figures' deltas into their counts about every second (openday_fold_figures,
 * ADR 10), so that readers add a few rows rather than every statement's since the start. The
 * figures are exact whether or not a fold has run; with several instances one folds at a time.
 */
export function startFiguresFold({
  db,
  log,
  intervalMs = 1_000,
}: {
  db: Database;
  log: FastifyBaseLogger;
  intervalMs?: number;
}): FiguresFold {
  let folds = 0;
  let running: Promise<void> | undefined;
  let warned = false;
  // Asked at the start, so that an operator learns at once that the database is not maintained.
  const askAutovacuum = () =>
    autovacuumOff(db).then((off) => {
      if (off && !warned) {
        warned = true;
        log.warn(
          'autovacuum is off on this database: the live figures are vacuumed here every ' +
            `${FOLDS_PER_VACUUM} folds, but no other table is; turn it on (docs/deployment.md)`,
        );
      }
      return off;
    });
  let vacuums: Promise<boolean> | undefined = askAutovacuum();
  vacuums.catch(() => (vacuums = undefined));
  const fold = async () => {
    try {
      await db.query('SELECT openday_fold_figures()');
    } catch (error) {
      log.warn({ err: error }, 'folding the live figures failed; they stay exact, and the next fold retries');
      return;
    }
    if (++folds % FOLDS_PER_VACUUM !== 0) return;
    try {
      if (await (vacuums ??= askAutovacuum())) await db.exec('VACUUM (ANALYZE) figure_deltas, figure_counts');
    } catch (error) {
      vacuums = undefined;
      log.warn({ err: error }, 'vacuuming the live figures failed; the next round tries again');
    }
  };
  const timer = setInterval(() => {
    running ??= fold().finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
