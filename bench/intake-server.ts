/**
 * The server side of the intake benchmark, run as its own process so that the load generator
 * (bench/run.ts) is a second process on the loopback. It opens the database, seeds a unit with a
 * desk user, and serves two things on two ports:
 * - the real application (session, CSRF, validation, policy, idempotency, audit), and
 * - a bare Fastify route that inserts the same row with the same driver and nothing else, into a
 *   twin of the consultations table without the triggers that keep the live figures, one INSERT
 *   per request, and
 * - a bare batched route: the same rows, but requests that arrive while the database is busy are
 *   written together by one multi-row INSERT, with the real path's batch size and concurrency
 *   (group commit, as the real intake does), so the real path is also compared like for like.
 * It prints one JSON line with what the load generator needs, then serves until SIGTERM.
 */
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createCampaign } from '../src/features/campaigns/service.ts';
import {
  CONSULTATION_COLUMNS,
  consultationValues,
  type ConsultationRow,
} from '../src/features/consultations/repository.ts';
import { createRegion } from '../src/features/regions/service.ts';
import { createUnit } from '../src/features/units/service.ts';
import { createUser } from '../src/features/users/service.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { GroupCommit } from '../src/platform/db/group-commit.ts';
import { openDatabase } from '../src/platform/db/open.ts';
import { newId } from '../src/platform/ids.ts';

const config = loadConfig();
const db = await openDatabase(config);
await migrate(db);

const suffix = Date.now().toString(36);
const region = (
  await createRegion({
    db,
    actor: null,
    input: { code: `B${suffix}`, name: '压测省', level: 'province' },
  })
).body;
const office = (
  await createUnit({
    db,
    actor: null,
    input: { name: `压测公开办${suffix}`, kind: 'office', regionId: region.id },
  })
).body;
const unit = (
  await createUnit({
    db,
    actor: null,
    input: { name: `压测供热办${suffix}`, kind: 'bureau', regionId: region.id },
  })
).body;
const campaign = (
  await createCampaign({
    db,
    actor: null,
    input: {
      slug: `bench-${suffix}`,
      title: '压测',
      theme: '压测',
      openDay: '2026-05-15',
      organizerUnitId: office.id,
      unitIds: [unit.id],
    },
  })
).body;
const username = `bench-desk-${suffix}`;
const password = 'bench-password-2026';
await createUser({
  db,
  actor: null,
  input: { username, password, displayName: username, role: 'desk_staff', unitId: unit.id },
});

const app = await buildApp({ db, config });
await app.listen({ port: 0, host: '127.0.0.1' });
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const cookie = login.cookies.find((c) => c.name === 'openday_session')!;

// Whether the schema keeps live figures by triggers on consultations (figure_counts): the real
// path then pays for them, as it does in production.
const aggregates = (
  await db.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'figure_counts') AS present`,
  )
).rows[0]!.present;

// The baseline inserts into a twin of the consultations table: the same columns, checks, indexes
// and foreign keys, but none of the triggers that keep the live figures, so that it stays the
// bare stack whatever the real path has to maintain.
const BARE_TABLE = 'bench_bare_consultations';
await db.exec(`DROP TABLE IF EXISTS ${BARE_TABLE}`);
await db.exec(`CREATE TABLE ${BARE_TABLE} (LIKE consultations INCLUDING ALL)`);
const { rows: foreignKeys } = await db.query<{ def: string }>(
  `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
   WHERE conrelid = 'consultations'::regclass AND contype = 'f'`,
);
for (const key of foreignKeys) await db.exec(`ALTER TABLE ${BARE_TABLE} ADD ${key.def}`);

// The baseline: the same row, the same driver, one INSERT, no checks of any kind.
const bare = Fastify({ logger: false });
const insertSql = `INSERT INTO ${BARE_TABLE} (${CONSULTATION_COLUMNS.join(', ')})
  VALUES (${CONSULTATION_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
/** The row the bare routes store for a request body: the real intake's columns, no checks. */
function bareRow(body: { campaignId: string; unitId: string; topic: string; question: string; answer: string }) {
  const now = new Date();
  const row: ConsultationRow = {
    id: newId(),
    campaign_id: body.campaignId,
    unit_id: body.unitId,
    site_id: null,
    desk_id: null,
    visit_id: newId(),
    occurred_at: now,
    channel: 'on_site',
    topic: body.topic,
    question: body.question,
    answer: body.answer,
    outcome: 'answered_on_spot',
    handled_matter: null,
    received_by: null,
    partner_id: null,
    channel_point_id: null,
    rating: 'satisfied',
    visitor_name: null,
    visitor_phone: null,
    contact_consent: false,
    created_at: now,
    created_by: null,
  };
  return row;
}
type BareBody = Parameters<typeof bareRow>[0];
bare.post('/consultations', async (request, reply) => {
  const row = bareRow(request.body as BareBody);
  await db.query(insertSql, consultationValues(row));
  return reply.status(201).send({ id: row.id });
});
// The batched baseline: one multi-row INSERT per batch, the real path's batch size and concurrency.
const width = CONSULTATION_COLUMNS.length;
const batched = new GroupCommit<ConsultationRow, string>(
  async (rows) => {
    const values = rows.flatMap((row) => consultationValues(row));
    const tuples = rows.map((_, r) => `(${CONSULTATION_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`);
    await db.query(
      `INSERT INTO ${BARE_TABLE} (${CONSULTATION_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
    return rows.map((row) => row.id);
  },
  { maxBatch: 64, concurrency: db.kind === 'embedded' ? 1 : 4 },
);
bare.post('/consultations-batched', async (request, reply) => {
  const id = await batched.submit(bareRow(request.body as BareBody));
  return reply.status(201).send({ id });
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (server: typeof app.server) => (server.address() as { port: number }).port;
process.stdout.write(
  `${JSON.stringify({
    realUrl: `http://127.0.0.1:${port(app.server)}/api/v1/consultations`,
    bareUrl: `http://127.0.0.1:${port(bare.server)}/consultations`,
    bareBatchedUrl: `http://127.0.0.1:${port(bare.server)}/consultations-batched`,
    cookie: `openday_session=${cookie.value}`,
    csrfToken: login.json().csrfToken,
    campaignId: campaign.id,
    unitId: unit.id,
    aggregates,
  })}\n`,
);

process.on('message', async (message: { count?: string }) => {
  if (message.count) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM consultations WHERE campaign_id = $1)::int
         + (SELECT count(*) FROM ${BARE_TABLE} WHERE campaign_id = $1)::int AS n`,
      [campaign.id],
    );
    process.send!({ count: rows[0]!.n });
  }
});
process.once('SIGTERM', async () => {
  await app.close();
  await bare.close();
  await db.close();
  process.exit(0);
});
