import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { escapeHtml, html } from './html.ts';
import { localeFromAcceptLanguage } from './i18n.ts';
import { ASK_PHONE_LIMIT } from '../public/routes.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: Client;
let responderA: Client;

let addresses = 0;
const nextAddress = () => `10.30.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;
const count = async (table: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const caseIdOf = async (trackingCode: string) =>
  (await t.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [trackingCode])).rows[0]!.id;

/** A browser without JavaScript: GET the form, keep its cookie, post the fields it holds. */
async function openForm(url: string) {
  const page = await t.app.inject({ method: 'GET', url });
  expect(page.statusCode).toBe(200);
  const cookie = page.cookies.find((c) => c.name === 'openday_portal_csrf')!;
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const key = /name="key" value="([^"]+)"/.exec(page.body)?.[1];
  return { page, cookie: `openday_portal_csrf=${cookie.value}`, token, key };
}

const post = (url: string, fields: Record<string, string>, cookie: string, remoteAddress = nextAddress()) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress,
  });

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  adminA = await login(t.app, world.users.adminA);
  responderA = await login(t.app, world.users.responderA);
});
afterAll(() => t?.close());

describe('templating', () => {
  it('escapes every interpolated value', () => {
    expect(html`<p title="${'"x"'}">${'<script>alert(1)</script>'}</p>`.value).toBe(
      '<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(escapeHtml("'&`")).toBe('&#39;&amp;&#96;');
    expect(html`${[html`<b>${'<i>'}</b>`, 1, null, false]}`.value).toBe('<b>&lt;i&gt;</b>1');
  });

  it('picks the language from Accept-Language', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en-US');
    expect(localeFromAcceptLanguage('fr, en;q=0.5, zh-TW;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('de')).toBe('zh-CN');
  });
});

describe('portal pages', () => {
  it('has an icon, so no page asks for a missing /favicon.ico', async () => {
    for (const url of ['/favicon.ico', '/favicon.svg']) {
      const icon = await t.app.inject({ url });
      expect(icon.statusCode, url).toBe(200);
      expect(icon.headers['content-type']).toContain('image/svg+xml');
    }
    expect((await t.app.inject({ url: '/' })).body).toContain('<link rel="icon" href="/favicon.svg"');
  });

  it('serves the home page in Chinese by default and English by Accept-Language or ?lang', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/' });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toMatch(/text\/html/);
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain(`/c/${world.campaign.slug}`);
    expect(zh.headers['content-security-policy']).toContain("script-src 'self'");
    expect(zh.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(zh.headers['x-content-type-options']).toBe('nosniff');
    expect(zh.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(zh.body).not.toMatch(/<script/i);

    const en = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.body).toContain('<html lang="en-US">');
    expect(en.body).toContain('Government Open Day');

    const chosen = await t.app.inject({ method: 'GET', url: '/?lang=en-US' });
    expect(chosen.body).toContain('<html lang="en-US">');
    const langCookie = chosen.cookies.find((c) => c.name === 'openday_lang')!;
    const remembered = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { cookie: `openday_lang=${langCookie.value}`, 'accept-language': 'zh-CN' },
    });
    expect(remembered.body).toContain('<html lang="en-US">');
  });

  it('serves the stylesheet with a content hash and a long cache', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)![1]!;
    expect(href).toMatch(/^\/assets\/portal-[0-9a-f]{12}\.css$/);
    const css = await t.app.inject({ method: 'GET', url: href });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.headers['content-type']).toMatch(/text\/css/);
  });

  it('shows the campaign with its units, sites, desks and calendar link', async () => {
    const plan = await adminA.request({
      method: 'PUT',
      url: `/api/v1/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`,
      payload: { leaderName: '张三' },
    });
    const site = await adminA.request({
      method: 'POST',
      url: `/api/v1/plans/${plan.json<{ id: string }>().id}/sites`,
      payload: {
        name: '市民广场',
        nameEn: 'the Citizens’ Square',
        address: '龙港区中央路1号',
        heldOn: '2026-05-15',
        opensAt: '09:00',
        closesAt: '11:30',
      },
    });
    expect(site.statusCode).toBe(201);
    await adminA.request({
      method: 'POST',
      url: `/api/v1/sites/${site.json<{ id: string }>().id}/desks`,
      payload: { name: '供热咨询台', nameEn: 'heating desk', topics: ['供暖', '热费'] },
    });
    const page = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('市民广场');
    expect(page.body).toContain('龙港区中央路1号');
    expect(page.body).toContain('供热咨询台');
    expect(page.body).toContain('09:00–11:30');
    expect(page.body).toContain(`/open-data/campaigns/${world.campaign.slug}/calendar.ics`);
    // The header says who speaks here: the office that issued the campaign's notice.
    expect(page.body).toMatch(/<p class="site-office" lang="zh-CN">[^<]+<\/p>/);
    // In English: the site and the desk by their English names, standing as headings and items.
    const english = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}?lang=en-US` });
    expect(english.body).toContain('<h3>Citizens’ Square</h3>');
    expect(english.body).toContain('Heating desk');
    expect(english.body).not.toContain('市民广场');
    expect(page.body).toContain(`/c/${world.campaign.slug}/units/${world.unitB.id}`);
    // The test campaign ran in May 2026: the page says it has ended.
    expect(page.body).toContain('本次活动已于2026年5月31日结束');
    // One date format per language: 2026年5月31日, 31 May 2026.
    expect(english.body).toContain('31 May 2026');
    expect(english.body).not.toMatch(/May 31, 2026/);
    expect((await t.app.inject({ method: 'GET', url: '/c/no-such-campaign' })).statusCode).toBe(404);
  });

  it("shows the day in figures, the campaign's totals as the records count them, and the notice", async () => {
    const empty = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}` });
    expect(empty.body).toContain('活动实况');
    await t.db.query('UPDATE campaigns SET notice = $2 WHERE id = $1', [
      world.campaign.id,
      '各参与单位：\n请于5月10日前报送活动方案。',
    ]);
    for (const [unitId, question] of [
      [world.unitA.id, '暖气什么时候来？'],
      [world.unitB.id, '法律援助怎么申请？'],
    ] as const) {
      const client = unitId === world.unitA.id ? adminA : await login(t.app, world.users.adminB);
      const recorded = await client.request({
        method: 'POST',
        url: '/api/v1/consultations',
        payload: { campaignId: world.campaign.id, unitId, question, outcome: 'answered_on_spot' },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
    }
    const { rows } = await t.db.query<{ people: number; questions: number; on_spot: number }>(
      `SELECT count(DISTINCT visit_id)::int AS people, count(question)::int AS questions,
         count(*) FILTER (WHERE outcome = 'answered_on_spot')::int AS on_spot
       FROM consultations WHERE campaign_id = $1`,
      [world.campaign.id],
    );
    const page = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}` });
    const textOf = (body: string) => body.replace(/<[^>]+>/g, '').replace(/\s+/g, '');
    const text = textOf(page.body);
    expect(text).toContain(`接待群众${rows[0]!.people}人次`);
    expect(text).toContain(`咨询问题${rows[0]!.questions}个`);
    expect(text).toContain(`当场答复${rows[0]!.on_spot}个`);
    // The notice is a document: its heading, the office that issued it, its full text.
    expect(page.body).toContain('<h2 id="notice-heading">活动通知</h2>');
    expect(page.body).toContain('<summary>通知全文</summary>');
    expect(page.body).toContain('请于5月10日前报送活动方案。');
    // Totals only: no question and no unit's own figure.
    expect(page.body).not.toContain('暖气什么时候来');
    const english = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}?lang=en-US` });
    expect(textOf(english.body)).toContain(`Peoplereceived${rows[0]!.people}`);
  });

  it("shows a unit's disclosures; another unit's id is not found", async () => {
    const created = await adminA.request({
      method: 'POST',
      url: '/api/v1/disclosures',
      payload: {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        kind: 'phone',
        title: '供热热线 <b>',
        body: '0429-12345',
      },
    });
    expect(created.statusCode).toBe(201);
    const page = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}/units/${world.unitA.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('供热热线 &lt;b&gt;');
    expect(page.body).toContain('0429-12345');
    const outsider = await t.app.inject({
      method: 'GET',
      url: `/c/${world.campaign.slug}/units/${world.provinceOffice.id}`,
    });
    expect(outsider.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}/units/not-a-uuid` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<html lang="zh-CN">');
  });
});

describe('asking, tracking and rating without JavaScript', () => {
  it('takes a question from the form once, even when sent twice, and answers with the code', async () => {
    const before = await count('cases');
    const form = await openForm(`/c/${world.campaign.slug}/ask?unit=${world.unitA.id}`);
    expect(form.page.body).toMatch(new RegExp(`value="unit:${world.unitA.id}"\\s+selected`));
    const fields = {
      _csrf: form.token,
      key: form.key!,
      kind: 'question',
      target: `unit:${world.unitA.id}`,
      text: '暖气不热怎么办？',
      contactName: '',
      contactPhone: '',
      contactEmail: '',
      website: '',
    };
    // Post/redirect/get: the answer is a page of its own, found again by the form's key.
    const first = await post(`/c/${world.campaign.slug}/ask`, fields, form.cookie);
    expect(first.statusCode).toBe(303);
    const answerUrl = first.headers.location as string;
    expect(answerUrl).toBe(`/c/${world.campaign.slug}/ask?asked=${encodeURIComponent(form.key!)}`);
    const answer = await t.app.inject({ method: 'GET', url: answerUrl });
    expect(answer.statusCode).toBe(200);
    const code = /id="tracking-code">([A-Z0-9-]+)</.exec(answer.body)![1]!;
    const again = await post(`/c/${world.campaign.slug}/ask`, fields, form.cookie);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(answerUrl);
    expect((await t.app.inject({ method: 'GET', url: answerUrl })).body).toContain(code);
    expect(await count('cases')).toBe(before + 1);
    // A key that answered nothing shows the form.
    const unanswered = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}/ask?asked=nothing-here` });
    expect(unanswered.statusCode).toBe(200);
    expect(unanswered.body).toContain('name="text"');

    const tracked = await t.app.inject({ method: 'GET', url: `/track?code=${code.toLowerCase()}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).toContain(code);
    expect(tracked.body).not.toContain('name="rating"');

    const caseId = await caseIdOf(code);
    expect(
      (
        await responderA.request({
          method: 'POST',
          url: `/api/v1/cases/${caseId}/reply`,
          payload: { reply: '已派人检修。' },
        })
      ).statusCode,
    ).toBe(200);
    const rateForm = await openForm(`/track?code=${code}`);
    expect(rateForm.page.body).toContain('已派人检修。');
    expect(rateForm.page.body).toContain('name="rating"');
    expect(rateForm.page.body).toContain('name="comment"');
    const rated = await post(
      '/track/rate',
      { _csrf: rateForm.token, code, rating: 'satisfied', comment: '  师傅当天就来了。 ' },
      rateForm.cookie,
    );
    expect(rated.statusCode).toBe(303);
    // The comment stays with the rating on the case's chain, where the unit reads it.
    const event = await t.db.query<{ reason: string | null; details: { rating: string } }>(
      "SELECT reason, details FROM case_events WHERE case_id = $1 AND kind = 'rated'",
      [caseId],
    );
    expect(event.rows).toEqual([{ reason: '师傅当天就来了。', details: { rating: 'satisfied' } }]);
    expect(rated.headers.location).toBe(`/track?code=${code}&rated=1`);
    const after = await t.app.inject({ method: 'GET', url: rated.headers.location as string });
    expect(after.body).toContain('满意');
    expect(after.body).not.toContain('name="rating"');
    const twice = await post('/track/rate', { _csrf: rateForm.token, code, rating: 'dissatisfied' }, rateForm.cookie);
    expect(twice.statusCode).toBe(409);
    const unknown = await t.app.inject({ method: 'GET', url: '/track?code=AAAA-BBBB-CCCC' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('没有找到这个查询码');
  });

  it('refuses a post without the form token, and stores nothing', async () => {
    const before = await count('cases');
    const form = await openForm(`/c/${world.campaign.slug}/ask`);
    const fields = { _csrf: form.token, kind: 'question', target: `unit:${world.unitA.id}`, text: '问题' };
    expect((await post(`/c/${world.campaign.slug}/ask`, fields, '')).statusCode).toBe(403);
    expect((await post(`/c/${world.campaign.slug}/ask`, { ...fields, _csrf: 'x.y' }, form.cookie)).statusCode).toBe(
      403,
    );
    const forged = 'abc.def';
    expect(
      (await post(`/c/${world.campaign.slug}/ask`, { ...fields, _csrf: forged }, `openday_portal_csrf=${forged}`))
        .statusCode,
    ).toBe(403);
    expect(await count('cases')).toBe(before);
  });

  it('gives the form back naming the field, with what was typed, and stores nothing', async () => {
    const before = await count('cases');
    const form = await openForm(`/c/${world.campaign.slug}/ask?lang=en-US`);
    const base = { _csrf: form.token, kind: 'question', target: `unit:${world.unitA.id}`, text: 'Heating is cold' };
    const badPhone = await post(`/c/${world.campaign.slug}/ask`, { ...base, contactPhone: 'call me' }, form.cookie);
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('href="#field-contactPhone"');
    expect(badPhone.body).toContain('Heating is cold');
    const noConsent = await post(
      `/c/${world.campaign.slug}/ask`,
      { ...base, contactPhone: '13800138000' },
      form.cookie,
    );
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.body).toContain('href="#field-contactConsent"');
    const blank = await post(`/c/${world.campaign.slug}/ask`, { ...base, text: '' }, form.cookie);
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('href="#field-text"');
    const noTarget = await post(`/c/${world.campaign.slug}/ask`, { ...base, target: '' }, form.cookie);
    expect(noTarget.statusCode).toBe(422);
    expect(noTarget.body).toContain('href="#field-target"');
    const outsider = await post(
      `/c/${world.campaign.slug}/ask`,
      { ...base, target: `unit:${world.provinceOffice.id}` },
      form.cookie,
    );
    expect(outsider.statusCode).toBe(422);
    const robot = await post(`/c/${world.campaign.slug}/ask`, { ...base, website: 'http://spam' }, form.cookie);
    expect(robot.statusCode).toBe(422);
    const extra = await post(`/c/${world.campaign.slug}/ask`, { ...base, admin: '1' }, form.cookie);
    expect(extra.statusCode).toBe(400);
    expect(await count('cases')).toBe(before);
  });

  it('takes many asks from one address, and holds back one phone asking again and again, like the public API', async () => {
    const form = await openForm(`/c/${world.campaign.slug}/ask`);
    const fields = { _csrf: form.token, kind: 'suggestion', target: `unit:${world.unitB.id}`, text: '建议多设咨询台' };
    const hotspot = '10.99.0.1';
    for (let i = 0; i < 20; i++) {
      const phone = `137${String(i).padStart(8, '0')}`;
      const sent = await post(
        `/c/${world.campaign.slug}/ask`,
        { ...fields, contactPhone: phone, contactConsent: 'on' },
        form.cookie,
        hotspot,
      );
      expect(sent.statusCode).toBe(201);
    }
    const statuses = [];
    for (let i = 0; i <= ASK_PHONE_LIMIT.max; i++) {
      const sent = await post(
        `/c/${world.campaign.slug}/ask`,
        { ...fields, contactPhone: '136 0000 1111', contactConsent: 'on' },
        form.cookie,
        hotspot,
      );
      statuses.push(sent.statusCode);
    }
    expect(statuses).toEqual([...Array.from({ length: ASK_PHONE_LIMIT.max }, () => 201), 429]);
  });
});

describe('public Q&A', () => {
  it('searches published answers and renders stored markup inert', async () => {
    const form = await openForm(`/c/${world.campaign.slug}/ask`);
    const asked = await post(
      `/c/${world.campaign.slug}/ask`,
      { _csrf: form.token, kind: 'question', target: `unit:${world.unitA.id}`, text: '<script>alert(1)</script>暖气' },
      form.cookie,
    );
    const code = /id="tracking-code">([A-Z0-9-]+)</.exec(asked.body)![1]!;
    const caseId = await caseIdOf(code);
    await responderA.request({ method: 'POST', url: `/api/v1/cases/${caseId}/reply`, payload: { reply: '已答复' } });
    const published = await adminA.request({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/publish`,
      payload: {
        publicQuestion: '<script>alert(1)</script>暖气问题',
        publicAnswer: '<img src=x onerror=alert(2)>答复',
      },
    });
    expect(published.statusCode).toBe(200);
    const page = await t.app.inject({
      method: 'GET',
      url: `/c/${world.campaign.slug}/qa?q=${encodeURIComponent('暖气')}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;暖气问题');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('<img src=x');
    const none = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}/qa?q=nothing-like-this&unit=` });
    expect(none.body).toContain('没有找到相关问答');
    const bad = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}/qa?unit=x` });
    expect(bad.statusCode).toBe(400);
  });
});
