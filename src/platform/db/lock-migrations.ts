// `npm run migrations:lock`: records the checksums of new migration files in
// migrations.lock.json; refuses when a committed migration was edited.
import { updateMigrationsLock } from './migrate.ts';

try {
  const { added } = updateMigrationsLock();
  process.stdout.write(added.length ? `Locked ${added.join(', ')}\n` : 'Every migration is locked already.\n');
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
