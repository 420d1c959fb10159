// `npm run test:busy [-- <vitest arguments>]`: the test command (`vitest run`) on a machine whose two
// cores are busy with other work, as a shared CI machine is. Two CPU hogs (`yes > /dev/null`) run for
// as long as the tests do and are stopped when they end — passed, failed, Ctrl-C or killed: each hog
// watches this process and stops when it is gone.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOGS = 2;

/** One busy core: `yes > /dev/null`, ended with its shell, or by the shell once this process is gone. */
function startHog(parent: number): ChildProcess {
  const script =
    "yes > /dev/null & hog=$!; trap 'kill $hog 2>/dev/null; exit 0' EXIT INT TERM HUP; " +
    `while kill -0 ${parent} 2>/dev/null && kill -0 $hog 2>/dev/null; do sleep 1; done`;
  return spawn('sh', ['-c', script], { stdio: 'ignore' });
}

const hogs = Array.from({ length: HOGS }, () => startHog(process.pid));
const stopHogs = () => {
  for (const hog of hogs) if (hog.exitCode === null && hog.signalCode === null) hog.kill('SIGTERM');
};
process.on('exit', stopHogs);

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const started = Date.now();
console.log(`test:busy: ${HOGS} × "yes > /dev/null" running; load average ${load()}; ${os.cpus().length} cores`);

const vitest = spawn(
  process.execPath,
  [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopHogs();
    vitest.kill(signal);
  });
}
vitest.on('error', (error) => {
  console.error(`test:busy: could not start vitest: ${error.message}`);
  process.exit(1);
});
vitest.on('exit', (code, signal) => {
  stopHogs();
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`test:busy: vitest ended (${signal ?? `exit ${code}`}) after ${seconds} s; load average ${load()}`);
  process.exit(code ?? 1);
});
