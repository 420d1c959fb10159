import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { serviceWorker } from './sw-plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Where the server (src/features/console-host) looks for the built console. */
export const outDir = fileURLToPath(new URL('../../dist/console', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react(), serviceWorker()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: Number(process.env.CONSOLE_DEV_PORT ?? 5173),
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
