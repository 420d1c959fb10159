import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/console/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Browser tests need Chromium and the real server: `npm run test:browser` (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    // One embedded PostgreSQL cluster for the run, a database per test file (test/database.ts).
    globalSetup: ['test/global-setup.ts'],
    // Safety nets, not assertions: a test waits for states, and a timeout only stops one that never
    // comes. Minutes, because CI machines are shared: with both cores busy elsewhere (npm run
    // test:busy) making a database and starting a CLI or a server take many times their idle time.
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
    teardownTimeout: 2 * 60_000,
    expect: { poll: { timeout: 60_000 } },
    // Two cores: one database-heavy file per core.
    pool: 'forks',
    maxWorkers: 2,
  },
});
