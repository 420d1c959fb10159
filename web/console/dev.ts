// `npm run dev`: the API server restarting on change, and the console from Vite's dev server with
// hot reload (http://localhost:5173/console/), which sends /api to the API server.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const api = spawn(process.execPath, ['--watch', 'src/main.ts', 'serve'], { cwd: root, stdio: 'inherit' });
const vite = await createServer({ configFile: fileURLToPath(new URL('vite.config.ts', import.meta.url)) });
await vite.listen();
vite.printUrls();

const stop = async () => {
  api.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
api.on('exit', (code) => {
  if (code !== null && code !== 0) void vite.close().then(() => process.exit(code));
});
