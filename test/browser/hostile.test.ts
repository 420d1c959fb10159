import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/features/demo/data.ts';
import { launchBrowser, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * Stored script payloads render inert: text that citizens and staff type — a question asked on
 * the portal, a consultation's question and answer, a reply, a unit's name, a disclosure — comes
 * back as text on the portal and in the console. No script runs, no dialog opens, no element the
 * payload describes appears, and the words are shown exactly as typed.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

/** Each sets window.__x if it ever runs. */
const PAYLOADS = {
  script: '<script>window.__x=1</script>',
  img: '<img src=x onerror="window.__x=1">',
  svg: '<svg onload="window.__x=1"></svg>',
  iframe: '"><iframe srcdoc="<script>parent.__x=1</script>"></iframe>',
  attribute: `' onmouseover='window.__x=1' x='`,
  link: '<a href="javascript:window.__x=1">点我</a>',
} as const;
const tagged = (label: string, payload: string) => `${label} ${payload} 结束`;

const texts = {
  unitName: tagged('单位', PAYLOADS.svg),
  disclosureTitle: tagged('事项', PAYLOADS.img),
  disclosureBody: tagged('正文', PAYLOADS.script),
  question: tagged('咨询', PAYLOADS.script),
  answer: tagged('答复', PAYLOADS.iframe),
  reply: tagged('回复', PAYLOADS.img),
  asked: tagged('网上提问', PAYLOADS.attribute),
  publicQuestion: tagged('公开问题', PAYLOADS.link),
  publicAnswer: tagged('公开答复', PAYLOADS.script),
};
let consultationCode = '';
let askedCode = '';
let heatingUnitId = '';

async function signIn(username: string) {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const body = (await response.json()) as { csrfToken: string; user: { memberships: { unitId: string }[] } };
  const headers = { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' };
  const call = async (method: string, path: string, payload?: unknown) => {
    const { 'content-type': _type, ...withoutBody } = headers;
    const answer = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: payload === undefined ? withoutBody : headers,
      ...(payload !== undefined && { body: JSON.stringify(payload) }),
    });
    const text = await answer.text();
    expect(answer.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  return { call, unitId: body.user.memberships[0]?.unitId ?? '' };
}

/** Stores every payload through the API, as the people who type such text would. */
async function storePayloads() {
  const organizer = await signIn('organizer');
  const campaign = (await organizer.call('GET', '/campaigns/by-slug/demo')) as { id: string };
  const regions = (await organizer.call('GET', '/regions')) as { items: { id: string }[] };
  const unit = (await organizer.call('POST', '/units', {
    name: texts.unitName,
    kind: 'bureau',
    regionId: regions.items[0]!.id,
  })) as { id: string };
  await organizer.call('PUT', `/campaigns/${campaign.id}/units/${unit.id}`);

  const admin = await signIn('heating-admin');
  heatingUnitId = admin.unitId;
  await admin.call('POST', '/disclosures', {
    campaignId: campaign.id,
    unitId: heatingUnitId,
    kind: 'service_matter',
    title: texts.disclosureTitle,
    body: texts.disclosureBody,
  });

  const desk = await signIn('heating-desk');
  const recorded = (await desk.call('POST', '/consultations', {
    campaignId: campaign.id,
    unitId: heatingUnitId,
    topic: '供热收费',
    question: texts.question,
    answer: texts.answer,
    outcome: 'transferred',
  })) as { caseTrackingCode: string; caseReference: string };
  consultationCode = recorded.caseTrackingCode;

  const responder = await signIn('heating-responder');
  // Staff see the case by its reference, never by the citizen's tracking code.
  const cases = (await responder.call('GET', `/cases?limit=500`)) as { items: { id: string; reference: string }[] };
  const caseId = cases.items.find((c) => c.reference === recorded.caseReference)!.id;
  await responder.call('POST', `/cases/${caseId}/reply`, { reply: texts.reply });
  await admin.call('POST', `/cases/${caseId}/publish`, {
    publicQuestion: texts.publicQuestion,
    publicAnswer: texts.publicAnswer,
  });

  const asked = await fetch(`${server.url}/api/v1/public/campaigns/demo/questions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'question', unitId: heatingUnitId, text: texts.asked }),
  });
  expect(asked.status).toBe(201);
  askedCode = ((await asked.json()) as { trackingCode: string }).trackingCode;
}

/** A page that records dialogs and keeps count of script the payloads would run. */
async function watchedPage(): Promise<{ page: Page; dialogs: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, dialogs };
}

/** Nothing ran, nothing the payloads describe exists as an element, and the text is there as typed. */
async function expectInert(page: Page, dialogs: string[], shown: string[], where: string) {
  // A mouse-over on every element gives an injected onmouseover its chance.
  await page.evaluate(
    `document.querySelectorAll('body *').forEach((e) => e.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })))`,
  );
  expect(await page.evaluate('typeof window.__x'), `${where}: window.__x`).toBe('undefined');
  expect(dialogs, `${where}: dialogs`).toEqual([]);
  const injected = await page.evaluate(
    `document.querySelectorAll('img[src="x"], svg[onload], iframe, [onmouseover], [onerror], a[href^="javascript:"]').length`,
  );
  expect(injected, `${where}: injected elements`).toBe(0);
  const text = (await page.evaluate('document.body.innerText')) as string;
  for (const expected of shown) expect(text, `${where}: shows ${expected}`).toContain(expected);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  await storePayloads();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('stored script payloads on the portal', () => {
  it('shows a unit’s name as text on the campaign page', async () => {
    const { page, dialogs } = await watchedPage();
    await page.goto(`${server.url}/c/demo`);
    await expectInert(page, dialogs, [texts.unitName], 'campaign page');
    await page.close();
  });

  it('shows a disclosure as text on the unit’s page', async () => {
    const { page, dialogs } = await watchedPage();
    await page.goto(`${server.url}/c/demo/units/${heatingUnitId}`);
    await expectInert(page, dialogs, [texts.disclosureTitle, texts.disclosureBody], 'unit page');
    await page.close();
  });

  it('shows a published question and answer as text in the Q&A', async () => {
    const { page, dialogs } = await watchedPage();
    await page.goto(`${server.url}/c/demo/qa?q=${encodeURIComponent('公开问题')}`);
    await expectInert(page, dialogs, [texts.publicQuestion, texts.publicAnswer], 'Q&A');
    await screenshot(page, 'hostile-portal-qa');
    await page.close();
  });

  it('shows the reply as text on the tracking page, and a hostile code as text too', async () => {
    const { page, dialogs } = await watchedPage();
    await page.goto(`${server.url}/track?code=${encodeURIComponent(consultationCode)}`);
    await expectInert(page, dialogs, [texts.reply], 'track page');
    await page.goto(`${server.url}/track?code=${encodeURIComponent(askedCode)}`);
    await expectInert(page, dialogs, [askedCode], 'track page of the asked question');
    await page.goto(`${server.url}/track?code=${encodeURIComponent('"><script>window.__x=1</script>')}`);
    await expectInert(page, dialogs, [], 'track page with a hostile code');
    await page.close();
  });
});

describe('stored script payloads in the console', () => {
  /** Signs in on the console login screen, as a person does, on a phone in a browser of its own. */
  async function consoleAs(username: string, role: string) {
    const own = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await own.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}/console/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(role).first().waitFor();
    return { page, dialogs, close: () => own.close() };
  }

  it('shows a citizen’s question as text in the responder’s inbox', async () => {
    // Staff see the case by its reference, never by the citizen's tracking code.
    const responder = await signIn('heating-responder');
    const cases = (await responder.call('GET', `/cases?limit=500`)) as {
      items: { reference: string; question: string }[];
    };
    const reference = cases.items.find((c) => c.question === texts.asked)!.reference;
    const { page, dialogs, close } = await consoleAs('heating-responder', '承办人');
    await page.getByRole('link', { name: '办件' }).click();
    // On a phone the inbox is cards: the case is found by its reference and opened on its page.
    const search = page.getByRole('searchbox', { name: '按办件编号或文字搜索' });
    await search.fill(reference);
    await search.press('Enter');
    await page.getByRole('button', { name: `查看办件 ${reference}` }).click();
    await page.getByRole('dialog').getByText(texts.asked).first().waitFor();
    await expectInert(page, dialogs, [texts.asked], 'console inbox');
    await screenshot(page, 'hostile-console-inbox');
    await close();
  });

  it('shows disclosures and records as text on the unit admin’s screen', async () => {
    const { page, dialogs, close } = await consoleAs('heating-admin', '单位管理员');
    await page.getByRole('link', { name: '本单位' }).click();
    await page.getByRole('tab', { name: '公开事项' }).click();
    await page.getByText(texts.disclosureTitle).first().waitFor();
    await expectInert(page, dialogs, [texts.disclosureTitle], 'console disclosures');
    // On a phone the six tabs overflow AntD's tab bar and the records tab sits under its edge: the
    // tab is opened by its address (#records), as a link to it would.
    await page.evaluate("window.location.hash = 'records'");
    await page.getByRole('tab', { name: '登记记录', selected: true }).waitFor();
    await page.getByText(texts.question).first().waitFor();
    await expectInert(page, dialogs, [texts.question], 'console records');
    await close();
  });
});

describe('the API documentation under its Content-Security-Policy', () => {
  it('renders with its own scripts only, and nothing is refused by the policy', async () => {
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto(`${server.url}/api/docs/`);
    expect(response!.headers()['content-security-policy']).not.toContain("'unsafe-inline'; script");
    // Polled from outside: the page's policy rightly refuses a function evaluated in it.
    let text = '';
    for (let i = 0; i < 100 && !(text.includes('OpenDay API') && text.includes('/healthz')); i++) {
      await page.waitForTimeout(200);
      text = (await page.evaluate('document.body.innerText')) as string;
    }
    expect(text).toContain('OpenDay API');
    expect(text).toContain('/healthz');
    expect(refused).toEqual([]);
    await page.close();
  });
});
