// Builds the console into dist/console when the build is missing or older than its sources.
// Run by `npm start` (prestart) and `npm run test:browser`, so a fresh clone needs no extra step.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const built = fileURLToPath(new URL('../../dist/console/index.html', import.meta.url));
const inputs = [here, fileURLToPath(new URL('../../package-lock.json', import.meta.url))];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

function builtAt(): number | undefined {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return undefined;
  }
}

const at = builtAt();
const sources = Math.max(...inputs.map(newestChange));
if (at !== undefined && at >= sources && !process.argv.includes('--force')) {
  console.log('console: build is up to date (dist/console)');
} else {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    if (at !== undefined) {
      console.warn(
        'console: sources changed but vite is not installed (npm ci --omit=dev?); serving the existing build',
      );
      process.exit(0);
    }
    console.error('console: dist/console is missing and vite is not installed; run `npm ci` (with dev dependencies)');
    process.exit(1);
  }
  console.log('console: building dist/console …');
  await vite.build({ configFile: join(here, 'vite.config.ts'), logLevel: 'warn' });
  console.log('console: built');
}
