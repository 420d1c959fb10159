import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from '../cli.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** A phone: what desk staff and most citizens hold. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Debian's Chromium, headless, without the background traffic a test does not want. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Saves a full-page screenshot as a test artefact under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core's WCAG 2.1 A and AA rules over the page. The script is added by the browser's
 * debugging protocol (page.evaluate), so the page's own CSP does not have to allow it.
 */
export async function checkAccessibility(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // Run in the page; written as text because this project compiles without the DOM's types.
  return (await page.evaluate(`(async () => {
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  })()`)) as AxeViolation[];
}

/** AntD's motion settled: dialogs and drop-downs in their places, text at full opacity. */
export async function settled(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`,
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Axe finds nothing on the page as a reader sees it at rest: motion settled (half-faded text would
 * fail contrast), nothing hovered (a hovered button is drawn lighter).
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/**
 * The page's WCAG violations once AntD's motion has settled, one line each (rule, help and the
 * offending elements), so a fading pop-up is not measured half transparent.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await settled(page);
  return (await checkAccessibility(page)).map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.html).join(' | ')}`);
}

/**
 * The JavaScript a page loads, compressed as it travels: the sum of the encoded body sizes of its
 * scripts (inline scripts count by their gzip size).
 */
export async function measureScriptBytes(page: Page): Promise<number> {
  return (await page.evaluate(`(async () => {
    const entries = performance.getEntriesByType('resource');
    const external = entries.filter((e) => e.initiatorType === 'script').reduce((sum, e) => sum + e.encodedBodySize, 0);
    let inline = 0;
    for (const script of document.querySelectorAll('script:not([src])')) {
      const stream = new Blob([script.textContent ?? '']).stream().pipeThrough(new CompressionStream('gzip'));
      inline += (await new Response(stream).arrayBuffer()).byteLength;
    }
    return external + inline;
  })()`)) as number;
}

/** The console's sign-in form, as it reads in each language. */
const SIGN_IN_LABELS = {
  'zh-CN': { user: '用户名', password: '密码', submit: '登录' },
  'en-US': { user: 'Username', password: 'Password', submit: 'Sign in' },
} as const;

/**
 * A new browser context (added to `contexts`, for the caller to close) with a user signed in to the
 * console at `baseUrl` through its sign-in form, in the context's language; resolves once past it.
 */
export async function openSignedIn(
  browser: Browser,
  contexts: BrowserContext[],
  baseUrl: string,
  options: Parameters<Browser['newContext']>[0] & { locale: 'zh-CN' | 'en-US' },
  username: string,
  password: string,
): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  const labels = SIGN_IN_LABELS[options.locale];
  await page.goto(`${baseUrl}/console/login`);
  await page.getByLabel(labels.user).fill(username);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  return page;
}
