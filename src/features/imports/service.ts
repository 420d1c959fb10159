import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { UserActor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import { PG_UNIQUE_VIOLATION, type Database, type Db, type Queryable } from '../../platform/db/database.ts';
import { AppError, notFound, unprocessable } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { v7 } from 'uuid';
import { findCampaign, isCampaignUnit } from '../campaigns/read.ts';
import { openCases } from '../cases/service.ts';
import { CASE_OUTCOMES } from '../consultations/read.ts';
import { listChannelPointRows } from '../channel-points/read.ts';
import { messages } from '../../messages/index.ts';
import { writeCsv } from '../../platform/documents/write-csv.ts';
import { writeXlsx } from '../../platform/documents/write-xlsx.ts';
import { findUnitRow, toScope } from '../units/read.ts';
import { COLUMNS, header, type ImportKind, type Language } from './columns.ts';
import { readRows, sniffFile, type SheetRow, type SniffedFile } from './read-file.ts';
import { FileRefusal, fileRefusal, inBoth } from './sniffed-file.ts';
import {
  analyzeImportedTable,
  findImportRow,
  findImportProgress,
  findSameImport,
  insertConsultationBatch,
  insertImportRow,
  insertMaterialBatch,
  insertPublicityBatch,
  listImportRows,
  listUnitDesks,
  listUnitPartners,
  listUnitStaff,
  pruneImportProgress,
  saveImportProgress,
  type ImportedConsultationRow,
  type ImportedMaterialRow,
  type ImportedPublicityRow,
  type ImportRow,
} from './repository.ts';
import {
  deskKey,
  isBlank,
  mapHeader,
  channelPointDirectory,
  toConsultationRecord,
  toMaterialRecord,
  toPublicityRecord,
  type CellError,
  type ChannelPointDirectory,
  type ConvertResult,
  type DeskDirectory,
  type HeaderMap,
} from './rows.ts';
import type { Import, ImportListQuery } from './schema.ts';

/** Bad rows listed in a rejection; all of them are counted. */
const MAX_LISTED_ERRORS = 100;
/** Rows per INSERT statement. */
const BATCH_ROWS = 5000;
/** An import this large refreshes the table's statistics (see analyzeImportedTable). */
const ANALYZE_AFTER_ROWS = 10_000;

export function toImport(row: ImportRow, duplicate = false): Import {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    kind: row.kind,
    state: 'completed',
    phase: null,
    fileName: row.file_name,
    format: row.format,
    encoding: row.encoding,
    fileSize: row.file_size,
    bytesRead: row.file_size,
    rowsRead: row.rows_read,
    rowsImported: row.rows_imported,
    duplicate,
    errorCount: 0,
    errors: [],
    createdBy: row.created_by,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.created_at.toISOString(),
  };
}

// Imports in progress, and rejected ones, for an hour: kept in this process for its own polls,
// and in the import_progress table for every other instance's (and the command line's) polls;
// what landed is in the imports table.

interface Running {
  progress: Import;
  unitPath: string;
  regionPath: string;
  finishedAt?: number;
}

const running = new Map<string, Running>();
const KEEP_MS = 60 * 60 * 1000;
/** A running import's stored progress is written again this often, even when it has not moved. */
const HEARTBEAT_MS = 5000;
/** Stored progress is written at most this often while rows are read and written. */
const WRITE_EVERY_MS = 1000;
/**
 * A running import whose stored progress has not been written for this long belonged to a process
 * that stopped (six heartbeats missed): nothing of it landed.
 */
export const STALE_AFTER_SECONDS = 30;

function remember(entry: Running): void {
  const now = Date.now();
  for (const [id, old] of running) {
    if (old.finishedAt && now - old.finishedAt > KEEP_MS) running.delete(id);
  }
  running.set(entry.progress.id, entry);
}

function storeProgress(db: Db, progress: Import, state: Import['state'] = progress.state): Promise<void> {
  return saveImportProgress(db, {
    id: progress.id,
    campaignId: progress.campaignId,
    unitId: progress.unitId,
    state,
    progress,
  });
}

/**
 * Writes one import's progress for the other instances: one write at a time, each with the
 * progress as it is when the write starts (so a later write never loses to an earlier one), at
 * most once a second while rows move, every HEARTBEAT_MS regardless, and the outcome at the end.
 * A failed write is left for the next: the stored progress is a view of the import, never its
 * outcome, which lands (or not) in the import's own transaction. On the embedded database a
 * write made while the import's transaction holds the one connection waits for it to end.
 */
function progressWriter(db: Db, progress: Import) {
  let chain: Promise<void> = Promise.resolve();
  let queued = false;
  let last = Date.now();
  const write = (): Promise<void> => {
    if (queued) return chain;
    queued = true;
    chain = chain.then(async () => {
      queued = false;
      last = Date.now();
      await storeProgress(db, progress).catch(() => {});
    });
    return chain;
  };
  const heartbeat = setInterval(() => void write(), HEARTBEAT_MS);
  heartbeat.unref();
  return {
    /** The progress moved: written unless a write went out less than WRITE_EVERY_MS ago. */
    moved(): void {
      if (Date.now() - last >= WRITE_EVERY_MS) void write();
    },
    /** The import ended: the heartbeat stops and its outcome is written. */
    async end(): Promise<void> {
      clearInterval(heartbeat);
      await write();
    },
  };
}

/** How an import looks whose process stopped before it finished. */
function interrupted(progress: Import): Import {
  return {
    ...progress,
    state: 'rejected',
    phase: null,
    rowsImported: 0,
    errors: [
      {
        row: 0,
        column: 'file',
        value: '',
        ...inBoth((m) => m.imports.file.interrupted),
      },
    ],
  };
}

// The kinds of record a file can hold

interface KindSpec<R> {
  convert: (row: SheetRow, header: HeaderMap) => ConvertResult<R>;
  /** Writes one batch; returns rows written. */
  write: (tx: Queryable, records: readonly R[]) => Promise<number>;
}

interface ImportContext {
  id: string;
  campaignId: string;
  unitId: string;
  actor: UserActor | null;
  startedAt: Date;
  desks: DeskDirectory;
  staff: Map<string, string>;
  partners: Map<string, { id: string; deskIds: string[] }>;
  channelPoints: ChannelPointDirectory;
  casesOpened: number;
}

/**
 * UUIDv7 ids (the project's kind, see platform/ids.ts) for many rows at once: the random bytes
 * are drawn from a pool instead of one call into the system's generator per id.
 */
function manyIds(): () => string {
  let pool = new Uint8Array(0);
  let offset = 0;
  return () => {
    if (offset + 16 > pool.length) {
      pool = crypto.randomFillSync(new Uint8Array(16 * 4096));
      offset = 0;
    }
    offset += 16;
    return v7({ random: pool.subarray(offset - 16, offset) });
  };
}

/** Questions of one visit share a visit id; the form's visit number names them within one file. */
function visitIdOf(importId: string, visit: string | null): string {
  if (visit === null) return crypto.randomUUID();
  const h = crypto.createHash('sha256').update(`${importId}\n${visit}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function specFor(kind: ImportKind, context: ImportContext): KindSpec<unknown> {
  const nextId = manyIds();
  const batch = () => ({
    campaignId: context.campaignId,
    unitId: context.unitId,
    createdBy: context.actor?.userId ?? null,
    createdAt: context.startedAt,
  });
  switch (kind) {
    case 'consultations':
      return {
        convert: (row, header) =>
          toConsultationRecord(row, header, context.desks, context.staff, context.partners, context.channelPoints),
        write: async (tx, records) => {
          const rows: ImportedConsultationRow[] = (records as ReturnType<typeof toConsultationRecord>['record'][]).map(
            (r) => ({
              id: nextId(),
              site_id: r!.siteId,
              desk_id: r!.deskId,
              visit_id: visitIdOf(context.id, r!.visit),
              occurred_at: r!.occurredAt,
              channel: r!.channel,
              topic: r!.topic,
              question: r!.question,
              answer: r!.answer,
              outcome: r!.outcome,
              handled_matter: r!.handledMatter,
              received_by: r!.receivedBy,
              partner_id: r!.partnerId,
              channel_point_id: r!.channelPointId,
              rating: r!.rating,
              visitor_name: r!.visitorName,
              visitor_phone: r!.visitorPhone,
              contact_consent: r!.contactConsent,
            }),
          );
          const written = await insertConsultationBatch(tx, batch(), rows);
          // A question that needs a reply opens its case, as when it is recorded at a desk: the
          // batch's cases in one statement.
          const opened = await openCases(
            tx,
            rows
              .filter((row) => row.outcome && (CASE_OUTCOMES as readonly string[]).includes(row.outcome))
              .map((row) => ({
                consultationId: row.id,
                campaignId: context.campaignId,
                unitId: context.unitId,
                openedAt: new Date(row.occurred_at),
                actor: context.actor,
              })),
          );
          context.casesOpened += opened.length;
          return written;
        },
      };
    case 'publicity':
      return {
        convert: toPublicityRecord,
        write: (tx, records) =>
          insertPublicityBatch(
            tx,
            batch(),
            (records as ReturnType<typeof toPublicityRecord>['record'][]).map((r): ImportedPublicityRow => ({
              id: newId(),
              kind: r!.kind,
              quantity: r!.quantity,
              text: r!.text,
              url: r!.url,
              location: r!.location,
              shown_from: r!.shownFrom,
              outlet: r!.outlet,
              medium: r!.medium,
              reach: r!.reach,
            })),
          ),
      };
    case 'materials':
      return {
        convert: toMaterialRecord,
        write: (tx, records) =>
          insertMaterialBatch(
            tx,
            batch(),
            (records as ReturnType<typeof toMaterialRecord>['record'][]).map((r): ImportedMaterialRow => ({
              id: newId(),
              title: r!.title,
              kind: r!.kind,
              print_run: r!.printRun,
              distributed: r!.distributed,
              distribution_id: newId(),
            })),
          ),
      };
  }
}

/** The 422 of a file with bad rows: each bad cell as "row 17: 电话", with the value and the reason. */
export function rejection(errors: readonly CellError[], errorCount: number): AppError {
  const details = errors.map((e) => ({
    field: `row ${e.row}: ${e.column}`,
    reason: e.value === '' ? e.reason : `「${e.value}」 ${e.reason}`,
  }));
  if (errorCount > new Set(errors.map((e) => e.row)).size)
    details.push({ field: 'file', reason: `has ${errorCount} rows with errors in all; the first are listed` });
  return new AppError(
    422,
    'import_rejected',
    `${errorCount} ${errorCount === 1 ? 'row has' : 'rows have'} errors; nothing was imported`,
    details,
  );
}

class DuplicateImport extends Error {}

/**
 * Who may import into which unit: the unit exists, takes part, and the actor reaches it. The
 * upload route asks before it reads the file, so a refused upload costs nothing.
 */
export async function checkTarget(db: Db, actor: UserActor | null, campaignId: string, unitId: string) {
  if (!(await findCampaign(db, campaignId))) throw unprocessable('campaignId', 'does not exist');
  const unit = await findUnitRow(db, unitId);
  if (!unit) throw unprocessable('unitId', 'does not exist');
  if (actor) authorize(actor, 'imports.write', toScope(unit));
  if (!(await isCampaignUnit(db, campaignId, unitId)))
    throw unprocessable('unitId', 'does not take part in this campaign');
  return unit;
}

export interface ImportRequest {
  db: Database;
  /** Null: the operator at the server's command line, acting for no user. */
  actor: UserActor | null;
  campaignId: string;
  unitId: string;
  kind: ImportKind;
  file: { path: string; name: string };
  /** Called as rows are read and written (often; throttle what you draw). */
  onProgress?: (progress: Import) => void;
}

interface Prepared {
  duplicate?: Import;
  job?: { entry: Running; sniffed: SniffedFile; stat: fs.Stats };
}

async function prepareImport(request: ImportRequest): Promise<Prepared> {
  const { db, actor, campaignId, unitId, kind, file } = request;
  const unit = await checkTarget(db, actor, campaignId, unitId);
  const stat = fs.statSync(file.path);
  const sniffed = await sniffFile(file.path, file.name);
  const same = await findSameImport(db, { campaignId, unitId, kind, fileHash: sniffed.hash });
  if (same) return { duplicate: toImport(same, true) };
  const progress: Import = {
    id: newId(),
    campaignId,
    unitId,
    kind,
    state: 'running',
    phase: 'checking',
    fileName: file.name,
    format: sniffed.format,
    encoding: sniffed.encoding,
    fileSize: sniffed.size,
    bytesRead: 0,
    rowsRead: 0,
    rowsImported: 0,
    duplicate: false,
    errorCount: 0,
    errors: [],
    createdBy: actor?.userId ?? null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
  const entry: Running = { progress, unitPath: unit.path, regionPath: unit.region_path };
  remember(entry);
  // Stored before the answer, so that a poll on any instance finds it at once.
  await pruneImportProgress(db, KEEP_MS / 1000).catch(() => {});
  await storeProgress(db, progress);
  return { job: { entry, sniffed, stat } };
}

/**
 * Reads the file once, in one transaction: every row is checked and written in batches, then the
 * import's record and its audit entry; a file with bad rows is refused with all of them listed,
 * and nothing of it is stored (ADR 41). A file whose bytes or rows were imported before into the
 * same campaign, unit and kind adds nothing.
 */
async function runImport(request: ImportRequest, job: NonNullable<Prepared['job']>): Promise<Import> {
  const { db, actor, campaignId, unitId, kind, onProgress } = request;
  const { entry, sniffed, stat } = job;
  const progress = entry.progress;
  const stored = progressWriter(db, progress);
  const report = () => {
    stored.moved();
    onProgress?.(progress);
  };
  const context: ImportContext = {
    id: progress.id,
    campaignId,
    unitId,
    actor,
    startedAt: new Date(progress.startedAt),
    desks: new Map(),
    staff: new Map(),
    partners: new Map(),
    channelPoints: new Map(),
    casesOpened: 0,
  };
  let contentHash: string | undefined;
  try {
    if (kind === 'consultations') {
      for (const desk of await listUnitDesks(db, campaignId, unitId))
        if (!context.desks.has(deskKey(desk.name)))
          context.desks.set(deskKey(desk.name), { id: desk.id, siteId: desk.site_id });
      for (const member of await listUnitStaff(db, campaignId, unitId))
        if (!context.staff.has(deskKey(member.name))) context.staff.set(deskKey(member.name), member.id);
      for (const partner of await listUnitPartners(db, campaignId, unitId))
        context.partners.set(deskKey(partner.name), { id: partner.id, deskIds: partner.desk_ids });
      context.channelPoints = channelPointDirectory(
        (await listChannelPointRows(db, campaignId, unitId)).map((p) => ({
          id: p.id,
          kind: p.kind,
          name: p.name,
          nameEn: p.name_en,
          number: p.number,
        })),
      );
    }
    const spec = specFor(kind, context);
    const onBytes = (bytes: number) => {
      progress.bytesRead = bytes;
    };

    // One pass, in one transaction: every row is checked, and written in batches while no row
    // has failed its check. The first bad row stops the writing (the rest are still checked, so
    // that all of them are listed) and the transaction stores nothing.
    report();
    const content = crypto.createHash('sha256').update(`${kind}\n`);
    const written = await db.transaction(async (tx) => {
      let header: HeaderMap | undefined;
      let batch: unknown[] = [];
      let pending: Promise<number> | undefined;
      let count = 0;
      // The record's text for the content hash, a batch at a time.
      let hashed: string[] = [];
      // A batch is made ready for the database (ids, its COPY text) while the one before it is
      // still being stored, and queued behind it on the transaction's connection: the database
      // goes on from one batch to the next without waiting for this process. Two batches at most
      // are in flight.
      const flush = async () => {
        content.update(hashed.join(''));
        hashed = [];
        const next = batch.length ? spec.write(tx, batch) : undefined;
        // Checked when awaited; until then a failure must not count as unhandled.
        next?.catch(() => {});
        batch = [];
        if (pending) count += await pending;
        pending = next;
      };
      for await (const row of readRows(sniffed, onBytes)) {
        if (isBlank(row)) continue;
        if (!header) {
          header = mapHeader(kind, row);
          continue;
        }
        progress.rowsRead++;
        const { record, errors } = spec.convert(row, header);
        if (errors) {
          progress.errorCount++;
          for (const error of errors) if (progress.errors.length < MAX_LISTED_ERRORS) progress.errors.push(error);
          // Nothing written so far will stay: the progress no longer counts it as imported.
          batch = [];
          hashed = [];
          progress.phase = 'checking';
          progress.rowsImported = 0;
        } else if (!progress.errorCount) {
          hashed.push(`${JSON.stringify(record)}\n`);
          batch.push(record);
          if (batch.length >= BATCH_ROWS) {
            await flush();
            progress.phase = 'writing';
            progress.rowsImported = count;
          }
        }
        if (progress.rowsRead % 1000 === 0) report();
      }
      report();
      if (!header) throw fileRefusal((m) => m.imports.file.noHeader);
      if (progress.errorCount) {
        // The batch in flight ends before the transaction is rolled back.
        await pending?.catch(() => {});
        throw rejection(progress.errors, progress.errorCount);
      }
      if (progress.rowsRead === 0) throw fileRefusal((m) => m.imports.file.noRecords);
      const rowsRead = progress.rowsRead;
      progress.phase = 'writing';
      report();
      await flush();
      await flush();
      const now = fs.statSync(sniffed.path);
      if (now.size !== stat.size || now.mtimeMs !== stat.mtimeMs || count !== rowsRead)
        throw fileRefusal((m) => m.imports.file.changed);
      const row: ImportRow = {
        id: progress.id,
        campaign_id: campaignId,
        unit_id: unitId,
        kind,
        file_name: sniffed.name,
        format: sniffed.format,
        encoding: sniffed.encoding,
        file_size: sniffed.size,
        file_hash: sniffed.hash,
        content_hash: (contentHash = content.digest('hex')),
        rows_read: rowsRead,
        rows_imported: count,
        created_by: actor?.userId ?? null,
        started_at: context.startedAt,
        created_at: new Date(),
      };
      try {
        await insertImportRow(tx, row);
      } catch (error) {
        if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) throw new DuplicateImport();
        throw error;
      }
      if (actor) {
        await writeAudit(tx, {
          actor,
          action: 'import',
          entity: 'import',
          entityId: row.id,
          unitId,
          campaignId,
          after: {
            kind,
            fileName: row.file_name,
            format: row.format,
            encoding: row.encoding,
            fileSize: row.file_size,
            fileHash: row.file_hash,
            rowsImported: count,
            ...(kind === 'consultations' && { casesOpened: context.casesOpened }),
          },
        });
      }
      return row;
    });
    // Landed: every instance answers so from here on (the imports table has it).
    Object.assign(progress, toImport(written));
    entry.finishedAt = Date.now();
    onProgress?.(progress);
    if (written.rows_imported >= ANALYZE_AFTER_ROWS) await analyzeImportedTable(db, kind);
    await stored.end();
    return progress;
  } catch (error) {
    entry.finishedAt = Date.now();
    progress.finishedAt = new Date().toISOString();
    if (error instanceof DuplicateImport) {
      // Another import of the same rows landed first; this one stored nothing. A poll of this
      // import answers with the earlier one.
      const same = await findSameImport(db, { campaignId, unitId, kind, fileHash: sniffed.hash, contentHash });
      if (same) {
        running.delete(progress.id);
        await stored.end();
        const earlier = toImport(same, true);
        await storeProgress(db, { ...earlier, id: progress.id }, 'completed').catch(() => {});
        return earlier;
      }
    }
    progress.state = 'rejected';
    progress.phase = null;
    progress.rowsImported = 0;
    // A refusal of the file itself (its header, its text) is its list of errors too; one that
    // crossed from the worker thread reading the file is a plain AppError, its Chinese kept.
    if (error instanceof FileRefusal) progress.errors = error.cells;
    else if (error instanceof AppError && error.code !== 'import_rejected') {
      progress.errors = error.details.map(({ field, reason, reasonZh }) => ({
        row: 0,
        column: field,
        value: '',
        reason,
        ...(reasonZh && { reasonZh }),
      }));
    }
    onProgress?.(progress);
    await stored.end();
    throw error;
  }
}

/**
 * Imports a file into a unit's records in a campaign, answering when it has landed: 201 with the
 * import, 200 with the earlier import when the same file came before, 422 listing every bad row.
 */
export async function importFile(request: ImportRequest): Promise<{ statusCode: 200 | 201; body: Import }> {
  const prepared = await prepareImport(request);
  if (prepared.duplicate) return { statusCode: 200, body: prepared.duplicate };
  const body = await runImport(request, prepared.job!);
  return { statusCode: body.duplicate ? 200 : 201, body };
}

/**
 * Starts an import and answers at once: 202 with its id while it runs (poll getImport), or 200
 * with the earlier import of the same file. `onSettled` runs when the import has finished either way.
 */
export async function startImport(
  request: ImportRequest & { onSettled?: () => void },
): Promise<{ statusCode: 200 | 202; body: Import }> {
  let prepared: Prepared;
  try {
    prepared = await prepareImport(request);
  } catch (error) {
    request.onSettled?.();
    throw error;
  }
  if (prepared.duplicate) {
    request.onSettled?.();
    return { statusCode: 200, body: prepared.duplicate };
  }
  const job = prepared.job!;
  void runImport(request, job)
    .catch(() => {
      // The rejection is kept with the import's progress, which the console polls.
    })
    .finally(() => request.onSettled?.());
  return { statusCode: 202, body: { ...job.entry.progress } };
}

/**
 * An import the actor may read: one running or rejected (in this process, or stored by the
 * instance that runs it), or one that landed.
 */
export async function getImport({ db, actor, id }: { db: Database; actor: UserActor; id: string }): Promise<Import> {
  const live = running.get(id);
  if (live) {
    if (
      !can(actor, 'imports.read', {
        unitId: live.progress.unitId,
        unitPath: live.unitPath,
        regionPath: live.regionPath,
      })
    )
      throw notFound('Import');
    return { ...live.progress, errors: [...live.progress.errors] };
  }
  const row = await findImportRow(db, id);
  if (row) {
    if (!can(actor, 'imports.read', { unitId: row.unit_id, unitPath: row.path, regionPath: row.region_path }))
      throw notFound('Import');
    return toImport(row);
  }
  const stored = await findImportProgress(db, id);
  if (
    !stored ||
    !can(actor, 'imports.read', { unitId: stored.unit_id, unitPath: stored.path, regionPath: stored.region_path })
  )
    throw notFound('Import');
  const progress = stored.progress as Import;
  if (stored.state === 'completed') {
    // It landed between the two reads (or it was a duplicate, answered by the earlier import).
    const landed = await findImportRow(db, id);
    return landed ? toImport(landed) : progress;
  }
  // PGlite belongs to this process alone, so an import running on it is in `running`; on
  // PostgreSQL, an import is running while its process keeps writing its progress.
  if (stored.state === 'running' && (db.engine === 'pglite' || stored.age_seconds > STALE_AFTER_SECONDS))
    return interrupted(progress);
  return progress;
}

/** The imports that landed in a campaign's units the actor reaches, newest first. */
export async function listImports({ db, actor, query }: { db: Db; actor: UserActor; query: ImportListQuery }) {
  const cursor = decodeCursor(query.cursor, ['uuid']);
  const limit = query.limit ?? 50;
  const rows = await listImportRows(db, actor, {
    campaignId: query.campaignId,
    unitId: query.unitId,
    limit,
    before: cursor?.[0],
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toImport(row)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null,
  };
}

/**
 * The empty form to fill in: the columns of the printed form as its header row. XLSX keeps the
 * phone, date and time columns as text and offers the fixed lists as drop-downs, with a second
 * sheet explaining each column; CSV is the header row alone, UTF-8 with a BOM.
 */
export function renderTemplate({
  kind,
  format,
  language,
}: {
  kind: ImportKind;
  format: 'xlsx' | 'csv';
  language: Language;
}): { fileName: string; contentType: string; stream: Readable } {
  const columns = COLUMNS[kind];
  const headers = columns.map((c) => header(c, language));
  const zh = language === 'zh-CN';
  const fileName = `openday-${kind}-template.${format}`;
  if (format === 'csv') return { fileName, contentType: 'text/csv; charset=utf-8', stream: writeCsv([headers]) };
  const name = messages(language).imports.forms[kind];
  return {
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    stream: writeXlsx([
      {
        name,
        header: headers,
        columns: columns.map((c) => ({
          width: Math.max(c.width ?? 12, [...header(c, language)].length * 2 + 2),
          text: c.text,
          list: c.vocabulary?.labels(language),
        })),
        rows: [],
      },
      {
        name: zh ? '填写说明' : 'How to fill in',
        header: zh ? ['列', '填写说明', '可填写的值'] : ['Column', 'What to write', 'Values'],
        columns: [{ width: 18 }, { width: 60 }, { width: 60 }],
        rows: columns.map((c) => [
          header(c, language),
          zh ? c.hint.zh : c.hint.en,
          c.vocabulary ? c.vocabulary.labels(language).join(zh ? '、' : ', ') : '',
        ]),
      },
    ]),
  };
}
