#!/usr/bin/env node
// OpenDay runs its TypeScript sources directly on Node 24 (type stripping). When started by an
// older node from PATH, it hands over to the Node 24 that the project installs as a dev dependency.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
  await import(join(root, 'src', 'main.ts'));
} else {
  const local = join(root, 'node_modules', '.bin', 'node');
  if (!existsSync(local)) {
    console.error(`OpenDay needs Node.js 24 or newer (this is ${process.version}). Run "npm ci" in ${root} first.`);
    process.exit(1);
  }
  const result = spawnSync(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
