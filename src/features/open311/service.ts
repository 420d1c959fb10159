import type { UserActor } from '../../platform/auth/actor.ts';
import { findApiToken, sha256 } from '../../platform/auth/auth-repository.ts';
import { toActor } from '../../platform/auth/authenticate.ts';
import { can, grantsFor } from '../../platform/auth/policy.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCampaignBySlug, listCampaigns } from '../campaigns/read.ts';
import type { Campaign } from '../campaigns/schema.ts';
import type { CaseStatus } from '../../domain/vocabulary.ts';
import { messages, type Locale } from '../../messages/index.ts';
import { submitRequest } from '../public/service.ts';
import { listTopics } from '../topics/service.ts';
import { listRequestRows, type RequestRow } from './repository.ts';
import type {
  CreateRequestBody,
  Discovery,
  RequestCreated,
  RequestsQuery,
  Service,
  ServiceDefinition,
  ServiceRequest,
} from './schema.ts';
import { SPECIFICATION } from './schema.ts';

export type Language = Locale;

/** An Open311 refusal: its HTTP status is also the code in the spec's error list. */
export const open311Error = (status: 400 | 403 | 404, description: string) =>
  new AppError(status, status === 400 ? 'bad_request' : status === 403 ? 'forbidden' : 'not_found', description);

/** The campaign named by jurisdiction_id (its slug), or the newest campaign. */
export async function resolveJurisdiction(db: Db, jurisdictionId: string | undefined): Promise<Campaign> {
  const campaign = jurisdictionId ? await findCampaignBySlug(db, jurisdictionId) : (await listCampaigns(db))[0];
  if (!campaign) {
    throw open311Error(
      404,
      jurisdictionId ? `jurisdiction_id "${jurisdictionId}" is not a campaign here` : 'There is no campaign yet',
    );
  }
  return campaign;
}

const nameIn = (language: Language, name: string, nameEn: string | null) =>
  language === 'en-US' ? (nameEn ?? name) : name;

/** The campaign's topics as services. */
export async function listServices({
  db,
  campaign,
  language,
}: {
  db: Db;
  campaign: Campaign;
  language: Language;
}): Promise<Service[]> {
  return (await listTopics(db, campaign.id)).map((t) => ({
    service_code: t.code,
    service_name: nameIn(language, t.name, t.nameEn),
    description: t.description,
    metadata: false,
    type: 'realtime',
    keywords: t.keywords.join(', '),
    group: t.group,
  }));
}

/** A service's definition: no service asks for attributes, so the list is empty. */
export async function getServiceDefinition({
  db,
  campaign,
  serviceCode,
}: {
  db: Db;
  campaign: Campaign;
  serviceCode: string;
}): Promise<ServiceDefinition> {
  const topics = await listTopics(db, campaign.id);
  if (!topics.some((t) => t.code === serviceCode)) throw open311Error(404, `service_code "${serviceCode}" not found`);
  return { service_code: serviceCode, attributes: [] };
}

/**
 * The user behind an api_key: an OpenDay API token. Writing needs write scope and a role that
 * may enter requests for citizens (cases.intake).
 */
export async function userOfApiKey(db: Db, apiKey: string | undefined, purpose: 'write' | 'read'): Promise<UserActor> {
  const found = apiKey && /^[A-Za-z0-9_-]{20,200}$/.test(apiKey) ? await findApiToken(db, sha256(apiKey)) : undefined;
  if (!found) throw open311Error(403, 'Invalid api_key received -- cannot proceed');
  const actor = toActor(found.user, 'token', found.tokenId, found.scope) as UserActor;
  if (purpose === 'write' && (actor.scope !== 'write' || grantsFor(actor, 'cases.intake').length === 0)) {
    throw open311Error(403, 'This api_key may not create requests: it needs write scope and a unit admin or desk role');
  }
  return actor;
}

const PHONE = /^[0-9+][0-9 ()-]{4,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function coordinate(name: 'lat' | 'long', given: string | number | undefined, limit: number): number | undefined {
  if (given === undefined || given === '') return undefined;
  const raw = String(given);
  const value = Number(raw);
  if (!/^-?\d+(\.\d+)?$/.test(raw.trim()) || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw open311Error(400, `${name} must be a decimal number between -${limit} and ${limit}`);
  }
  return value;
}

const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * Creates a service request: a question addressed to the service's topic, through the same
 * command as the public channel. Contact details an Open311 client sends are the submitter's own,
 * given so as to be answered: they are kept as given with consent.
 */
export async function createRequest({
  db,
  campaign,
  body,
  language,
}: {
  db: Database;
  campaign: Campaign;
  body: CreateRequestBody;
  language: Language;
}): Promise<RequestCreated[]> {
  const actor = await userOfApiKey(db, body.api_key, 'write');
  const serviceCode = blankToUndefined(body.service_code);
  if (!serviceCode) throw open311Error(400, 'service_code is required');
  const lat = coordinate('lat', body.lat, 90);
  const lon = coordinate('long', body.long, 180);
  if ((lat === undefined) !== (lon === undefined)) throw open311Error(400, 'lat and long must be given together');
  const address = blankToUndefined(body.address_string);
  const addressId = blankToUndefined(body.address_id);
  if (lat === undefined && !address && !addressId) {
    throw open311Error(400, 'A location is required: lat and long, or address_string, or address_id');
  }
  const description = blankToUndefined(body.description);
  if (!description) throw open311Error(400, 'description is required');
  const phone = blankToUndefined(body.phone);
  if (phone && !PHONE.test(phone)) throw open311Error(400, 'phone is not a phone number');
  const email = blankToUndefined(body.email);
  if (email && !EMAIL.test(email)) throw open311Error(400, 'email is not an e-mail address');
  const name = [blankToUndefined(body.first_name), blankToUndefined(body.last_name)].filter(Boolean).join(' ');
  if ([...name].length > 100) throw open311Error(400, 'first_name and last_name are too long');
  const topics = await listTopics(db, campaign.id);
  if (!topics.some((t) => t.code === serviceCode)) throw open311Error(400, `service_code "${serviceCode}" not found`);
  const { body: created } = await submitRequest({
    db,
    actor,
    campaign,
    input: {
      kind: 'question',
      topicCode: serviceCode,
      text: description,
      contactName: name || undefined,
      contactPhone: phone,
      contactEmail: email,
      contactConsent: Boolean(name || phone || email),
      channel: 'online',
      source: 'open311',
      location: { address, addressId, lat, lon },
      deviceId: blankToUndefined(body.device_id),
      accountId: blankToUndefined(body.account_id),
    },
    key: undefined,
  });
  const unitName = nameIn(language, created.unitName, created.unitNameEn);
  return [
    {
      service_request_id: created.caseId,
      service_notice:
        language === 'en-US'
          ? `Received. ${unitName} will reply by ${created.dueOn}. Keep the tracking code ${created.trackingCode} to follow it and rate the reply.`
          : `已受理，由${unitName}办理，将于${created.dueOn}前答复。请保存查询码 ${created.trackingCode}，凭此查看进展并评价答复。`,
      account_id: blankToUndefined(body.account_id) ?? null,
    },
  ];
}

const OPEN: CaseStatus[] = ['open', 'transferred', 'reopened'];
const CLOSED: CaseStatus[] = ['replied', 'closed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The spec's default window and widest span of a search, and its largest answer. */
const WINDOW_DAYS = 90;
const MAX_REQUESTS = 1000;

/** A moment on China's clock, as the spec's W3C datetime: 2026-05-15T09:30:00+08:00. */
export function w3cDateTime(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

function parseDate(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  // W3C datetime: a date, or a date and time with a zone (a missing zone is China's).
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(raw.trim());
  const text = match
    ? match[1]
      ? match[4]
        ? raw.trim()
        : `${raw.trim()}+08:00`
      : `${raw.trim()}T00:00:00+08:00`
    : '';
  const at = new Date(text);
  if (!match || Number.isNaN(at.getTime())) throw open311Error(400, `${name} must be a W3C datetime`);
  return at;
}

function toServiceRequest(row: RequestRow, language: Language, full: boolean): ServiceRequest {
  const closed = CLOSED.includes(row.status);
  // A reply reaches the public through the Q&A (texts free of personal data); an API key of the
  // unit sees the reply itself, the question and the place.
  const reply = full ? row.reply : row.published_at ? row.public_answer : null;
  const unitName = nameIn(language, row.unit_name, row.unit_name_en);
  return {
    service_request_id: row.id,
    status: closed ? 'closed' : 'open',
    status_notes: (closed ? reply : null) ?? messages(language).cases.status[row.status],
    service_name: row.topic_name === null ? null : nameIn(language, row.topic_name, row.topic_name_en),
    service_code: row.topic_code,
    description: full ? row.question : row.published_at ? row.public_question : null,
    agency_responsible: unitName,
    service_notice:
      language === 'en-US' ? `${unitName} replies by ${row.due_on}` : `${unitName}将于${row.due_on}前答复`,
    requested_datetime: w3cDateTime(row.occurred_at),
    updated_datetime: w3cDateTime(row.updated_at),
    expected_datetime: `${row.due_on}T23:59:59+08:00`,
    address: full ? row.address : null,
    address_id: full ? row.address_id : null,
    zipcode: null,
    lat: full ? row.lat : null,
    long: full ? row.lon : null,
    media_url: null,
  };
}

const commaList = (raw: string | undefined) =>
  raw
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Service requests with the spec's filters and defaults: by id (then nothing else filters), or by
 * service codes, status and a window of at most 90 days (default the last 90), at most 1000.
 */
export async function listRequests({
  db,
  campaign,
  query,
  language,
}: {
  db: Db;
  campaign: Campaign;
  query: RequestsQuery;
  language: Language;
}): Promise<ServiceRequest[]> {
  const viewer = query.api_key ? await userOfApiKey(db, query.api_key, 'read') : undefined;
  const ids = commaList(query.service_request_id);
  let rows: RequestRow[];
  if (ids && ids.length) {
    const valid = ids.filter((id) => UUID.test(id)).slice(0, MAX_REQUESTS);
    rows = valid.length ? await listRequestRows(db, campaign.id, { ids: valid, limit: MAX_REQUESTS }) : [];
  } else {
    let from = parseDate('start_date', query.start_date);
    let to = parseDate('end_date', query.end_date);
    const span = WINDOW_DAYS * 86_400_000;
    if (from && to && to.getTime() - from.getTime() > span) {
      throw open311Error(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`);
    }
    if (from && to && to < from) throw open311Error(400, 'end_date must not be before start_date');
    if (!from && !to) to = new Date();
    if (!from) from = new Date(to!.getTime() - span);
    if (!to) to = new Date(from.getTime() + span);
    const statuses = commaList(query.status);
    if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw open311Error(400, 'status must be open or closed');
    rows = await listRequestRows(db, campaign.id, {
      serviceCodes: commaList(query.service_code),
      from,
      to,
      statuses: statuses?.length
        ? [...(statuses.includes('open') ? OPEN : []), ...(statuses.includes('closed') ? CLOSED : [])]
        : undefined,
      limit: MAX_REQUESTS,
    });
  }
  return rows.map((row) =>
    toServiceRequest(
      row,
      language,
      viewer !== undefined &&
        can(viewer, 'cases.read', { unitId: row.unit_id, unitPath: row.unit_path, regionPath: row.unit_region_path }),
    ),
  );
}

/** One service request by its id, as a list of one as the spec has it. */
export async function getRequest({
  db,
  campaign,
  id,
  apiKey,
  language,
}: {
  db: Db;
  campaign: Campaign;
  id: string;
  apiKey: string | undefined;
  language: Language;
}): Promise<ServiceRequest[]> {
  const found = UUID.test(id)
    ? await listRequests({ db, campaign, query: { service_request_id: id, api_key: apiKey }, language })
    : [];
  if (found.length === 0) throw open311Error(404, `service_request_id "${id}" not found`);
  return found;
}

/** When the API last changed in a way clients see. */
const CHANGESET = '2026-11-28T00:00:00Z';

/** The discovery document: where the GeoReport v2 endpoint is and how to get a key. */
export function discovery(baseUrl: string): Discovery {
  return {
    changeset: CHANGESET,
    contact: 'The coordinating office (政务公开办) of the campaign; questions go through the public channel.',
    key_service:
      'api_key is an OpenDay API token with write scope of a unit admin or desk staff account: ask the unit admin, ' +
      'or run `openday token create`.',
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${baseUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}
