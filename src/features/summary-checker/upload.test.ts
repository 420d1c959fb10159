import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { DEMO_UNITS } from '../demo/data.ts';
import { loadDemo } from '../demo/service.ts';
import type { Finding } from './check.ts';
import { MAX_SUMMARY_BYTES, readSummaryFile } from './read-docx.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'reference');

let t: TestApp;
let organizer: Client;
let campaignId: string;
let xinxingId: string;
let heatingId: string;

beforeAll(async () => {
  t = await createTestApp();
  const loaded = await loadDemo(t.db);
  campaignId = loaded!.campaignId;
  organizer = await login(t.app, 'organizer', loaded!.accounts.find((a) => a.username === 'organizer')!.password);
  const unit = async (key: string) => {
    const name = DEMO_UNITS.find((u) => u.key === key)!.name;
    return (await t.db.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [name])).rows[0]!.id;
  };
  xinxingId = await unit('xinxing');
  heatingId = await unit('heating');
});
afterAll(() => t?.close());

interface Part {
  name: string;
  value: string | Buffer;
  fileName?: string;
  contentType?: string;
}

/** A multipart/form-data body, as a browser's form sends it. */
function multipartBody(parts: Part[]) {
  const boundary = `----openday${Math.random().toString(16).slice(2)}`;
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"` : ''}\r\n` +
        (p.fileName ? `Content-Type: ${p.contentType ?? 'application/octet-stream'}\r\n` : '') +
        '\r\n',
    ),
    typeof p.value === 'string' ? Buffer.from(p.value) : p.value,
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function check(file: Buffer, fileName: string, contentType = DOCX_TYPE, unitId = xinxingId, client = organizer) {
  // The file first, the fields after it: parts come in any order.
  const body = multipartBody([
    { name: 'file', value: file, fileName, contentType },
    { name: 'campaignId', value: campaignId },
    { name: 'unitId', value: unitId },
  ]);
  return client.request({ method: 'POST', url: '/api/v1/summary-checks', ...body });
}

/** The Xinxing Street summary of the reference collection as Word writes it: one paragraph a line. */
async function xinxingDocx(): Promise<Buffer> {
  const lines = fs.readFileSync(path.join(FIXTURES, '08-xinxing.txt'), 'utf8').split('\n');
  const document = new Document({
    sections: [
      {
        children: lines.map(
          (line, i) => new Paragraph({ children: [new TextRun({ text: line, bold: i === 0, font: '仿宋_GB2312' })] }),
        ),
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe('a summary uploaded as a file', () => {
  it('checks a DOCX made by Word (the docx package) and flags the reference flaws: brochures100, 100% without a count', async () => {
    const docx = await xinxingDocx();
    const response = await check(docx, '新兴街道总结.docx');
    expect(response.statusCode, response.body).toBe(200);
    const findings: Finding[] = response.json().findings;
    const malformed = findings.find((f) => f.kind === 'malformed_number' && f.text.includes('brochures100'))!;
    expect(malformed).toBeDefined();
    expect(findings.some((f) => f.kind === 'rate_without_count' && f.text.includes('100%'))).toBe(true);
    expect(findings.some((f) => f.kind === 'placeholder' && f.text.includes('* * *'))).toBe(true);
    // The place in the text is the place in the document's paragraphs: line 7 is the seventh paragraph.
    const text = await readSummaryFile(docx);
    expect(text.split('\n')[malformed.line - 1]!.slice(malformed.column - 1)).toMatch(/^brochures100/);

    // The same findings as the text sent as JSON.
    const asJson = await organizer.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      payload: { campaignId, unitId: xinxingId, text },
    });
    expect(asJson.json().findings).toEqual(findings);
  });

  it('checks plain text in UTF-8 and in GB18030, and finds a contradiction with the records', async () => {
    const text = '三、现场服务：共接待群众300人，悬挂横幅3条。';
    const utf8 = await check(Buffer.from(`\uFEFF${text}`), 'summary.txt', 'text/plain', heatingId);
    expect(utf8.statusCode, utf8.body).toBe(200);
    const contradiction = utf8.json().findings.find((f: Finding) => f.kind === 'contradiction');
    expect(contradiction).toMatchObject({ figure: 'peopleReceived', written: '300', recorded: 264 });
    // GB18030 as Windows Notepad saves "ANSI" text on a Chinese system.
    const gb = Buffer.from([
      0xc8, 0xfd, 0xa1, 0xa2, 0xcf, 0xd6, 0xb3, 0xa1, 0xb7, 0xfe, 0xce, 0xf1, 0xa3, 0xba, 0xb9, 0xb2, 0xbd, 0xd3, 0xb4,
      0xfd, 0xc8, 0xba, 0xd6, 0xda, 0x33, 0x30, 0x30, 0xc8, 0xcb, 0xa1, 0xa3,
    ]);
    expect(new TextDecoder('gb18030').decode(gb)).toBe('三、现场服务：共接待群众300人。');
    const gbResponse = await check(gb, 'summary.txt', 'text/plain', heatingId);
    expect(gbResponse.statusCode, gbResponse.body).toBe(200);
    expect(gbResponse.json().findings.find((f: Finding) => f.kind === 'contradiction')).toMatchObject({
      written: '300',
      recorded: 264,
    });
  });

  it('refuses other kinds of file with 415, whatever type the client claims', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<<>>\nendobj\n\u0000\u0001', 'latin1');
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const xlsxLike = await (async () => {
      const { default: yazl } = await import('yazl');
      const zip = new yazl.ZipFile();
      zip.addBuffer(Buffer.from('<workbook/>'), 'xl/workbook.xml');
      zip.end();
      const chunks: Buffer[] = [];
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    })();
    for (const [file, name] of [
      [pdf, 'summary.pdf'],
      [png, 'photo.png'],
      [doc, 'summary.doc'],
      [xlsxLike, 'summary.docx'],
    ] as const) {
      const response = await check(file, name);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(415);
      expect(response.json().error.details[0].field).toBe('file');
    }
    const docResponse = await check(doc, 'summary.doc');
    expect(docResponse.json().error.message).toContain('.docx');
  });

  it('refuses a file over the limit with 413, and a body that is neither JSON nor multipart with 415', async () => {
    const big = Buffer.alloc(MAX_SUMMARY_BYTES + 1, 'a');
    const response = await check(big, 'big.txt', 'text/plain');
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json().error.details[0]).toEqual({ field: 'file', reason: 'is larger than 20 MiB' });

    const plain = await organizer.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      headers: { 'content-type': 'text/plain' },
      payload: '共接待群众300人',
    });
    expect(plain.statusCode).toBe(415);
    const pdf = await organizer.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.7'),
    });
    expect(pdf.statusCode).toBe(415);
  });

  it('names a missing or malformed field and a missing file with 400', async () => {
    const noUnit = multipartBody([
      { name: 'campaignId', value: campaignId },
      { name: 'file', value: Buffer.from('text'), fileName: 'a.txt', contentType: 'text/plain' },
    ]);
    const missing = await organizer.request({ method: 'POST', url: '/api/v1/summary-checks', ...noUnit });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('unitId');

    const badId = multipartBody([
      { name: 'campaignId', value: 'not-a-uuid' },
      { name: 'unitId', value: heatingId },
      { name: 'file', value: Buffer.from('text'), fileName: 'a.txt', contentType: 'text/plain' },
    ]);
    const malformed = await organizer.request({ method: 'POST', url: '/api/v1/summary-checks', ...badId });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].field).toBe('campaignId');

    const noFile = multipartBody([
      { name: 'campaignId', value: campaignId },
      { name: 'unitId', value: heatingId },
    ]);
    const withoutFile = await organizer.request({ method: 'POST', url: '/api/v1/summary-checks', ...noFile });
    expect(withoutFile.statusCode).toBe(400);
    expect(withoutFile.json().error.details[0].field).toBe('file');
  });

  it('needs a signed-in reader of the unit', async () => {
    const body = multipartBody([
      { name: 'campaignId', value: campaignId },
      { name: 'unitId', value: heatingId },
      { name: 'file', value: Buffer.from('共接待群众264人'), fileName: 'a.txt', contentType: 'text/plain' },
    ]);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/summary-checks', ...body });
    expect(anonymous.statusCode).toBe(401);
  });
});
