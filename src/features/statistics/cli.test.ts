import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runOpenday } from '../../../test/cli.ts';
import { createTestDatabase } from '../../../test/database.ts';

/** `openday figures …` in its own process, on a database of its own with the demo loaded. */
let env: Record<string, string>;
let drop: () => Promise<void> = async () => {};
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-figures-cli-'));

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const scratch = await createTestDatabase();
    await scratch.db.close();
    env = { DATABASE_URL: scratch.url!, DATA_DIR: dataDir };
    drop = scratch.drop;
  } else {
    env = { DATABASE_URL: '', DATA_DIR: path.join(dataDir, 'data') };
  }
  const demo = await runOpenday(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(async () => {
  await drop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it(
  'verifies the demo campaign’s live figures against its records, and counts them again',
  { timeout: 10 * 60_000 },
  async () => {
    const verify = await runOpenday(['figures', 'verify', '--campaign', 'demo'], env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^All \d+ figures equal the records/);
    const rebuild = await runOpenday(['figures', 'rebuild', '--campaign', 'demo'], env);
    expect(rebuild.code, rebuild.stderr).toBe(0);
    expect(rebuild.stdout).toMatch(/^Counted \d+ figures in/);
    const unknown = await runOpenday(['figures', 'verify', '--campaign', 'no-such-campaign'], env);
    expect(unknown.code).not.toBe(0);
  },
);
