import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/** What a file's browser tests share: the demo server, one browser, and the contexts they opened. */
export interface Stage {
  server: RunningServer;
  browser: Browser;
  contexts: BrowserContext[];
}

/**
 * Starts the server with the demo loaded and a browser before a file's tests, and closes the
 * contexts they opened, the browser and the server after them.
 */
export function setStage(): Stage {
  const stage = { contexts: [] as BrowserContext[] } as Stage;
  beforeAll(async () => {
    stage.server = await startServer();
    stage.browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of stage.contexts) await context.close();
    await stage.browser?.close();
    await stage.server?.stop();
  });
  return stage;
}
