import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { startWorker, type Worker } from '../../platform/jobs/worker.ts';
import { loadDemo } from '../demo/service.ts';
import type { CampaignStatistics } from '../statistics/schema.ts';
import { generateCollectionJob } from './collection-job.ts';
import { actorFor } from '../users/acting-user.ts';
import { listSummaryHtmlPhotos } from '../summaries/read.ts';
import { getSummaryFile } from './service.ts';

/**
 * The collection of summaries (总结汇编) of the demo campaign, made by the job queue as an
 * organizer asks through the API, read back as a person would: pdftotext over the PDF, the DOCX
 * unzipped. Also: the photos a unit chose in its own summary.
 */
let t: TestApp;
let worker: Worker;
let campaignId: string;
let organizer: Client;
let districtOrganizer: Client;
let heatingAdmin: Client;
let justiceAdmin: Client;
const units: Record<'heating' | 'justice', string> = { heating: '', justice: '' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-collection-'));

const TITLES = {
  heating: '葫芦岛市供热办公室关于2026年“5·15”政务公开日活动的总结',
  justice: '南芬区司法局关于2026年“5·15”政务公开日活动的总结',
};

const has = (command: string, flag = '-v') => {
  try {
    execFileSync(command, [flag], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};
const hasPoppler = has('pdftotext');

function zipEntries(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer>();
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** The text of every <w:t>, paragraphs on lines of their own. */
const wordText = (xml: string) =>
  xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

const write = (client: Client, method: 'POST' | 'PUT', url: string, payload?: object, key?: string) =>
  client.request({
    method,
    url,
    ...(payload && { payload }),
    headers: key ? { 'idempotency-key': key } : {},
  });

/** Each approved summary's section 六, written by the unit in each language. */
const NEXT_STEPS = {
  'zh-CN': '一是巩固活动成果。\n二是逐件回访转办件。',
  'en-US': 'First, keep up what the open day achieved.\nSecond, call back on every transferred case.',
};

async function approve(client: Client, unitId: string) {
  const base = `/api/v1/summaries/campaigns/${campaignId}/units/${unitId}/summary`;
  expect((await write(client, 'POST', `${base}/generate`)).statusCode).toBe(200);
  for (const [language, nextSteps] of Object.entries(NEXT_STEPS)) {
    const own = await write(client, 'PUT', `${base}/own-text`, { language, nextSteps });
    expect(own.statusCode, own.body).toBe(200);
  }
  expect((await write(client, 'POST', `${base}/submit`)).statusCode).toBe(200);
  const approved = await write(organizer, 'POST', `${base}/approve`, {});
  expect(approved.statusCode, approved.body).toBe(200);
}

function multipart(content: Buffer, contentType: string) {
  const boundary = `----openday${Math.random().toString(16).slice(2)}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function uploadPhoto(options: { type: 'jpeg' | 'webp'; caption?: string; inSummary: boolean }) {
  const image = sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 30, b: 30 } } });
  const content = await (options.type === 'jpeg' ? image.jpeg() : image.webp()).toBuffer();
  const body = multipart(content, `image/${options.type}`);
  const query = new URLSearchParams({
    campaignId,
    unitId: units.heating,
    kind: 'banner',
    inSummary: String(options.inSummary),
    ...(options.caption && { caption: options.caption }),
  });
  const response = await heatingAdmin.request({
    method: 'POST',
    url: `/api/v1/photos?${query.toString()}`,
    payload: body.payload,
    headers: body.headers,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

async function waitFor(id: string, client = organizer) {
  for (let i = 0; i < 600; i++) {
    const response = await client.request({ method: 'GET', url: `/api/v1/collections/${id}` });
    expect(response.statusCode, response.body).toBe(200);
    const collection = response.json();
    if (collection.state === 'completed' || collection.state === 'failed') return collection;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the collection did not finish');
}

async function makeCollection(format: 'docx' | 'pdf', lang = 'zh-CN', key?: string) {
  const started = await write(organizer, 'POST', `/api/v1/campaigns/${campaignId}/collections`, { format, lang }, key);
  expect(started.statusCode, started.body).toBe(202);
  expect(started.headers.location).toBe(`/api/v1/collections/${started.json().id}`);
  return started;
}

let statistics: CampaignStatistics;

beforeAll(async () => {
  t = await createTestApp();
  const loaded = (await loadDemo(t.db))!;
  campaignId = loaded.campaignId;
  const password = (username: string) => loaded.accounts.find((a) => a.username === username)!.password;
  organizer = await login(t.app, 'organizer', password('organizer'));
  districtOrganizer = await login(t.app, 'district-organizer', password('district-organizer'));
  heatingAdmin = await login(t.app, 'heating-admin', password('heating-admin'));
  justiceAdmin = await login(t.app, 'justice-admin', password('justice-admin'));
  for (const [key, name] of [
    ['heating', '葫芦岛市供热办公室'],
    ['justice', '南芬区司法局'],
  ] as const) {
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [name]);
    units[key] = rows[0]!.id;
  }
  await uploadPhoto({ type: 'jpeg', caption: '单位门前悬挂的横幅', inSummary: true });
  await uploadPhoto({ type: 'webp', inSummary: true });
  await uploadPhoto({ type: 'jpeg', caption: '未选用的照片', inSummary: false });
  await approve(heatingAdmin, units.heating);
  await approve(justiceAdmin, units.justice);
  statistics = (await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/statistics` })).json();
  worker = startWorker({ db: t.db, log: t.app.log, jobs: [generateCollectionJob], pollIntervalMs: 50 });
});

afterAll(async () => {
  await worker?.stop();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the photos a unit chose, in its own summary', () => {
  const summaryUrl = (format: string) =>
    `/api/v1/summaries/campaigns/${campaignId}/units/${units.heating}/summary.${format}`;

  it('are embedded in the DOCX after section 六, within the text width, with captions and alt text', async () => {
    const response = await heatingAdmin.request({ method: 'GET', url: summaryUrl('docx') });
    expect(response.statusCode).toBe(200);
    const entries = await zipEntries(response.rawPayload);
    const xml = entries.get('word/document.xml')!.toString('utf8');
    const text = wordText(xml);
    expect(text.indexOf('活动照片')).toBeGreaterThan(text.indexOf('六、'));
    expect(text).toContain('图1 单位门前悬挂的横幅');
    expect(text).toContain('图2');
    expect(text).not.toContain('未选用的照片');
    expect(xml).toContain('descr="横幅：单位门前悬挂的横幅"');
    const widths = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    for (const cx of widths) expect(cx).toBeLessThanOrEqual(156 * 36_000);
    // The JPEG stays a JPEG; the WebP is embedded as PNG, which Word reads.
    expect([...entries.keys()].filter((k) => k.startsWith('word/media/')).sort()).toEqual([
      'word/media/image1.jpeg',
      'word/media/image2.png',
    ]);
    const rels = entries.get('word/_rels/document.xml.rels')!.toString('utf8');
    expect(rels).toContain('Target="media/image2.png"');
    expect((await sharp(entries.get('word/media/image2.png')!).metadata()).format).toBe('png');
  });

  it.skipIf(!hasPoppler)('are embedded in the PDF with their captions', async () => {
    const response = await heatingAdmin.request({ method: 'GET', url: summaryUrl('pdf') });
    expect(response.statusCode).toBe(200);
    const file = path.join(dir, 'heating.pdf');
    fs.writeFileSync(file, response.rawPayload);
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text.indexOf('活动照片')).toBeGreaterThan(text.indexOf('六、下一步工作'));
    expect(text.slice(text.indexOf('活动照片'))).toContain('图1单位门前悬挂的横幅');
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(2);
  });

  it('are in the HTML as images with their alt text and captions, after section 六', async () => {
    const file = await getSummaryFile({
      db: t.db,
      actor: await actorFor(t.db, 'heating-admin'),
      campaignId,
      unitId: units.heating,
      language: 'zh-CN',
      format: 'html',
    });
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    const html = Buffer.concat(chunks).toString('utf8');
    const photos = html.indexOf('data-section="photos"');
    expect(photos).toBeGreaterThan(html.indexOf('data-section="nextSteps"'));
    expect(html).toMatch(
      /<img src="data:image\/jpeg;base64,[^"]+" alt="横幅：单位门前悬挂的横幅" width="1200" height="800"/,
    );
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="葫芦岛市供热办公室横幅"/);
    expect(html).toContain('<figcaption>图1 单位门前悬挂的横幅</figcaption>');
    // The API's HTML page links the images, which the reader's session then reads.
    const linked = await listSummaryHtmlPhotos(t.db, campaignId, units.heating, '葫芦岛市供热办公室', 'zh-CN');
    expect(linked.map((p) => p.alt)).toEqual(['横幅：单位门前悬挂的横幅', '葫芦岛市供热办公室横幅']);
    for (const photo of linked) {
      expect(photo.src).toMatch(/^\/api\/v1\/photos\/[0-9a-f-]+\/image$/);
      expect((await heatingAdmin.request({ method: 'GET', url: photo.src })).statusCode).toBe(200);
    }
  });
});

describe('the collection of summaries (总结汇编)', { timeout: 10 * 60_000 }, () => {
  it.skipIf(!hasPoppler)(
    'as PDF: cover, contents with page numbers, the statistical table, every approved summary, the annex',
    async () => {
      const started = await makeCollection('pdf', 'zh-CN', 'collection-pdf-1');
      const replay = await makeCollection('pdf', 'zh-CN', 'collection-pdf-1');
      expect(replay.json().id).toBe(started.json().id);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(started.json()).toMatchObject({ state: 'queued', format: 'pdf', lang: 'zh-CN', fileUrl: null });

      const done = await waitFor(started.json().id);
      expect(done.state, done.error).toBe('completed');
      expect(done.progress).toEqual({ done: 2, total: 2 });
      expect(done.fileUrl).toBe(`/api/v1/collections/${done.id}/file`);

      const response = await organizer.request({ method: 'GET', url: done.fileUrl });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('demo-总结汇编.pdf')}`,
      );
      expect(response.rawPayload.length).toBe(done.bytes);
      const file = path.join(dir, 'collection.pdf');
      fs.writeFileSync(file, response.rawPayload);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(new RegExp(`Pages:\\s+${done.pages}\\b`));

      const pages = pdfText(file).split('\f');
      const flat = (page: string | undefined) => (page ?? '').replace(/\s+/g, '');
      // The cover: the campaign, the collection, the year and the coordinating office.
      expect(flat(pages[0])).toContain('总结汇编');
      expect(flat(pages[0])).toContain('2026年');
      expect(flat(pages[0])).toContain('演示省政务公开办');
      expect(flat(pages[0])).not.toMatch(/—\d+—/);
      expect(flat(pages[1])).toContain('—2—');
      // The contents, right after the cover: each entry with the page it points to.
      expect(flat(pages[1])).toContain('目录');
      const pageOf = (name: string) => {
        const match = flat(pages[1]).match(new RegExp(`${name}(\\d+)`));
        expect(match, name).not.toBeNull();
        return Number(match![1]);
      };
      const tablePage = pageOf('统计汇总表');
      const heatingPage = pageOf('葫芦岛市供热办公室');
      const justicePage = pageOf('南芬区司法局');
      // Each page number in the contents is the page where that part starts ("— n —" on it).
      expect(flat(pages[tablePage - 1])).toContain('统计汇总表');
      expect(flat(pages[heatingPage - 1])).toContain(TITLES.heating);
      expect(flat(pages[justicePage - 1])).toContain(TITLES.justice);
      expect(flat(pages[heatingPage - 1])).toContain(`—${heatingPage}—`);
      // The statistical table with its total of people received.
      const table = flat(pages.slice(tablePage - 1, heatingPage - 1).join(''));
      expect(table).toContain('合计');
      expect(table).toContain(String(statistics.totals.peopleReceived));
      // The summaries follow the region order of the statistical table.
      expect(justicePage < heatingPage).toBe(table.indexOf('南芬区司法局') < table.indexOf('葫芦岛市供热办公室'));
      // The annex names the units without an approved summary.
      const annex = flat(pages.slice(-3).join(''));
      expect(annex).toContain('未提交或未审核的单位');
      const { rows } = await t.db.query<{ name: string }>(
        `SELECT u.name FROM campaign_units cu JOIN units u ON u.id = cu.unit_id
          WHERE cu.campaign_id = $1 AND u.id <> ALL($2::uuid[])`,
        [campaignId, [units.heating, units.justice]],
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const { name } of rows) expect(annex).toContain(name);
      // Bookmarks (the PDF outline) for the contents, the table, each summary and the annex.
      const raw = response.rawPayload.toString('latin1');
      expect(raw).toMatch(/\/Outlines \d+ 0 R/);
      expect(raw.match(/\/Parent \d+ 0 R/g)!.length).toBeGreaterThanOrEqual(5);
    },
  );

  it('as DOCX: a real TOC field with the ordered entries, the table, every title; the job reaches its total', async () => {
    const started = await makeCollection('docx');
    const done = await waitFor(started.json().id);
    expect(done.state, done.error).toBe('completed');
    expect(done.progress).toEqual({ done: 2, total: 2 });
    expect(done.pages).toBeNull();
    const response = await organizer.request({ method: 'GET', url: done.fileUrl });
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('demo-总结汇编.docx'));
    const entries = await zipEntries(response.rawPayload);
    const xml = entries.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('TOC \\o &quot;1-1&quot; \\h \\z \\u');
    expect(xml).toContain('PAGEREF _TocUnit1 \\h');
    const text = wordText(xml);
    const contents = text.indexOf('目　录');
    const heatingEntry = text.indexOf('葫芦岛市供热办公室', contents);
    const justiceEntry = text.indexOf('南芬区司法局', contents);
    expect(contents).toBeGreaterThan(text.indexOf('总结汇编'));
    expect(Math.min(heatingEntry, justiceEntry)).toBeGreaterThan(contents);
    for (const title of Object.values(TITLES)) expect(text).toContain(title);
    // Each summary starts on a page of its own, at a bookmark the contents point to.
    expect(xml).toMatch(/<w:pageBreakBefore\/>[^]*?<w:bookmarkStart w:id="\d+" w:name="_TocUnit2"\/>/);
    expect(text).toContain('统计汇总表');
    expect(text).toContain(String(statistics.totals.peopleReceived));
    expect(text).toContain('未提交或未审核的单位');
    // The statistical table on a landscape page; the summaries on the GB/T 9704 page.
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    // The chosen photos of the Heating Office (and the statistical charts, when they can be drawn).
    expect([...entries.keys()].filter((k) => k.startsWith('word/media/')).length).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(!has('soffice', '--version') || !hasPoppler)(
    'as DOCX opens in LibreOffice: the cover, then the contents in order, then the table and each summary',
    async () => {
      const started = await makeCollection('docx');
      const done = await waitFor(started.json().id);
      const response = await organizer.request({ method: 'GET', url: done.fileUrl });
      const file = path.join(dir, 'collection.docx');
      fs.writeFileSync(file, response.rawPayload);
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
        { stdio: 'ignore', timeout: 10 * 60_000 },
      );
      const pdf = path.join(dir, 'collection.pdf');
      expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts/);
      const pages = pdfText(pdf)
        .split('\f')
        .map((p) => p.replace(/\s+/g, ''));
      expect(pages[0]).toContain('总结汇编');
      expect(pages[1]).toContain('目录');
      // The TOC field's entries as written, in order, each with the page where LibreOffice put that
      // part (Word refills them when it updates the field; LibreOffice and WPS show them as written).
      const contents = [
        ['统计汇总表', '统计汇总表'],
        ['南芬区司法局', TITLES.justice],
        ['葫芦岛市供热办公室', TITLES.heating],
        ['附件：未提交或未审核的单位', '附件：未提交或未审核的单位'],
      ] as const;
      let previous = 0;
      for (const [entry, heading] of contents) {
        const match = new RegExp(`${entry}[.·…]*(\\d+)`).exec(pages[1]!);
        expect(match, `${entry} in ${pages[1]}`).not.toBeNull();
        expect(match!.index).toBeGreaterThan(previous);
        previous = match!.index;
        const shown = Number(match![1]);
        const laidOut = pages.findIndex((page, i) => i >= 2 && page.includes(heading)) + 1;
        expect(shown, entry).toBe(laidOut);
      }
      const rest = pages.slice(2).join('');
      for (const title of Object.values(TITLES)) expect(rest).toContain(title);
      expect(rest).toContain(String(statistics.totals.peopleReceived));
    },
  );

  it('in English', async () => {
    const done = await waitFor((await makeCollection('docx', 'en-US')).json().id);
    expect(done.state, done.error).toBe('completed');
    const entries = await zipEntries((await organizer.request({ method: 'GET', url: done.fileUrl })).rawPayload);
    const text = wordText(entries.get('word/document.xml')!.toString('utf8'));
    expect(text).toContain('Collection of summaries');
    expect(text).toContain('Contents');
    expect(text).toContain('Municipal Heating Office');
    expect(text).toContain('Annex: units whose summary was not submitted or not approved');
    // Each summary in its own language: the unit's English next steps, not its Chinese ones.
    expect(text).toContain('First, keep up what the open day achieved.');
    expect(text).not.toContain('一是巩固活动成果');
  });

  it('fails visibly, naming the unit, when a summary cannot be written', async () => {
    const { rows } = await t.db.query<{ document: unknown }>(
      `SELECT v.document FROM unit_summary_versions v JOIN unit_summaries s
          ON s.campaign_id = v.campaign_id AND s.unit_id = v.unit_id AND s.current_version = v.version
        WHERE s.campaign_id = $1 AND s.unit_id = $2`,
      [campaignId, units.justice],
    );
    const kept = rows[0]!.document;
    const broken = { ...(kept as object), 'zh-CN': { title: 'x', opening: { runs: [] }, sections: [{ key: 'one' }] } };
    const set = (document: unknown) =>
      t.db.query(
        `UPDATE unit_summary_versions v SET document = $3 FROM unit_summaries s
          WHERE s.campaign_id = v.campaign_id AND s.unit_id = v.unit_id AND s.current_version = v.version
            AND s.campaign_id = $1 AND s.unit_id = $2`,
        [campaignId, units.justice, JSON.stringify(document)],
      );
    await set(broken);
    try {
      for (const format of ['pdf', 'docx'] as const) {
        const started = await makeCollection(format);
        const failed = await waitFor(started.json().id);
        expect(failed.state).toBe('failed');
        expect(failed.error).toContain('南芬区司法局');
        expect(failed.fileUrl).toBeNull();
        const job = await t.db.query<{ state: string; last_error: string }>(
          `SELECT j.state, j.last_error FROM jobs j JOIN summary_collections c ON c.job_id = j.id WHERE c.id = $1`,
          [failed.id],
        );
        expect(job.rows[0]).toMatchObject({ state: 'failed' });
        expect(job.rows[0]!.last_error).toContain('南芬区司法局');
        const file = await organizer.request({ method: 'GET', url: `/api/v1/collections/${failed.id}/file` });
        expect(file.statusCode).toBe(409);
        const parts = await t.db.query('SELECT 1 FROM summary_collection_parts WHERE collection_id = $1', [failed.id]);
        expect(parts.rows).toEqual([]);
      }
    } finally {
      await set(kept);
    }
  });

  it('appears on the portal only once published, and is downloaded there without signing in', async () => {
    const done = await waitFor((await makeCollection('pdf')).json().id);
    expect(done.state).toBe('completed');
    const portal = () => t.app.inject({ method: 'GET', url: '/c/demo' });
    const before = await portal();
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain(`/c/demo/collections/${done.id}`);
    expect((await t.app.inject({ method: 'GET', url: `/c/demo/collections/${done.id}` })).statusCode).toBe(404);

    const published = await write(organizer, 'POST', `/api/v1/collections/${done.id}/publish`, undefined, 'publish-1');
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().publishedAt).not.toBeNull();
    expect(published.json().portalUrl).toBe(`/c/demo/collections/${done.id}`);

    const after = await portal();
    expect(after.body).toContain(`href="/c/demo/collections/${done.id}"`);
    expect(after.body).toContain('总结汇编');
    const english = await t.app.inject({ method: 'GET', url: '/c/demo?lang=en-US' });
    expect(english.body).toContain('Collection of summaries');
    const download = await t.app.inject({ method: 'GET', url: `/c/demo/collections/${done.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'summary_collection' AND entity_id = $1 ORDER BY occurred_at, id`,
      [done.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'publish']);
  });

  it('is made, read and published only by organizers of the campaign', async () => {
    const url = `/api/v1/campaigns/${campaignId}/collections`;
    const byAdmin = await write(heatingAdmin, 'POST', url, { format: 'pdf' });
    expect(byAdmin.statusCode).toBe(403);
    const byDistrict = await write(districtOrganizer, 'POST', url, { format: 'pdf' });
    expect(byDistrict.statusCode).toBe(403);
    const bad = await write(organizer, 'POST', url, { format: 'odt' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toContain('format');
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM summary_collections LIMIT 1');
    const id = rows[0]!.id;
    for (const client of [heatingAdmin, districtOrganizer]) {
      expect((await client.request({ method: 'GET', url: `/api/v1/collections/${id}` })).statusCode).toBe(404);
      expect((await client.request({ method: 'GET', url: `/api/v1/collections/${id}/file` })).statusCode).toBe(404);
    }
    expect((await write(heatingAdmin, 'POST', `/api/v1/collections/${id}/publish`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/collections/${id}` })).statusCode).toBe(401);
    const list = await organizer.request({ method: 'GET', url });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
  });

  it('is described in the OpenAPI document', async () => {
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(openapi.paths['/api/v1/campaigns/{id}/collections'].post.responses['202']).toBeDefined();
    expect(openapi.paths['/api/v1/collections/{id}'].get.responses['200']).toBeDefined();
    expect(openapi.paths['/api/v1/collections/{id}/file'].get).toBeDefined();
    expect(openapi.paths['/api/v1/collections/{id}/publish'].post).toBeDefined();
  });
});
