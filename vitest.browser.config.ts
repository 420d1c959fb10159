import { defineConfig } from 'vitest/config';

/** End-to-end tests in headless Chromium against the real server: `npm run test:browser`. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits for a state (a row drawn, a figure counted); its timeout is a safety net,
    // not a measure. Vitest's default of one second fails a poll when a busy CI machine takes
    // longer than that to render or to answer.
    expect: { poll: { timeout: 30_000 } },
    pool: 'forks',
    // One browser and one server at a time: the machine has two cores.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
