import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../platform/db/database.ts';

export interface FiguresFold {
  stop(): Promise<void>;
}

/** Folds on the embedded database between two vacuums of the live figures (it has no autovacuum). */
const FOLDS_PER_VACUUM = 120;

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
  const fold = async () => {
    try {
      await db.query('SELECT openday_fold_figures()');
      if (db.kind === 'embedded' && ++folds % FOLDS_PER_VACUUM === 0) {
        await db.exec('VACUUM figure_deltas, figure_counts');
      }
    } catch (error) {
      log.warn({ err: error }, 'folding the live figures failed; they stay exact, and the next fold retries');
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
