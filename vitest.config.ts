import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser tests need Chromium and the real server: `npm run test:browser` (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    // One embedded PostgreSQL cluster for the run, a database per test file (test/database.ts).
    globalSetup: ['test/global-setup.ts'],
    // Generous: some tests start processes (the CLI, a server), and CI machines are shared.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: one database-heavy file per core.
    pool: 'forks',
    maxWorkers: 2,
  },
});
