import type { UserActor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import { searchTerms } from '../../platform/db/text-search.ts';
import type { Database, Db, Queryable } from '../../platform/db/database.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { maskName, maskPhone } from '../../platform/masking.ts';
import { findCampaign, isCampaignUnit, listCampaignUnits } from '../campaigns/read.ts';
import type { Campaign } from '../campaigns/schema.ts';
import { getCampaignBySlug, listAttachments } from '../campaigns/service.ts';
import { findCaseRow } from '../cases/read.ts';
import { channelPointRefusal } from '../channel-points/service.ts';
import { insertCaseAudit, insertCaseEvent } from '../cases/service.ts';
import type { PublicCase } from '../cases/schema.ts';
import { findPublicCase, mayTakeCaseAction, openCase, rateCase, requireCaseState } from '../cases/service.ts';
import { findConsultationRow, type ConsultationRow } from '../consultations/read.ts';
import { insertRequestConsultation } from '../consultations/service.ts';
import type { Channel, Outcome, Rating } from '../../domain/vocabulary.ts';
import { findTopicByCode, listTopics } from '../topics/service.ts';
import { chinaToday } from '../statistics/read.ts';
import { getUnitRow } from '../units/service.ts';
import { detectPersonalData, maskPersonalData } from './personal-data.ts';
import {
  deleteConsultationPublication,
  findCaseRequestEmail,
  findConsultationPublication,
  insertCaseRequest,
  listQaRows,
  updateCasePublication,
  upsertConsultationPublication,
  type QaRow,
} from './repository.ts';
import type {
  AskAnswer,
  AskBody,
  IntakeAnswer,
  IntakeBody,
  PublicCampaign,
  PublicationPreview,
  PublicationPreviewBody,
  PublishBody,
  PublishedCase,
  PublishedConsultation,
  QaItem,
  QaPage,
  QaQuery,
  RequestKind,
  RequestSource,
} from './schema.ts';

/** A question needs a reply within the limit; suggestions and complaints are recorded as such. */
const OUTCOME_OF: Record<RequestKind, Outcome> = {
  question: 'follow_up',
  suggestion: 'suggestion',
  complaint: 'complaint',
};

/** What the citizen needs to ask: the campaign, its units and its topics. */
export async function getPublicCampaign({ db, slug }: { db: Db; slug: string }): Promise<PublicCampaign> {
  const campaign = await getCampaignBySlug(db, slug);
  const [units, topics, attachments, office] = await Promise.all([
    listCampaignUnits(db, campaign.id),
    listTopics(db, campaign.id),
    listAttachments(db, campaign.id),
    campaign.issuingOffice ? null : getUnitRow(db, campaign.organizerUnitId),
  ]);
  return {
    slug: campaign.slug,
    title: campaign.title,
    titleEn: campaign.titleEn,
    theme: campaign.theme,
    themeEn: campaign.themeEn,
    openDay: campaign.openDay,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    replyLimitDays: campaign.replyLimitDays,
    units: units.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn })),
    topics: topics.map((t) => ({
      code: t.code,
      name: t.name,
      nameEn: t.nameEn,
      description: t.description,
      keywords: t.keywords,
      group: t.group,
      unitId: t.unitId,
    })),
    notice: {
      issuingOffice: campaign.issuingOffice ?? office?.name ?? '',
      documentNumber: campaign.documentNumber,
      noticeTitle: campaign.noticeTitle,
      body: campaign.notice,
      plansDueOn: campaign.plansDueOn,
      summaryDueOn: campaign.summaryDueOn,
      attachments,
    },
  };
}

/** A request through the public channel, whoever enters it. */
export interface RequestInput {
  kind: RequestKind;
  unitId?: string | undefined;
  topicCode?: string | undefined;
  text: string;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  contactEmail?: string | undefined;
  contactConsent?: boolean | undefined;
  channel: Channel;
  /** Staff intake: the unit's hotline or mailbox it came through. */
  channelPointId?: string | undefined;
  source: RequestSource;
  /** When it was asked; the time limit counts from its day. Default now. */
  receivedAt?: Date | undefined;
  /** The place an Open311 client names. */
  location?: {
    address?: string | undefined;
    addressId?: string | undefined;
    lat?: number | undefined;
    lon?: number | undefined;
  };
  deviceId?: string | undefined;
  accountId?: string | undefined;
}

/** Rules a schema cannot say, checked before anything is read or stored. */
function checkRequest(input: RequestInput): void {
  if (!input.text.trim()) throw unprocessable('text', 'must not be blank');
  if (input.unitId && input.topicCode) throw unprocessable('topicCode', 'give either unitId or topicCode, not both');
  if (!input.unitId && !input.topicCode) throw unprocessable('unitId', 'give the unit asked, or a topicCode');
  const contact = input.contactName || input.contactPhone || input.contactEmail;
  if (contact && input.contactConsent !== true) {
    throw unprocessable(
      'contactConsent',
      'must be true when a name, phone or e-mail is given: they are kept to answer',
    );
  }
}

/**
 * Records a request through the public channel in one transaction: a consultation (outcome
 * follow_up for a question, suggestion or complaint otherwise) addressed to the unit asked or to
 * the topic's unit, its case with a tracking code and due date, and what came with it. The same
 * command serves the citizen online, staff entering a call or a letter, and Open311 clients.
 */
export async function submitRequest({
  db,
  actor,
  campaign,
  input,
  key,
}: {
  db: Database;
  actor: UserActor | null;
  campaign: Campaign;
  input: RequestInput;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<IntakeAnswer>> {
  checkRequest(input);
  return runIdempotent(db, key, async (tx) => {
    const topic = input.topicCode ? await findTopicByCode(tx, campaign.id, input.topicCode) : undefined;
    if (input.topicCode && !topic) throw unprocessable('topicCode', 'is not a topic of this campaign');
    const unitId = topic?.unitId ?? input.unitId!;
    if (!(await isCampaignUnit(tx, campaign.id, unitId))) {
      throw unprocessable(topic ? 'topicCode' : 'unitId', 'is not a unit taking part in this campaign');
    }
    const unit = await getUnitRow(tx, unitId);
    const pointRefusal =
      input.channelPointId &&
      (await channelPointRefusal(tx, {
        campaignId: campaign.id,
        unitId,
        channelPointId: input.channelPointId,
        channel: input.channel,
      }));
    if (pointRefusal) throw pointRefusal;
    const now = new Date();
    const receivedAt = input.receivedAt ?? now;
    const consent = input.contactConsent === true;
    const row: ConsultationRow = {
      id: newId(),
      campaign_id: campaign.id,
      unit_id: unitId,
      site_id: null,
      desk_id: null,
      visit_id: newId(),
      occurred_at: receivedAt,
      channel: input.channel,
      topic: topic?.name ?? null,
      question: input.text.trim(),
      answer: null,
      outcome: OUTCOME_OF[input.kind],
      handled_matter: null,
      received_by: null,
      partner_id: null,
      channel_point_id: input.channelPointId ?? null,
      rating: null,
      visitor_name: consent ? (input.contactName ?? null) : null,
      visitor_phone: consent ? (input.contactPhone ?? null) : null,
      contact_consent: consent,
      created_at: now,
      created_by: actor?.userId ?? null,
    };
    // A citizen asking after the campaign's last day (China's date) asks a later question: accepted
    // and answered, counted apart from the day's figures (ADR 28). Staff entering a call or a
    // letter record the day's work, as at a desk.
    const later = input.source !== 'staff' && chinaToday(receivedAt) > campaign.endsOn;
    await insertRequestConsultation(
      tx,
      row,
      {
        actor,
        after: {
          id: row.id,
          unitId,
          channel: row.channel,
          channelPointId: row.channel_point_id,
          outcome: row.outcome,
          topic: row.topic,
          source: input.source,
          visitorName: maskName(row.visitor_name),
          visitorPhone: maskPhone(row.visitor_phone),
          contactConsent: consent,
          ...(later && { later }),
        },
      },
      later,
    );
    const opened = await openCase(tx, {
      consultationId: row.id,
      campaignId: campaign.id,
      unitId,
      openedAt: receivedAt,
      actor,
    });
    await insertCaseRequest(tx, {
      case_id: opened.id,
      origin_unit_id: unitId,
      campaign_id: campaign.id,
      topic_id: topic?.id ?? null,
      kind: input.kind,
      source: input.source,
      contact_email: consent ? (input.contactEmail ?? null) : null,
      address: input.location?.address ?? null,
      address_id: input.location?.addressId ?? null,
      lat: input.location?.lat ?? null,
      lon: input.location?.lon ?? null,
      device_id: input.deviceId ?? null,
      account_id: input.accountId ?? null,
      created_at: now,
    });
    return {
      statusCode: 201,
      body: {
        caseId: opened.id,
        consultationId: row.id,
        trackingCode: opened.trackingCode,
        dueOn: opened.dueOn,
        unitId,
        unitName: unit.name,
        unitNameEn: unit.name_en,
        later,
      },
    };
  });
}

const toAskAnswer = (answer: IntakeAnswer): AskAnswer => ({
  trackingCode: answer.trackingCode,
  dueOn: answer.dueOn,
  unitId: answer.unitId,
  unitName: answer.unitName,
  unitNameEn: answer.unitNameEn,
  later: answer.later ?? false,
});

/** A citizen asks online, without signing in. A filled honeypot field is refused. */
export async function askQuestion({
  db,
  slug,
  input,
  key,
}: {
  db: Database;
  slug: string;
  input: AskBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<AskAnswer>> {
  // People do not see the field "website"; only a robot fills it in.
  if (input.website) throw unprocessable('website', 'must be left empty; it is not meant to be filled in');
  const campaign = await getCampaignBySlug(db, slug);
  const { website: _website, ...fields } = input;
  const result = await submitRequest({
    db,
    actor: null,
    campaign,
    input: { ...fields, channel: 'online', source: 'public' },
    key,
  });
  return { ...result, body: toAskAnswer(result.body) };
}

/** Staff enter a hotline call or a mailbox letter for the citizen, through the same command. */
export async function enterIntake({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  input: IntakeBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<IntakeAnswer>> {
  const campaign = await findCampaign(db, input.campaignId);
  if (!campaign) throw unprocessable('campaignId', 'does not exist');
  const { campaignId: _campaignId, receivedAt, ...fields } = input;
  if (receivedAt && new Date(receivedAt).getTime() > Date.now() + 5 * 60_000) {
    throw unprocessable('receivedAt', 'must not be in the future');
  }
  return submitRequest({
    db,
    actor,
    campaign,
    input: { ...fields, source: 'staff', receivedAt: receivedAt ? new Date(receivedAt) : undefined },
    key,
  });
}

/** The case behind a tracking code, as its citizen sees it. */
export async function trackCase({ db, trackingCode }: { db: Db; trackingCode: string }): Promise<PublicCase> {
  const found = await findPublicCase(db, trackingCode);
  if (!found) throw notFound('Case');
  return found;
}

/** The citizen rates the reply once; a poor rating reopens the case. */
export async function rateReply({
  db,
  trackingCode,
  rating,
  comment,
}: {
  db: Database;
  trackingCode: string;
  rating: Rating;
  comment?: string | undefined;
}): Promise<PublicCase> {
  return rateCase({ db, trackingCode, rating, comment });
}

// The public Q&A

/**
 * A case the actor may publish (or unpublish) by the policy module, locked for the change; a case
 * of a unit the actor does not reach for it is "not found".
 */
async function publishableCase(
  tx: Queryable,
  actor: UserActor,
  caseId: string,
  action: 'publish' | 'unpublish' = 'publish',
) {
  const row = await findCaseRow(tx, caseId, { lock: true });
  if (!row || !mayTakeCaseAction(actor, action, row)) throw notFound('Case');
  return row;
}

/** The facts about the person who asked that must not reach the Q&A. */
async function personalFactsOf(
  db: Queryable,
  row: { id: string; visitor_name: string | null; visitor_phone: string | null },
) {
  return { name: row.visitor_name, phone: row.visitor_phone, email: await findCaseRequestEmail(db, row.id) };
}

type PersonalFacts = Awaited<ReturnType<typeof personalFactsOf>>;

/** The texts with what looks like personal data masked, and each piece masked, for the publisher to confirm. */
function maskForPublication(texts: PublishBody, facts: PersonalFacts): PublicationPreview {
  const found: PublicationPreview['found'] = [];
  const mask = (field: keyof PublishBody) => {
    const masked = maskPersonalData(texts[field], facts);
    found.push(...masked.found.map((f) => ({ field, ...f })));
    return masked.text;
  };
  return { publicQuestion: mask('publicQuestion'), publicAnswer: mask('publicAnswer'), found };
}

/** Refuses texts to publish that still hold a phone number, an e-mail address or the visitor's name. */
function refusePersonalData(input: PublishBody, facts: PersonalFacts): void {
  for (const field of ['publicQuestion', 'publicAnswer'] as const) {
    const problem = detectPersonalData(input[field], facts);
    if (problem) throw unprocessable(field, `${problem}; remove personal data before publishing`);
  }
}

/**
 * The texts a case would be published with, personal data masked (names, phone and ID numbers,
 * e-mail, addresses), and what was masked, for the publisher to confirm before publishing. The
 * texts default to the case's question and reply; the reply may be one still being written.
 */
export async function previewPublication({
  db,
  actor,
  caseId,
  input,
}: {
  db: Database;
  actor: UserActor;
  caseId: string;
  input: PublicationPreviewBody;
}): Promise<PublicationPreview> {
  return db.transaction(async (tx) => {
    const row = await findCaseRow(tx, caseId);
    if (!row || !mayTakeCaseAction(actor, 'publish', row)) throw notFound('Case');
    return maskForPublication(
      {
        publicQuestion: input.publicQuestion ?? row.public_question ?? row.question,
        publicAnswer: input.publicAnswer ?? row.public_answer ?? row.reply ?? '',
      },
      await personalFactsOf(tx, row),
    );
  });
}

/**
 * Publishes a replied case to the campaign's public Q&A with texts edited by the unit admin.
 * Texts that still hold a phone number, an e-mail address or the visitor's name are refused.
 */
export async function publishCase({
  db,
  actor,
  caseId,
  input,
}: {
  db: Database;
  actor: UserActor;
  caseId: string;
  input: PublishBody;
}): Promise<PublishedCase> {
  return db.transaction(async (tx) => {
    const row = await publishableCase(tx, actor, caseId);
    requireCaseState(row, 'publish', 'Only a replied case can be published');
    refusePersonalData(input, await personalFactsOf(tx, row));
    const at = new Date();
    const publication = { question: input.publicQuestion.trim(), answer: input.publicAnswer.trim(), at };
    await updateCasePublication(tx, row, publication);
    await insertCaseEvent(tx, {
      campaignId: row.campaign_id,
      originUnitId: row.origin_unit_id,
      caseId: row.id,
      kind: 'published',
      at,
      actorUserId: actor.userId,
    });
    await insertCaseAudit(tx, {
      actor,
      action: row.published_at ? 'republish' : 'publish',
      caseId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      after: { publicQuestion: publication.question, publicAnswer: publication.answer },
    });
    return {
      caseId: row.id,
      publicQuestion: publication.question,
      publicAnswer: publication.answer,
      publishedAt: at.toISOString(),
    };
  });
}

/** Takes a case out of the public Q&A. */
export async function unpublishCase({
  db,
  actor,
  caseId,
}: {
  db: Database;
  actor: UserActor;
  caseId: string;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await publishableCase(tx, actor, caseId, 'unpublish');
    requireCaseState(row, 'unpublish', 'The case is not published');
    if (!row.published_at) return;
    await updateCasePublication(tx, row, null);
    await insertCaseAudit(tx, {
      actor,
      action: 'unpublish',
      caseId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      before: { publishedAt: row.published_at.toISOString() },
    });
  });
}

// Answers given on the spot, published from the records

/**
 * A consultation the actor may publish (its unit's admin) or take out of the Q&A (the admin or an
 * organizer over the unit); a record of a unit the actor cannot read is "not found".
 */
async function publishableConsultation(
  tx: Queryable,
  actor: UserActor,
  id: string,
  action: 'consultations.publish' | 'consultations.unpublish',
) {
  const row = await findConsultationRow(tx, id);
  const scope = row && { unitId: row.unit_id, unitPath: row.path, regionPath: row.region_path };
  if (!row || !scope || !can(actor, 'consultations.read', scope)) throw notFound('Consultation');
  authorize(actor, action, scope);
  if (action === 'consultations.publish') requireAnsweredOnTheSpot(row);
  return row;
}

/** A command on the publication of one record, by the actor. */
interface PublicationCommand<I> {
  db: Database;
  actor: UserActor;
  consultationId: string;
  input: I;
}

/** Only an answer given on the spot goes to the Q&A from the records; a case is published as a case. */
function requireAnsweredOnTheSpot(row: ConsultationRow): void {
  if (row.case_id) throw unprocessable('id', 'has a case: publish the case when it is replied');
  if (row.outcome !== 'answered_on_spot' && row.outcome !== 'handled_on_spot') {
    throw unprocessable('outcome', 'is not answered or handled on the spot');
  }
  if (!row.question?.trim()) throw unprocessable('question', 'is empty: nothing to publish');
  if (!row.answer?.trim()) throw unprocessable('answer', 'is empty: record the answer given before publishing');
}

const consultationFacts = (row: ConsultationRow): PersonalFacts => ({
  name: row.visitor_name,
  phone: row.visitor_phone,
  email: null,
});

/**
 * The texts an answer given on the spot would be published with, personal data masked, and what
 * was masked; the texts default to the record's question and answer (or those published before).
 */
export async function previewConsultationPublication({
  db,
  actor,
  consultationId,
  input,
}: PublicationCommand<PublicationPreviewBody>): Promise<PublicationPreview> {
  return db.transaction(async (tx) => {
    const row = await publishableConsultation(tx, actor, consultationId, 'consultations.publish');
    const published = await findConsultationPublication(tx, row.id);
    return maskForPublication(
      {
        publicQuestion: input.publicQuestion ?? published?.public_question ?? row.question!,
        publicAnswer: input.publicAnswer ?? published?.public_answer ?? row.answer!,
      },
      consultationFacts(row),
    );
  });
}

/**
 * Publishes an answer given on the spot to the campaign's public Q&A with texts checked by the unit
 * admin; texts that still hold the visitor's phone number or name, or any e-mail, are refused.
 */
export async function publishConsultation({
  db,
  actor,
  consultationId,
  input,
}: PublicationCommand<PublishBody>): Promise<PublishedConsultation> {
  return db.transaction(async (tx) => {
    const row = await publishableConsultation(tx, actor, consultationId, 'consultations.publish');
    refusePersonalData(input, consultationFacts(row));
    const before = await findConsultationPublication(tx, row.id);
    const publication = {
      consultation_id: row.id,
      campaign_id: row.campaign_id,
      unit_id: row.unit_id,
      public_question: input.publicQuestion.trim(),
      public_answer: input.publicAnswer.trim(),
      published_at: new Date(),
      published_by: actor.userId,
    };
    await upsertConsultationPublication(tx, publication);
    await writeAudit(tx, {
      actor,
      action: before ? 'republish' : 'publish',
      entity: 'consultation',
      entityId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      before: before ? { publicQuestion: before.public_question, publicAnswer: before.public_answer } : null,
      after: { publicQuestion: publication.public_question, publicAnswer: publication.public_answer },
    });
    return {
      consultationId: row.id,
      publicQuestion: publication.public_question,
      publicAnswer: publication.public_answer,
      publishedAt: publication.published_at.toISOString(),
    };
  });
}

/** Takes an answer given on the spot out of the public Q&A. */
export async function unpublishConsultation({
  db,
  actor,
  consultationId,
}: Omit<PublicationCommand<never>, 'input'>): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await publishableConsultation(tx, actor, consultationId, 'consultations.unpublish');
    const before = await findConsultationPublication(tx, row.id);
    if (!before) throw conflict('The answer is not published', [{ field: 'id', reason: 'is not published' }]);
    await deleteConsultationPublication(tx, row.id);
    await writeAudit(tx, {
      actor,
      action: 'unpublish',
      entity: 'consultation',
      entityId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      before: {
        publicQuestion: before.public_question,
        publicAnswer: before.public_answer,
        publishedAt: before.published_at.toISOString(),
      },
    });
  });
}

function toQaItem(row: QaRow): QaItem {
  return {
    id: row.id,
    kind: row.kind,
    question: row.public_question,
    answer: row.public_answer,
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitNameEn: row.unit_name_en,
    topic: row.topic_code ? { code: row.topic_code, name: row.topic_name!, nameEn: row.topic_name_en } : null,
    repliedAt: row.replied_at?.toISOString() ?? null,
    publishedAt: row.published_at.toISOString(),
  };
}

/** The campaign's published questions and answers, searchable by unit, topic and text. */
export async function listQa({ db, slug, query }: { db: Db; slug: string; query: QaQuery }): Promise<QaPage> {
  const campaign = await getCampaignBySlug(db, slug);
  const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  const limit = query.limit ?? 50;
  const terms = searchTerms(query.q);
  const rows = await listQaRows(db, campaign.id, { unitId: query.unitId, topic: query.topic, terms, limit }, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toQaItem),
    nextCursor: rows.length > limit && last ? encodeCursor([last.published_at.toISOString(), last.id]) : null,
  };
}
