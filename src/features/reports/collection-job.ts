import { Writable } from 'node:stream';
import { Type } from 'typebox';
import type { UserActor } from '../../platform/auth/actor.ts';
import { findUserWithGrants } from '../../platform/auth/auth-repository.ts';
import { toActor } from '../../platform/auth/authenticate.ts';
import type { Database } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { Uuid } from '../../platform/http/schemas.ts';
import { countApprovedSummaries, writeCollection } from './collection.ts';
import {
  completeCollectionRow,
  failCollectionRow,
  findCollectionRow,
  insertCollectionPart,
  setCollectionProgress,
  startCollectionRun,
} from './repository.ts';

/** The size of the parts a document is stored in. */
export const PART_BYTES = 1024 * 1024;

/** How often the progress is written while the job runs. */
const PROGRESS_EVERY_MS = 500;

/**
 * A sink that stores what is written into the collection's parts, a part at a time: at most one
 * part is held in memory, and every instance reads the document back from the database.
 */
export function collectionPartWriter(db: Database, collectionId: string): { sink: Writable; bytes: () => number } {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let total = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await insertCollectionPart(db, collectionId, seq++, data);
  };
  const sink = new Writable({
    highWaterMark: PART_BYTES,
    write(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      total += chunk.length;
      if (pendingBytes < PART_BYTES) return callback();
      flush().then(() => callback(), callback);
    },
    final(callback) {
      flush().then(() => callback(), callback);
    },
  });
  return { sink, bytes: () => total };
}

/** The organizer who asked for the collection, with the roles they have now. */
async function actorOf(db: Database, userId: string | null): Promise<UserActor> {
  const user = userId ? await findUserWithGrants(db, userId) : undefined;
  if (!user) throw new Error('The user who asked for the collection no longer exists or is disabled');
  return toActor(user, 'token', null, 'write') as UserActor;
}

/**
 * Writes a collection's document into the database, keeping its progress (units done out of
 * units total) in its row so that a poll on any instance sees it. A summary that cannot be
 * written fails the collection, naming the unit.
 */
export async function runCollection(db: Database, collectionId: string): Promise<void> {
  const row = await findCollectionRow(db, collectionId);
  if (!row || row.state === 'completed' || row.state === 'failed') return;
  try {
    const actor = await actorOf(db, row.created_by);
    const { approved } = await countApprovedSummaries(db, actor, row.campaign_id);
    if (!(await startCollectionRun(db, collectionId, approved))) return;
    const { sink, bytes } = collectionPartWriter(db, collectionId);
    let lastWrite = 0;
    const result = await writeCollection({
      db,
      actor,
      campaignId: row.campaign_id,
      format: row.format,
      language: row.language,
      out: sink,
      onProgress: async ({ done, total }) => {
        const now = Date.now();
        if (done < total && now - lastWrite < PROGRESS_EVERY_MS) return;
        lastWrite = now;
        await setCollectionProgress(db, collectionId, done);
      },
    });
    await completeCollectionRow(db, collectionId, {
      fileName: result.fileName,
      bytes: bytes(),
      pages: result.pages,
      done: result.units,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await failCollectionRow(db, collectionId, message);
    throw error;
  }
}

/**
 * The job that writes a collection. Not retried: a summary that cannot be written now will not be
 * written a minute later; the organizer sees the error and starts a new collection.
 */
export const generateCollectionJob = defineJob({
  name: 'reports.generate_collection',
  payload: Type.Object({ collectionId: Uuid }, { additionalProperties: false }),
  retryLimit: 0,
  retryDelayMs: 60_000,
  // 5,000 summaries take about two minutes; the lease leaves room for a slow machine.
  timeoutSeconds: 3600,
  handle: async ({ collectionId }, { db }) => runCollection(db, collectionId),
});
