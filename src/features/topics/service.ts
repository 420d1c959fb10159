import type { UserActor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import { updateAudited } from '../../platform/edit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { isCampaignUnit } from '../campaigns/read.ts';
import { getCampaign } from '../campaigns/service.ts';
import { toScope } from '../units/read.ts';
import { getUnitRow } from '../units/service.ts';
import {
  deleteTopicRow,
  findTopicRow,
  findTopicRowByCode,
  insertTopicRows,
  listTopicRows,
  toTopic,
  updateTopicRow,
  type TopicRow,
} from './repository.ts';
import type { Topic, TopicBody, TopicPatch } from './schema.ts';

/** The campaign's topics, grouped headings first. */
export async function listTopics(db: Db, campaignId: string): Promise<Topic[]> {
  return (await listTopicRows(db, campaignId)).map(toTopic);
}

/** The topic with this code in the campaign, or undefined. */
export async function findTopicByCode(db: Db, campaignId: string, code: string): Promise<Topic | undefined> {
  const row = await findTopicRowByCode(db, campaignId, code);
  return row && toTopic(row);
}

/** Only an organizer over the campaign's coordinating office may set its topics. */
async function authorizeTopicsWrite(db: Db, actor: UserActor, campaignId: string): Promise<void> {
  const campaign = await getCampaign(db, campaignId);
  const office = await getUnitRow(db, campaign.organizerUnitId);
  if (!can(actor, 'topics.write', toScope(office))) throw forbidden('Only the organizing office may set its topics');
}

async function checkUnit(db: Db, campaignId: string, unitId: string): Promise<void> {
  if (!(await isCampaignUnit(db, campaignId, unitId))) {
    throw unprocessable('unitId', 'does not take part in this campaign');
  }
}

export async function createTopic({
  db,
  actor,
  campaignId,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  input: TopicBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<Topic>> {
  return runIdempotent(db, key, async (tx) => {
    await authorizeTopicsWrite(tx, actor, campaignId);
    await checkUnit(tx, campaignId, input.unitId);
    const now = new Date();
    const row: TopicRow = {
      id: newId(),
      campaign_id: campaignId,
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      description: input.description ?? '',
      keywords: input.keywords ?? [],
      group_name: input.group ?? null,
      unit_id: input.unitId,
      created_at: now,
      updated_at: now,
    };
    if ((await insertTopicRows(tx, [row])) === 0) {
      throw conflict('The campaign already has a topic with this code', [{ field: 'code', reason: 'is taken' }]);
    }
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'topic',
      entityId: row.id,
      unitId: row.unit_id,
      campaignId,
      after: toTopic(row),
    });
    return { statusCode: 201, body: toTopic(row) };
  });
}

export async function changeTopic({
  db,
  actor,
  campaignId,
  topicId,
  patch,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  topicId: string;
  patch: TopicPatch;
}): Promise<Topic> {
  return db.transaction(async (tx) => {
    await authorizeTopicsWrite(tx, actor, campaignId);
    const before = await findTopicRow(tx, campaignId, topicId);
    if (!before) throw notFound('Topic');
    if (patch.unitId !== undefined) await checkUnit(tx, campaignId, patch.unitId);
    const after = await updateAudited(tx, {
      actor,
      entity: 'topic',
      before,
      patch,
      columns: {
        name: 'name',
        nameEn: 'name_en',
        description: 'description',
        keywords: 'keywords',
        group: 'group_name',
        unitId: 'unit_id',
      },
      set: { updated_at: new Date() },
      save: updateTopicRow,
      view: toTopic,
    });
    return toTopic(after);
  });
}

/** Removes a topic; questions already addressed to it keep their unit and lose only the link. */
export async function removeTopic({
  db,
  actor,
  campaignId,
  topicId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  topicId: string;
}): Promise<void> {
  await db.transaction(async (tx) => {
    await authorizeTopicsWrite(tx, actor, campaignId);
    const before = await findTopicRow(tx, campaignId, topicId);
    if (!before) throw notFound('Topic');
    await deleteTopicRow(tx, topicId);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'topic',
      entityId: topicId,
      unitId: before.unit_id,
      campaignId,
      before: toTopic(before),
    });
  });
}

/** A topic as set-up data gives it (the demo): the unit by id, no actor, nothing audited. */
export interface TopicSeed {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  keywords: string[];
  group: string;
  unitId: string;
}

/** Adds topics to a campaign inside the caller's transaction, skipping codes already there. */
export async function seedTopics(tx: Db, campaignId: string, topics: readonly TopicSeed[]): Promise<number> {
  const now = new Date();
  return insertTopicRows(
    tx,
    topics.map((t) => ({
      id: newId(),
      campaign_id: campaignId,
      code: t.code,
      name: t.name,
      name_en: t.nameEn,
      description: t.description,
      keywords: t.keywords,
      group_name: t.group,
      unit_id: t.unitId,
      created_at: now,
      updated_at: now,
    })),
  );
}
