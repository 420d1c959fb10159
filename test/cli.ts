import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the openday CLI as a user would, in its own process. The time limit is a safety net for a
 * process that hangs, not a speed test: minutes, because on a busy machine starting Node, loading
 * the modules and opening (or creating) the embedded database can take well over a minute.
 */
export function runOpenday(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 8 * 60_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/openday.js'), ...args], {
      cwd: ROOT,
      // Vitest sets BASE_URL for Vite ('/'); a user's shell would not.
      env: { ...process.env, LOG_LEVEL: 'warn', BASE_URL: 'http://localhost:3000', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The environment of CLI processes on a database of their own: a scratch PostgreSQL database when
 * DATABASE_URL is set, else the embedded one in `dataDir`. `drop` removes the scratch database.
 */
export async function scratchEnvironment(
  dataDir: string,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) return { env: { DATABASE_URL: '', DATA_DIR: dataDir }, drop: async () => {} };
  const { createTestDatabase } = await import('./database.ts');
  const scratch = await createTestDatabase();
  // Closed now, so that the commands are the database's only clients (restore insists on it).
  await scratch.db.close();
  return { env: { DATABASE_URL: scratch.url!, DATA_DIR: dataDir }, drop: scratch.drop };
}
