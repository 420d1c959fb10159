import type { Paragraph, Run, SummaryDocument } from './document.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function renderRun(run: Run): string {
  if (run.kind !== 'figure') return escapeHtml(run.text);
  const cls = run.value === null ? 'figure unrecorded' : 'figure';
  const data = `data-key="${escapeHtml(run.key)}"`;
  return run.href
    ? `<a class="${cls}" ${data} href="${escapeHtml(run.href)}">${escapeHtml(run.text)}</a>`
    : `<span class="${cls}" ${data}>${escapeHtml(run.text)}</span>`;
}

const renderParagraph = (p: Paragraph) => `<p>${p.runs.map(renderRun).join('')}</p>`;

/** The summary as a page of its own; each figure links to the API list of the records behind it. */
export function renderSummaryHtml(document: SummaryDocument): string {
  const lang = document.language === 'zh-CN' ? 'zh-CN' : 'en';
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(document.title)}</title>`,
    '<style>body{max-width:42em;margin:2em auto;font-family:"FangSong","仿宋_GB2312",serif;line-height:1.8}',
    'h1{text-align:center;font-family:"方正小标宋简体","SimSun",serif}h2{font-family:"SimHei","黑体",sans-serif;font-size:1.1em}',
    'p{text-indent:2em}a.figure{color:inherit;text-decoration:underline dotted}.unrecorded{color:#a00}</style></head><body>',
    `<h1>${escapeHtml(document.title)}</h1>`,
    renderParagraph(document.opening),
    ...document.sections.map(
      (s) =>
        `<section data-section="${escapeHtml(s.key)}"><h2>${escapeHtml(s.heading)}</h2>${s.paragraphs.map(renderParagraph).join('')}</section>`,
    ),
    '</body></html>',
  ].join('\n');
}
