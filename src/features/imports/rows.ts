import { ONLINE_MEDIA, type Channel, type Medium, type Outcome, type Rating } from '../../domain/vocabulary.ts';
import type { MaterialKind } from '../materials/schema.ts';
import type { PublicityKind } from '../publicity/schema.ts';
import {
  channels,
  COLUMNS,
  EXPORT_ONLY_HEADERS,
  materialKinds,
  media,
  normalizeHeader,
  outcomes,
  parseYesNo,
  publicityKinds,
  ratings,
  type Column,
  type ImportKind,
  type Vocabulary,
} from './columns.ts';
import type { SheetRow } from './read-file.ts';
import { FileRefusal, inBoth, type CellError, type FileProblem, type Reason } from './sniffed-file.ts';
import { messages } from '../../messages/index.ts';

export type { CellError } from './sniffed-file.ts';

/** Where each known column sits in the file, and its header as written there. */
export interface HeaderMap {
  kind: ImportKind;
  index: Map<string, number>;
  label: Map<string, string>;
}

type Cell = string | number | null;

/** Reads the header row: every column must be one of the form's (or one an export adds). */
export function mapHeader(kind: ImportKind, row: SheetRow): HeaderMap {
  const columns = COLUMNS[kind];
  const byName = new Map<string, Column>();
  for (const column of columns) {
    for (const name of [column.key, column.zh, column.en, ...(column.also ?? [])])
      byName.set(normalizeHeader(name), column);
  }
  const ignored = new Set(
    EXPORT_ONLY_HEADERS[kind].flatMap((h) => [h.key, h.zh, h.en]).map((name) => normalizeHeader(name)),
  );
  const index = new Map<string, number>();
  const label = new Map<string, string>();
  const problems: FileProblem[] = [];
  row.cells.forEach((cell, i) => {
    const text = cell === null ? '' : String(cell).trim();
    if (text === '') return;
    const column = byName.get(normalizeHeader(text));
    if (!column) {
      if (!ignored.has(normalizeHeader(text)))
        problems.push({
          field: `column ${text}`,
          column: text,
          ...inBoth((m) => m.imports.header.unknownColumn(m.imports.forms[kind])),
        });
      return;
    }
    if (index.has(column.key)) {
      problems.push({
        field: `column ${text}`,
        column: text,
        ...inBoth((m) => m.imports.header.repeatedColumn(label.get(column.key) ?? '')),
      });
      return;
    }
    index.set(column.key, i);
    label.set(column.key, text);
  });
  for (const column of columns) {
    if (column.required && !index.has(column.key))
      problems.push({
        field: `column ${column.zh}`,
        column: column.zh,
        ...inBoth((m) => m.imports.header.missingColumn(column.en)),
      });
  }
  if (problems.length) {
    throw new FileRefusal(
      'import_rejected',
      `The header row (row ${row.row}) does not match the ${messages('en-US').imports.forms[kind]} form`,
      row.row,
      problems,
    );
  }
  return { kind, index, label };
}

export function isBlank(row: SheetRow): boolean {
  return row.cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));
}

// Cells

const DAY_MS = 86_400_000;

function excelDate(serial: number, date1904: boolean): { date: string; minutes: number | null } | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
  const days = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
  const minutes = Math.round((serial - days) * 1440);
  return { date, minutes: minutes > 0 && minutes < 1440 ? minutes : null };
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (y < 1990 || y > 2100) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?(?:[:：](\d{1,2}))?)?$/;
const TIME_TEXT = /^(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?:[:：]\d{1,2}(?:\.\d+)?)?$/;
/**
 * Longer text is no day or time. The patterns above backtrack over runs of spaces (time quadratic
 * in the length), so a cell is measured before it is matched: a hostile cell costs nothing.
 */
const MAX_DATE_TEXT = 40;

let lastDate: { cell: string; result: ReturnType<typeof parseDate> } | undefined;

/** A day (and perhaps a time) from text such as 2026-05-15, 2026/5/15 9:30, 2026年5月15日, or an Excel serial. */
export function parseDate(cell: Cell, date1904 = false): { date: string; minutes: number | null } | undefined {
  if (typeof cell === 'number') return excelDate(cell, date1904);
  // The rows of a form mostly share their day.
  if (lastDate?.cell === cell) return lastDate.result;
  const result = parseDateText(cell);
  if (cell !== null) lastDate = { cell, result };
  return result;
}

function parseDateText(cell: string | null): { date: string; minutes: number | null } | undefined {
  if (cell !== null && cell.length > MAX_DATE_TEXT) return undefined;
  const match = DATE_TEXT.exec(cell ?? '');
  if (!match) return undefined;
  const date = validDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!date) return undefined;
  if (match[4] === undefined) return { date, minutes: null };
  const minutes = Number(match[4]) * 60 + Number(match[5]);
  return Number(match[4]) < 24 && Number(match[5]) < 60 ? { date, minutes } : undefined;
}

/** Minutes after midnight from 9:30, 09:30:00, 9时30分, or an Excel time fraction. */
export function parseTime(cell: Cell): number | undefined {
  if (typeof cell === 'number') {
    const fraction = cell - Math.floor(cell);
    return cell >= 0 ? Math.round(fraction * 1440) % 1440 : undefined;
  }
  if (cell !== null && cell.length > MAX_DATE_TEXT) return undefined;
  const match = TIME_TEXT.exec(cell ?? '');
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** China keeps one offset all year (no summer time), so a local day and time is +08:00. */
export function chinaInstant(date: string, minutes: number): string {
  return `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`;
}

function parseCount(cell: Cell, minimum: number): number | undefined {
  let n: number;
  if (typeof cell === 'number') n = cell;
  else {
    const text = (cell ?? '').replace(/[,，\s]/g, '').replace(/[份条块个张本幅册]$/, '');
    if (!/^\d{1,10}$/.test(text)) return undefined;
    n = Number(text);
  }
  return Number.isInteger(n) && n >= minimum && n <= 2_147_483_647 ? n : undefined;
}

const PHONE = /^[0-9+][0-9 ()-]{4,24}$/;
const HTTP_URL = /^https?:\/\/\S+$/;

/** Reads the cells of one row by column key, collecting what is wrong with them. */
class RowReader {
  readonly errors: CellError[] = [];
  readonly #row: SheetRow;
  readonly #header: HeaderMap;

  constructor(row: SheetRow, header: HeaderMap) {
    this.#row = row;
    this.#header = header;
  }

  cell(key: string): Cell {
    const i = this.#header.index.get(key);
    return i === undefined ? null : (this.#row.cells[i] ?? null);
  }

  /** The cell as trimmed text, or null when empty. */
  text(key: string, maxLength?: number): string | null {
    const cell = this.cell(key);
    if (cell === null) return null;
    const text = (typeof cell === 'number' ? String(cell) : cell).trim();
    if (text === '') return null;
    // Characters are code points: a text no longer in UTF-16 units than the limit is within it, so
    // only a longer one is spread into its characters to be counted.
    if (maxLength !== undefined && text.length > maxLength && [...text].length > maxLength) {
      this.fail(key, (m) => m.imports.cell.tooLong(maxLength));
      return null;
    }
    return text;
  }

  has(key: string): boolean {
    return this.#header.index.has(key);
  }

  fail(key: string, reason: Reason): void {
    const cell = this.cell(key);
    const value = cell === null ? '' : String(cell);
    this.errors.push({
      row: this.#row.row,
      column: this.#header.label.get(key) ?? key,
      value: value.length > 60 ? `${value.slice(0, 60)}…` : value,
      ...inBoth(reason),
    });
  }

  choice<T extends string>(key: string, vocabulary: Vocabulary<T>): T | null {
    const text = this.text(key);
    if (text === null) return null;
    const code = vocabulary.parse(text);
    if (code === undefined) {
      const labels = vocabulary.labels('zh-CN').join('、');
      this.fail(key, (m) => m.imports.cell.oneOf(labels));
    }
    return code ?? null;
  }

  get date1904(): boolean {
    return this.#row.date1904 ?? false;
  }
}

// Records

/** The desks of the unit in the campaign, by name. */
export type DeskDirectory = Map<string, { id: string; siteId: string }>;

/** The unit's staff on duty by name (as deskKey writes it): what the form's 接待人 column names. */
export type StaffDirectory = ReadonlyMap<string, string>;

/** The partners at the unit's desks by name (as deskKey writes it), with the desks each sits at. */
export type PartnerDirectory = ReadonlyMap<string, { id: string; deskIds: readonly string[] }>;

/**
 * The unit's hotlines and mailboxes in the campaign (ADR 30), by name and English name (as deskKey
 * writes them) and by number (as numberKey writes it): what the form's 热线或意见箱 column names.
 */
export type ChannelPointDirectory = ReadonlyMap<string, { id: string; kind: 'hotline' | 'mailbox' }>;

export const deskKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** A telephone number as its digits: 024-4582 0315 and (024)45820315 are one number; undefined for no digits. */
export const numberKey = (text: string) => {
  const digits = text.normalize('NFKC').replace(/[\s()+-]/g, '');
  return /^\d{3,}$/.test(digits) ? `tel:${digits}` : undefined;
};

/**
 * The directory of the unit's hotlines and mailboxes: a name is unique in the unit's campaign, and
 * a name comes before another's English name or number.
 */
export function channelPointDirectory(
  points: readonly {
    id: string;
    kind: 'hotline' | 'mailbox';
    name: string;
    nameEn: string | null;
    number: string | null;
  }[],
): ChannelPointDirectory {
  const directory = new Map<string, { id: string; kind: 'hotline' | 'mailbox' }>();
  const keys = [
    (p: (typeof points)[number]) => deskKey(p.name),
    (p: (typeof points)[number]) => (p.nameEn ? deskKey(p.nameEn) : undefined),
    (p: (typeof points)[number]) => (p.number ? numberKey(p.number) : undefined),
  ];
  for (const keyOf of keys)
    for (const point of points) {
      const key = keyOf(point);
      if (key !== undefined && !directory.has(key)) directory.set(key, { id: point.id, kind: point.kind });
    }
  return directory;
}

export interface ConsultationRecord {
  occurredAt: string;
  deskId: string | null;
  siteId: string | null;
  channel: Channel;
  topic: string | null;
  question: string | null;
  answer: string | null;
  outcome: Outcome | null;
  handledMatter: string | null;
  receivedBy: string | null;
  partnerId: string | null;
  /** The hotline or mailbox the question came through (its kind is the channel). */
  channelPointId: string | null;
  rating: Rating | null;
  visitorName: string | null;
  visitorPhone: string | null;
  contactConsent: boolean;
  /** The form's visit number: questions of one visit share it. */
  visit: string | null;
}

export interface PublicityRecord {
  kind: PublicityKind;
  quantity: number;
  text: string | null;
  url: string | null;
  location: string | null;
  shownFrom: string | null;
  outlet: string | null;
  medium: Medium | null;
  reach: number | null;
}

export interface MaterialRecord {
  title: string;
  kind: MaterialKind;
  printRun: number | null;
  distributed: number | null;
}

export type ConvertResult<T> = { record: T; errors?: undefined } | { record?: undefined; errors: CellError[] };

export function toConsultationRecord(
  row: SheetRow,
  header: HeaderMap,
  desks: DeskDirectory,
  staff: StaffDirectory = new Map(),
  partners: PartnerDirectory = new Map(),
  channelPoints: ChannelPointDirectory = new Map(),
): ConvertResult<ConsultationRecord> {
  const r = new RowReader(row, header);
  const day = parseDate(r.cell('date'), r.date1904);
  if (r.text('date') === null) r.fail('date', (m) => m.imports.cell.required);
  else if (!day) r.fail('date', (m) => m.imports.cell.notDate('2026-05-15'));
  let minutes = day?.minutes ?? 0;
  if (r.text('time') !== null) {
    const time = parseTime(r.cell('time'));
    if (time === undefined) r.fail('time', (m) => m.imports.cell.notTime);
    else minutes = time;
  }
  const deskName = r.text('desk');
  const desk = deskName === null ? undefined : desks.get(deskKey(deskName));
  if (deskName !== null && !desk) r.fail('desk', (m) => m.imports.cell.notUnitDesk);
  const channelNamed = r.choice('channel', channels);
  // A hotline or mailbox named by its name or number; an empty channel takes its kind (ADR 30).
  const pointText = r.text('channelPoint', 200);
  const tel = pointText === null ? undefined : numberKey(pointText);
  const point =
    pointText === null
      ? undefined
      : (channelPoints.get(deskKey(pointText)) ?? (tel === undefined ? undefined : channelPoints.get(tel)));
  if (pointText !== null && !point) r.fail('channelPoint', (m) => m.imports.cell.notUnitChannelPoint);
  else if (point && channelNamed !== null && channelNamed !== point.kind)
    r.fail('channelPoint', (m) => m.imports.cell.channelOfPoint(point.kind, channels.label(point.kind, 'zh-CN')));
  const channel = channelNamed ?? point?.kind ?? 'on_site';
  const topic = r.text('topic', 100);
  const question = r.text('question', 4000);
  const answer = r.text('answer', 8000);
  const outcome = r.choice('outcome', outcomes);
  const handledMatter = r.text('handledMatter', 200);
  if (outcome === 'handled_on_spot' && handledMatter === null)
    r.fail('handledMatter', (m) => m.imports.cell.handledMatterRequired);
  if (handledMatter !== null && outcome !== 'handled_on_spot')
    r.fail('handledMatter', (m) => m.imports.cell.handledMatterOnlyHandled);
  const receiverName = r.text('receivedBy');
  const receivedBy = receiverName === null ? null : (staff.get(deskKey(receiverName)) ?? null);
  if (receiverName !== null && !receivedBy) r.fail('receivedBy', (m) => m.imports.cell.notStaffOnDuty);
  const partnerName = r.text('partner');
  const partner = partnerName === null ? undefined : partners.get(deskKey(partnerName));
  if (partnerName !== null && !partner) r.fail('partner', (m) => m.imports.cell.notUnitPartner);
  else if (partner && desk && !partner.deskIds.includes(desk.id))
    r.fail('partner', (m) => m.imports.cell.notDeskPartner);
  const rating = r.choice('rating', ratings);
  const visitorName = r.text('visitorName', 100);
  const visitorPhone = r.text('visitorPhone');
  if (visitorPhone !== null && !PHONE.test(visitorPhone)) r.fail('visitorPhone', (m) => m.imports.cell.notPhone);
  let contactConsent = false;
  const consentText = r.text('contactConsent');
  if (consentText !== null) {
    const consent = parseYesNo(consentText);
    if (consent === undefined) r.fail('contactConsent', (m) => m.imports.cell.yesOrNo);
    else contactConsent = consent;
  }
  if ((visitorName !== null || visitorPhone !== null) && !contactConsent) {
    r.fail(
      r.has('contactConsent') ? 'contactConsent' : visitorPhone !== null ? 'visitorPhone' : 'visitorName',
      (m) => m.imports.cell.consentNeeded,
    );
  }
  if (outcome && !question) r.fail('outcome', (m) => m.imports.cell.needsQuestion);
  if (rating && !question) r.fail('rating', (m) => m.imports.cell.needsQuestion);
  const visit = r.text('visit', 100);
  if (r.errors.length || !day) return { errors: r.errors };
  return {
    record: {
      occurredAt: chinaInstant(day.date, minutes),
      deskId: desk?.id ?? null,
      siteId: desk?.siteId ?? null,
      channel,
      topic,
      question,
      answer,
      outcome,
      handledMatter,
      receivedBy,
      partnerId: partner?.id ?? null,
      channelPointId: point?.id ?? null,
      rating,
      visitorName,
      visitorPhone,
      contactConsent,
      visit,
    },
  };
}

export function toPublicityRecord(row: SheetRow, header: HeaderMap): ConvertResult<PublicityRecord> {
  const r = new RowReader(row, header);
  const kind = r.choice('kind', publicityKinds);
  if (r.text('kind') === null) r.fail('kind', (m) => m.imports.cell.required);
  let quantity = 1;
  if (r.text('quantity') !== null) {
    const n = parseCount(r.cell('quantity'), 1);
    if (n === undefined) r.fail('quantity', (m) => m.imports.cell.atLeastOne);
    else quantity = n;
  }
  const text = r.text('text', 500);
  const url = r.text('url', 2000);
  if (url !== null && !HTTP_URL.test(url)) r.fail('url', (m) => m.imports.cell.httpUrl);
  const location = r.text('location', 200);
  let shownFrom: string | null = null;
  if (r.text('shownFrom') !== null) {
    const day = parseDate(r.cell('shownFrom'), r.date1904);
    if (!day) r.fail('shownFrom', (m) => m.imports.cell.notDate('2026-05-10'));
    else shownFrom = day.date;
  }
  if (kind === 'led_slogan' && !text) r.fail(r.has('text') ? 'text' : 'kind', (m) => m.imports.cell.ledNeedsText);
  if (kind === 'online_post' && !url) r.fail(r.has('url') ? 'url' : 'kind', (m) => m.imports.cell.onlineNeedsUrl);
  const outlet = r.text('outlet', 100);
  const medium = r.choice('medium', media) ?? null;
  let reach: number | null = null;
  if (r.text('reach') !== null) {
    const n = parseCount(r.cell('reach'), 0);
    if (n === undefined) r.fail('reach', (m) => m.imports.cell.wholeReach);
    else reach = n;
  }
  const mediaKind = kind === 'media_report' || kind === 'online_post';
  if (kind === 'media_report') {
    if (!outlet) r.fail(r.has('outlet') ? 'outlet' : 'kind', (m) => m.imports.cell.mediaNeedsOutlet);
    if (!medium && r.text('medium') === null)
      r.fail(r.has('medium') ? 'medium' : 'kind', (m) => m.imports.cell.mediaNeedsMedium);
    if (!text) r.fail(r.has('text') ? 'text' : 'kind', (m) => m.imports.cell.mediaNeedsTitle);
  }
  if (kind && !mediaKind)
    for (const key of ['outlet', 'medium', 'reach'])
      if (r.text(key) !== null) r.fail(key, (m) => m.imports.cell.onlyMedia);
  if (kind === 'online_post' && medium && !ONLINE_MEDIA.includes(medium))
    r.fail('medium', (m) => m.imports.cell.onlineMedium);
  if (r.errors.length || !kind) return { errors: r.errors };
  return { record: { kind, quantity, text, url, location, shownFrom, outlet, medium, reach } };
}

export function toMaterialRecord(row: SheetRow, header: HeaderMap): ConvertResult<MaterialRecord> {
  const r = new RowReader(row, header);
  const title = r.text('title', 200);
  if (r.text('title') === null) r.fail('title', (m) => m.imports.cell.required);
  const kind = r.choice('kind', materialKinds);
  if (r.text('kind') === null) r.fail('kind', (m) => m.imports.cell.required);
  const count = (key: string) => {
    if (r.text(key) === null) return null;
    const n = parseCount(r.cell(key), 0);
    if (n === undefined) r.fail(key, (m) => m.imports.cell.wholeCopies);
    return n ?? null;
  };
  const printRun = count('printRun');
  const distributed = count('distributed');
  if (r.errors.length || !kind || !title) return { errors: r.errors };
  return { record: { title, kind, printRun, distributed } };
}
