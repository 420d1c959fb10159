/**
 * The province-scale data set of `npm run bench`: one campaign of a whole province's open day on
 * PostgreSQL, generated on the server (INSERT … SELECT over generate_series) in a few minutes.
 *
 * Shape (province scale; quick scale is the same shape, smaller):
 * - a region tree of 1 province, 14 cities and 100 districts;
 * - 5,000 units: the provincial open-government office (the organizer) and departments, each
 *   city's office and bureaus, each district's office, bureaus, sub-district offices (街道) and
 *   residents' committees (社区);
 * - a plan per unit with one site and 2–3 desks, 20 campaign topics;
 * - 5,000,000 consultations on 15 May between 08:00 and 18:00 China time (peaking mid-morning),
 *   over topics (skewed: a few topics take most questions), units (departments busier than
 *   residents' committees), channels, outcomes and desks; a visit holds 1–3 consultations; most
 *   are rated;
 * - 200,000 cases (every question transferred or to be followed up), in every state, with their
 *   events (opened, transferred, extended, replied, rated, closed, reopened) and ratings.
 *
 * Every CHECK of the schema holds and every reference points at a row (checked by `verify`). The
 * load runs with `session_replication_role = replica`, so row triggers (foreign-key checks and any
 * trigger maintaining aggregates) are skipped; the secondary indexes of the big tables are dropped
 * for the load and built again afterwards. When the database has `openday_rebuild_figures`, it is
 * called afterwards to bring the aggregates in line with the rows, and timed on its own.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createUser } from '../src/features/users/service.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { newId } from '../src/platform/ids.ts';

export interface ProvinceShape {
  /**
   * Provinces: 1 is a province's own campaign, organized by its office; more are a national
   * campaign under a country region, organized by the national office, each province shaped as
   * the counts below divided among them.
   */
  provinces?: number;
  cities: number;
  districts: number;
  units: number;
  /** A multiple of 10 (visits come in a cycle of 6 visits holding 10 consultations). */
  consultations: number;
  /** Every `consultations / cases`-th consultation opens a case. */
  cases: number;
}

export const SHAPES: Record<'quick' | 'province' | 'national', ProvinceShape> = {
  national: {
    provinces: 10,
    cities: 140,
    districts: 1_000,
    units: 50_000,
    consultations: 50_000_000,
    cases: 2_000_000,
  },
  province: { cities: 14, districts: 100, units: 5_000, consultations: 5_000_000, cases: 200_000 },
  quick: { cities: 3, districts: 6, units: 50, consultations: 50_000, cases: 2_000 },
};

export interface ProvinceCampaign {
  campaignId: string;
  slug: string;
  organizerUnitId: string;
  /** A busy district bureau with desks: where the bench records new consultations. */
  deskUnitId: string;
  deskId: string;
  organizer: { username: string; password: string };
  desk: { username: string; password: string };
  /**
   * Dashboard viewers of different reaches, each its own account: the province organizer, the
   * organizers of cities and districts (their offices' regions), and unit admins; 50 in all.
   */
  viewers: { username: string; password: string; reach: string; regionPrefix?: string; unitPrefix?: string }[];
  units: number;
  consultations: number;
  visits: number;
  cases: number;
  caseEvents: number;
  /** The most and least asked topics, for filters. */
  topics: string[];
  /** Seconds: the whole load (rows, indexes, ANALYZE), and the aggregates' rebuild (null: none). */
  loadSeconds: number;
  rebuildSeconds: number | null;
}

const PASSWORD = 'bench-password-2026';
const OPEN_DAY = '2026-05-15';

const CITY_NAMES = [
  '临江市',
  '青山市',
  '云阳市',
  '安平市',
  '东林市',
  '白河市',
  '南屏市',
  '北塘市',
  '清源市',
  '宁远市',
  '金沙市',
  '长宁市',
  '玉泉市',
  '丰泽市',
];
const DISTRICT_STEMS = [
  '城关',
  '新华',
  '长安',
  '高新',
  '东湖',
  '西山',
  '南湖',
  '北岭',
  '滨江',
  '桥西',
  '桥东',
  '河西',
  '河东',
  '古城',
  '新城',
  '龙泉',
  '凤凰',
  '石门',
  '平安',
  '永和',
  '太和',
  '清河',
  '柳林',
  '松山',
  '桃源',
  '梅溪',
  '兰亭',
  '竹溪',
  '桂园',
  '金山',
];
const BUREAUS = [
  '人力资源和社会保障局',
  '医疗保障局',
  '住房公积金管理中心',
  '供热管理办公室',
  '公安局',
  '自然资源局',
  '民政局',
  '教育局',
  '司法局',
  '住房和城乡建设局',
  '交通运输局',
  '生态环境局',
  '市场监督管理局',
  '卫生健康委员会',
  '水利局',
  '农业农村局',
  '退役军人事务局',
  '税务局',
  '发展和改革委员会',
  '文化和旅游局',
];
const STREET_STEMS = ['东风', '向阳', '解放', '建设', '人民', '和平', '胜利', '友谊', '光明', '团结', '幸福', '红旗'];
const COMMUNITY_STEMS = [
  '花园',
  '翠苑',
  '锦绣',
  '阳光',
  '春晖',
  '丽景',
  '学府',
  '滨河',
  '枫林',
  '康乐',
  '新村',
  '怡园',
  '祥和',
  '书香',
  '紫荆',
  '碧水',
  '青年',
  '安居',
];
/** code, name, English name, index of the department in BUREAUS that answers it. */
const TOPICS: readonly (readonly [string, string, string, number])[] = [
  ['social-insurance', '社会保险', 'Social insurance', 0],
  ['medical-insurance', '医疗保险', 'Medical insurance', 1],
  ['housing-fund', '住房公积金', 'Housing provident fund', 2],
  ['heating', '供暖', 'Heating', 3],
  ['household-registration', '户籍', 'Household registration', 4],
  ['real-estate', '不动产登记', 'Real estate registration', 5],
  ['elderly-care', '养老服务', 'Elderly care', 6],
  ['education', '教育入学', 'School enrolment', 7],
  ['legal-aid', '法律援助', 'Legal aid', 8],
  ['housing', '住房保障', 'Housing assistance', 9],
  ['employment', '就业创业', 'Jobs and start-ups', 0],
  ['transport', '交通出行', 'Transport', 10],
  ['environment', '生态环境', 'Environment', 11],
  ['market', '市场监管', 'Market regulation', 12],
  ['health', '卫生健康', 'Health', 13],
  ['water', '水利', 'Water', 14],
  ['rural', '农村事务', 'Rural affairs', 15],
  ['veterans', '退役军人', 'Veterans', 16],
  ['tax', '税费', 'Taxes and fees', 17],
  ['minimum-living', '低保救助', 'Minimum living allowance', 6],
];

interface Region {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  level: 'country' | 'province' | 'city' | 'district';
  path: string;
}
interface Unit {
  id: string;
  name: string;
  kind: 'office' | 'bureau' | 'street' | 'community';
  region: Region;
  parent: Unit | null;
  path: string;
  /** How busy its desks are, relative to the others. */
  weight: number;
}

const PROVINCE_NAMES = [
  '东川省',
  '西岭省',
  '南江省',
  '北原省',
  '中州省',
  '海滨省',
  '云岭省',
  '河阳省',
  '天水省',
  '嘉禾省',
];

/**
 * The region tree and the units, built here (they are small); the records are built on the server.
 * One province, or (shape.provinces > 1) a country region above several, the national office
 * organizing them.
 */
function buildTree(shape: ProvinceShape): { regions: Region[]; units: Unit[] } {
  const provinces = shape.provinces ?? 1;
  if (provinces > PROVINCE_NAMES.length) throw new Error(`at most ${PROVINCE_NAMES.length} provinces`);
  if (shape.cities % provinces || shape.districts % provinces) {
    throw new Error('cities and districts must divide among the provinces');
  }
  const regions: Region[] = [];
  const units: Unit[] = [];
  const add = (name: string, kind: Unit['kind'], region: Region, parent: Unit | null, weight: number): Unit => {
    const id = newId();
    const unit = { id, name, kind, region, parent, path: `${parent?.path ?? '/'}${id}/`, weight };
    units.push(unit);
    return unit;
  };
  let country: Region | null = null;
  let nationalOffice: Unit | null = null;
  if (provinces > 1) {
    country = { id: newId(), parent_id: null, code: '100000', name: '全国', level: 'country', path: '/100000/' };
    regions.push(country);
    nationalOffice = add('国务院办公厅政府信息与政务公开办公室', 'office', country, null, 3);
  }
  const provinceUnits = shape.units - units.length;
  for (let p = 0; p < provinces; p++) {
    addProvince({
      p,
      country,
      nationalOffice,
      cities: shape.cities / provinces,
      districts: shape.districts / provinces,
      units: Math.floor(provinceUnits / provinces) + (p < provinceUnits % provinces ? 1 : 0),
      regions,
      add,
    });
  }
  return { regions, units };
}

/** One province's regions and units (its office, departments, cities, districts and what is below). */
function addProvince({
  p,
  country,
  nationalOffice,
  cities: cityCount,
  districts: districtCount,
  units: unitCount,
  regions,
  add,
}: {
  p: number;
  country: Region | null;
  nationalOffice: Unit | null;
  cities: number;
  districts: number;
  units: number;
  regions: Region[];
  add: (name: string, kind: Unit['kind'], region: Region, parent: Unit | null, weight: number) => Unit;
}): void {
  const provinceCode = String(39 + p);
  const province: Region = {
    id: newId(),
    parent_id: country?.id ?? null,
    code: `${provinceCode}0000`,
    name: PROVINCE_NAMES[p]!,
    level: 'province',
    path: `${country?.path ?? '/'}${provinceCode}0000/`,
  };
  const cities: Region[] = [];
  const districts: Region[] = [];
  for (let c = 0; c < cityCount; c++) {
    const code = `${provinceCode}${String(c + 1).padStart(2, '0')}00`;
    // The first province's cities as listed; the others' made from them, all different.
    const name = `${CITY_NAMES[c % CITY_NAMES.length]![0]}${CITY_NAMES[(c + p) % CITY_NAMES.length]![1]}市`;
    cities.push({ id: newId(), parent_id: province.id, code, name, level: 'city', path: `${province.path}${code}/` });
  }
  for (let d = 0; d < districtCount; d++) {
    const city = cities[d % cityCount]!;
    const k = Math.floor(d / cityCount);
    const code = `${city.code.slice(0, 4)}${String(k + 1).padStart(2, '0')}`;
    districts.push({
      id: newId(),
      parent_id: city.id,
      code,
      name: `${DISTRICT_STEMS[(cities.indexOf(city) * 7 + k) % DISTRICT_STEMS.length]}${k % 4 === 3 ? '县' : '区'}`,
      level: 'district',
      path: `${city.path}${code}/`,
    });
  }
  regions.push(province, ...cities, ...districts);

  let added = 0;
  const addHere = (...args: Parameters<typeof add>) => {
    added++;
    return add(...args);
  };
  const provinceOffice = addHere(`${province.name}人民政府办公厅政务公开办`, 'office', province, nationalOffice, 3);
  const provinceBureaus = Math.min(BUREAUS.length, Math.floor(unitCount * 0.004));
  for (let b = 0; b < provinceBureaus; b++) {
    addHere(`${province.name}${BUREAUS[b]}`, 'bureau', province, provinceOffice, 8);
  }
  const cityBureaus = Math.min(15, Math.floor(unitCount * 0.003));
  const cityOffices = cities.map((city) => {
    const office = addHere(`${city.name}人民政府办公室政务公开科`, 'office', city, provinceOffice, 3);
    for (let b = 0; b < cityBureaus; b++) addHere(`${city.name}${BUREAUS[b]}`, 'bureau', city, office, 6);
    return office;
  });
  const districtOffices = districts.map((district, d) =>
    addHere(
      `${cities[d % cityCount]!.name}${district.name}政务公开办`,
      'office',
      district,
      cityOffices[d % cityCount]!,
      3,
    ),
  );
  const rest = unitCount - added;
  if (rest < 0) throw new Error(`${unitCount} units are too few for ${1 + cityCount + districtCount} regions`);
  districts.forEach((district, d) => {
    const count = Math.floor(rest / districts.length) + (d < rest % districts.length ? 1 : 0);
    const bureaus = Math.min(BUREAUS.length, Math.round(count * 0.42));
    const streets = Math.min(STREET_STEMS.length, Math.round(count * 0.18));
    const office = districtOffices[d]!;
    const prefix = `${cities[d % cityCount]!.name}${district.name}`;
    for (let i = 0; i < count; i++) {
      if (i < bureaus) addHere(`${prefix}${BUREAUS[i]}`, 'bureau', district, office, 4);
      else if (i < bureaus + streets)
        addHere(`${prefix}${STREET_STEMS[i - bureaus]}街道办事处`, 'street', district, office, 2);
      else {
        const c = i - bureaus - streets;
        const round = Math.floor(c / COMMUNITY_STEMS.length);
        const stem = `${COMMUNITY_STEMS[c % COMMUNITY_STEMS.length]}${round ? round + 1 : ''}`;
        addHere(`${prefix}${stem}社区居民委员会`, 'community', district, office, 1);
      }
    }
  });
}

/**
 * Time-ordered ids in the shape of the app's UUIDv7 (48 bits of milliseconds, version 7, variant
 * 8), made on the server from a sequence number: ids of rows loaded in order are in order, so the
 * primary keys are appended to, as the app's own ids are. `tag` (3 hex digits) tells tables apart.
 */
const ID_FUNCTION = `CREATE FUNCTION pg_temp.bench_id(base bigint, tag text, n bigint) RETURNS uuid
  LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex(base + n), 12, '0') || '7' || tag || '8' || lpad(to_hex(n >> 48), 3, '0')
      || lpad(to_hex(n & 281474976710655), 12, '0'))::uuid
  $$`;

/** Crockford base32 tracking codes, one per case number, all different (an odd multiplier mod 2^60). */
const TRACKING_FUNCTION = `CREATE FUNCTION pg_temp.bench_tracking(n bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> (5 * (11 - i))) & 31)::int + 1, 1)
      || CASE WHEN i IN (3, 7) THEN '-' ELSE '' END, '' ORDER BY i)
    FROM (SELECT (n * 40503 + 1234567) & 1152921504606846975 AS v) x, generate_series(0, 11) i
  $$`;

const TABLES_WITH_LOADED_INDEXES = ['consultations', 'cases', 'case_events'];

async function timed<T>(label: string, log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Creates the tables of a fresh database (the app's migrations), loads the province campaign into
 * it, and creates an organizer and a desk user to log in as.
 */
export async function generateProvince({
  url,
  shape,
  log = () => {},
  rebuild = true,
}: {
  url: string;
  shape: ProvinceShape;
  log?: (line: string) => void;
  /** Whether to rebuild the aggregates after the load (only a check of the load itself skips it). */
  rebuild?: boolean;
}): Promise<ProvinceCampaign> {
  if (shape.consultations % 10 !== 0) throw new Error('consultations must be a multiple of 10');
  const perCase = shape.consultations / shape.cases;
  if (!Number.isInteger(perCase)) throw new Error('cases must divide consultations');
  const started = performance.now();
  const db = await openPostgres(url, 2);
  await migrate(db);

  const { regions, units } = buildTree(shape);
  const campaignId = newId();
  const organizerUnit = units[0]!;
  const national = (shape.provinces ?? 1) > 1;
  const slug = `${national ? 'national' : 'province'}-${Date.now().toString(36)}`;

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let loaded: Omit<ProvinceCampaign, 'organizer' | 'desk' | 'viewers' | 'loadSeconds' | 'rebuildSeconds'>;
  try {
    // Triggers (foreign-key checks, aggregates) are skipped in this database session: see the file's comment.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(`SET work_mem = '64MB'`);
    await client.query(ID_FUNCTION);
    await client.query(TRACKING_FUNCTION);
    const base = Date.now() - 3 * shape.consultations - 10_000_000;

    loaded = await timed('regions, units, campaign, plans, sites, desks, topics', log, async () => {
      await client.query(
        `INSERT INTO regions (id, parent_id, code, name, level, path)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        [
          regions.map((r) => r.id),
          regions.map((r) => r.parent_id),
          regions.map((r) => r.code),
          regions.map((r) => r.name),
          regions.map((r) => r.level),
          regions.map((r) => r.path),
        ],
      );
      await client.query(
        `INSERT INTO units (id, name, kind, region_id, parent_id, path, region_path)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[])`,
        [
          units.map((u) => u.id),
          units.map((u) => u.name),
          units.map((u) => u.kind),
          units.map((u) => u.region.id),
          units.map((u) => u.parent?.id ?? null),
          units.map((u) => u.path),
          units.map((u) => u.region.path),
        ],
      );
      await client.query(
        `INSERT INTO campaigns (id, slug, title, title_en, theme, notice, organizer_unit_id, open_day, starts_on,
           ends_on, summary_due_on)
         VALUES ($1, $2, $5, $6, '公开促落实 服务惠民生', $7, $3, $4, '2026-05-08', '2026-05-31', '2026-06-15')`,
        [
          campaignId,
          slug,
          organizerUnit.id,
          OPEN_DAY,
          ...(national
            ? [
                '2026年全国"5·15"政务公开日活动',
                'National Government Open Day 2026',
                '各省人民政府，国务院各部门：现将2026年"5·15"政务公开日活动有关事项通知如下。',
              ]
            : [
                '东川省2026年"5·15"政务公开日活动',
                'Dongchuan Province Government Open Day 2026',
                '各市、县（区）人民政府，省政府各部门：现将2026年"5·15"政务公开日活动有关事项通知如下。',
              ]),
        ],
      );
      // Units numbered from 1 in the order above, with their weights, for the server-side generation.
      await client.query(`CREATE TEMP TABLE bench_units (n int PRIMARY KEY, unit_id uuid NOT NULL, region_id uuid NOT NULL,
        plan_id uuid NOT NULL, site_id uuid NOT NULL, desks int NOT NULL, name text NOT NULL)`);
      await client.query(
        `INSERT INTO bench_units (n, unit_id, region_id, plan_id, site_id, desks, name)
         SELECT n, u, r, pg_temp.bench_id($4, '0a1', n), pg_temp.bench_id($4, '0a2', n), 2 + (n % 2), nm
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS x(u, r, nm, n)`,
        [units.map((u) => u.id), units.map((u) => u.region.id), units.map((u) => u.name), base],
      );
      await client.query(`INSERT INTO campaign_units (campaign_id, unit_id) SELECT $1, unit_id FROM bench_units`, [
        campaignId,
      ]);
      await client.query(
        `INSERT INTO plans (id, campaign_id, unit_id, leader_name, leader_title, staff_count, issued_on, notes, filed_at)
         SELECT plan_id, $1, unit_id, (ARRAY['王','李','张','刘','陈','杨','赵','黄'])[n % 8 + 1]
             || (ARRAY['建国','海燕','志强','丽娟','立军','春生'])[n % 6 + 1],
           '副主任', 3 + n % 28, '2026-05-06', '按照省政府办公厅通知要求，设立咨询台，安排业务骨干现场解答。',
           '2026-05-07 09:00+08'
         FROM bench_units`,
        [campaignId],
      );
      await client.query(
        `INSERT INTO sites (id, campaign_id, plan_id, name, address, region_id, held_on, opens_at, closes_at)
         SELECT site_id, $1, plan_id, name || '政务公开日服务点', '人民路' || (n % 300 + 1) || '号', region_id,
           $2, '08:00', '18:00'
         FROM bench_units`,
        [campaignId, OPEN_DAY],
      );
      await client.query(
        `CREATE TEMP TABLE bench_desks (unit_n int, k int, desk_id uuid NOT NULL, PRIMARY KEY (unit_n, k))`,
      );
      await client.query(
        `INSERT INTO bench_desks SELECT u.n, k, pg_temp.bench_id($1, '0a3', u.n * 4 + k) FROM bench_units u,
           generate_series(0, u.desks - 1) k`,
        [base],
      );
      await client.query(
        `INSERT INTO desks (id, campaign_id, plan_id, site_id, name, topics)
         SELECT d.desk_id, $1, u.plan_id, u.site_id, (d.k + 1) || '号咨询台',
           ($2::text[])[(u.n + d.k) % cardinality($2::text[]) + 1:(u.n + d.k) % cardinality($2::text[]) + 2]
         FROM bench_desks d JOIN bench_units u ON u.n = d.unit_n`,
        [campaignId, TOPICS.map((t) => t[1])],
      );
      // The department answering each topic: the organizer's region's, or the organizer when it has none.
      const answering = (index: number) =>
        units.find((u) => u.region === organizerUnit.region && u.name.endsWith(BUREAUS[index]!)) ?? organizerUnit;
      await client.query(
        `INSERT INTO campaign_topics (id, campaign_id, code, name, name_en, description, keywords, group_name, unit_id)
         SELECT gen_random_uuid(), $1, code, name, name_en, name || '相关政策咨询', ARRAY[name], '民生服务', unit_id
         FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[]) AS t(code, name, name_en, unit_id)`,
        [
          campaignId,
          TOPICS.map((t) => t[0]),
          TOPICS.map((t) => t[1]),
          TOPICS.map((t) => t[2]),
          TOPICS.map((t) => answering(t[3]).id),
        ],
      );
      // Busier units get more slots; a visit picks a slot at random.
      const slots: number[] = [];
      const totalWeight = units.reduce((a, u) => a + u.weight, 0);
      const perWeight = Math.max(1, Math.round((shape.units * 20) / totalWeight));
      units.forEach((u, i) => {
        for (let s = 0; s < u.weight * perWeight; s++) slots.push(i + 1);
      });
      await client.query(`CREATE TEMP TABLE bench_slots (slot int PRIMARY KEY, unit_n int NOT NULL)`);
      await client.query(
        `INSERT INTO bench_slots SELECT slot - 1, unit_n FROM unnest($1::int[]) WITH ORDINALITY AS x(unit_n, slot)`,
        [slots],
      );
      await client.query('ANALYZE bench_units; ANALYZE bench_desks; ANALYZE bench_slots');
      return {
        campaignId,
        slug,
        organizerUnitId: organizerUnit.id,
        deskUnitId: '',
        deskId: '',
        units: units.length,
        consultations: shape.consultations,
        visits: (shape.consultations / 10) * 6,
        cases: shape.cases,
        caseEvents: 0,
        topics: [],
      };
    });

    const dropped = await timed('secondary indexes dropped', log, async () => {
      const { rows } = await client.query<{ name: string; def: string }>(
        `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [TABLES_WITH_LOADED_INDEXES],
      );
      for (const row of rows) await client.query(`DROP INDEX ${pg.escapeIdentifier(row.name)}`);
      return rows;
    });

    const slotCount = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_slots')).rows[0]!.n;
    // Random draws are taken in subqueries fenced with OFFSET 0, so that each is drawn once per row
    // and every expression using it sees the same value.
    await client.query('SELECT setseed(0.515)');
    await timed(`${shape.consultations.toLocaleString('en-US')} consultations`, log, () =>
      client.query(
        `INSERT INTO consultations (id, campaign_id, unit_id, site_id, desk_id, visit_id, occurred_at, channel, topic,
           question, answer, outcome, rating, visitor_name, visitor_phone, contact_consent, created_at)
         SELECT pg_temp.bench_id(${base}, '0c1', c.g), '${campaignId}', c.unit_id,
           CASE WHEN c.channel = 'on_site' THEN c.site_id END, CASE WHEN c.channel = 'on_site' THEN c.desk_id END,
           pg_temp.bench_id(${base}, '0b1', c.v), c.at + c.k * interval '3 minutes', c.channel,
           CASE WHEN NOT c.blank THEN c.topic END,
           CASE WHEN NOT c.blank THEN '关于' || c.topic || '：' || ($2::text[])[c.g % cardinality($2::text[]) + 1] END,
           CASE WHEN c.blank THEN NULL WHEN c.opens_case THEN '已登记，转相关部门办理后答复。'
             ELSE '已当场解答：' || ($3::text[])[c.g % cardinality($3::text[]) + 1] END,
           CASE WHEN c.blank THEN NULL
             WHEN c.opens_case THEN CASE WHEN (c.g / ${perCase}) % 5 < 2 THEN 'transferred' ELSE 'follow_up' END
             WHEN c.outcome_r < 0.90 THEN 'answered_on_spot' WHEN c.outcome_r < 0.98 THEN 'suggestion' ELSE 'complaint' END,
           CASE WHEN c.blank OR c.rated_r >= 0.72 THEN NULL WHEN c.level_r < 0.46 THEN 'very_satisfied'
             WHEN c.level_r < 0.80 THEN 'satisfied' WHEN c.level_r < 0.93 THEN 'basically_satisfied'
             WHEN c.level_r < 0.98 THEN 'dissatisfied' ELSE 'very_dissatisfied' END,
           c.visitor_name, c.visitor_phone, c.visitor_name IS NOT NULL,
           c.at + c.k * interval '3 minutes' + interval '40 seconds'
         FROM (
           SELECT c.*, ($1::text[])[floor(${TOPICS.length} * power(c.topic_r, 1.8))::int + 1] AS topic,
             c.g % ${perCase} = 0 AS opens_case,
             c.size = 1 AND c.g % ${perCase} <> 0 AND c.blank_r < 0.03 AS blank
           FROM (
             SELECT w.*, k, w.g0 + k + 1 AS g, random() AS topic_r, random() AS outcome_r, random() AS rated_r,
               random() AS level_r, random() AS blank_r
             FROM (
               SELECT v.v, v.g0, v.size, u.unit_id, u.site_id, d.desk_id,
                 -- Triangular over 08:00–17:50 with its mode at 10:10.
                 timestamptz '${OPEN_DAY} 08:00:00+08' + make_interval(secs => 590 * 60 * CASE WHEN v.t1 < 0.22
                   THEN sqrt(v.t1 * 0.22) ELSE 1 - sqrt((1 - v.t1) * 0.78) END) AS at,
                 CASE WHEN v.r_channel < 0.80 THEN 'on_site' WHEN v.r_channel < 0.88 THEN 'hotline'
                   WHEN v.r_channel < 0.95 THEN 'online' WHEN v.r_channel < 0.97 THEN 'mailbox' ELSE 'symposium' END AS channel,
                 CASE WHEN v.r_person < 0.08 THEN
                   (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴'])[floor(v.r_person * 1000)::int % 10 + 1]
                   || (ARRAY['秀英','建国','桂兰','志强','海燕','立军','玉兰','国华'])[floor(v.r_person * 10000)::int % 8 + 1]
                 END AS visitor_name,
                 CASE WHEN v.r_person < 0.08 THEN '13' || lpad((v.v % 1000000000)::text, 9, '0') END AS visitor_phone
               FROM (
                 SELECT v, ((v - 1) / 6) * 10 + (ARRAY[0, 1, 2, 4, 7, 8])[(v - 1) % 6 + 1] AS g0,
                   (ARRAY[1, 1, 2, 3, 1, 2])[(v - 1) % 6 + 1] AS size,
                   floor(random() * ${slotCount})::int AS slot, random() AS r_desk, random() AS t1,
                   random() AS r_channel, random() AS r_person
                 FROM generate_series(1, ${(shape.consultations / 10) * 6}) v
                 OFFSET 0
               ) v
               JOIN bench_slots s ON s.slot = v.slot
               JOIN bench_units u ON u.n = s.unit_n
               JOIN bench_desks d ON d.unit_n = u.n AND d.k = floor(v.r_desk * u.desks)::int
             ) w
             CROSS JOIN LATERAL generate_series(0, w.size - 1) k
             OFFSET 0
           ) c
         ) c`,
        [
          TOPICS.map((t) => t[1]),
          [
            '需要带哪些材料，去哪里办，多久能办好？',
            '能不能在网上办理，具体流程是什么？',
            '今年的政策有什么变化，标准是多少？',
            '老人行动不便，能否上门或者委托办理？',
            '外地户口可以在本地办理吗？',
            '之前反映过的问题什么时候能解决？',
          ],
          [
            '携带身份证和相关证明到政务服务中心窗口办理，一般5个工作日内办结。',
            '可通过政务服务网或手机应用在线申请，全程网办。',
            '今年标准已按规定调整，详见公开的政策解读。',
            '可由家属持委托书代办，行动不便的可预约上门服务。',
          ],
        ],
      ),
    );

    const caseEvents = await timed(`${shape.cases.toLocaleString('en-US')} cases and their events`, log, async () => {
      await client.query(
        `CREATE TEMP TABLE bench_cases AS
           SELECT j, consultation_id, from_unit, occurred_at, question,
             CASE WHEN r < 0.45 THEN 'closed' WHEN r < 0.70 THEN 'replied' WHEN r < 0.80 THEN 'transferred'
               WHEN r < 0.90 THEN 'open' ELSE 'reopened' END AS status,
             r2 < 0.06 AS extended, r3, r4, r5
           FROM (
             SELECT row_number() OVER (ORDER BY c.id) AS j, c.id AS consultation_id, c.unit_id AS from_unit,
               c.occurred_at, c.question, random() AS r, random() AS r2, random() AS r3, random() AS r4, random() AS r5
             FROM consultations c
             WHERE c.campaign_id = $1 AND c.outcome IN ('transferred', 'follow_up')
             OFFSET 0
           ) c`,
        [campaignId],
      );
      await client.query(
        `ALTER TABLE bench_cases ADD COLUMN transferred boolean, ADD COLUMN to_unit uuid, ADD COLUMN replied_at timestamptz,
             ADD COLUMN rating text, ADD COLUMN rated_at timestamptz, ADD COLUMN clock_start_on date,
             ADD COLUMN days int, ADD COLUMN published boolean`,
      );
      // Transferred: status transferred, and a quarter of the others (the unit responsible now is another).
      await client.query(
        `UPDATE bench_cases b SET transferred = b.status = 'transferred' OR b.r3 < 0.25,
             replied_at = CASE WHEN b.status IN ('replied', 'closed', 'reopened')
               THEN b.occurred_at + make_interval(days => 1 + floor(b.r4 * 26)::int, hours => 2) END`,
      );
      await client.query(
        `UPDATE bench_cases b SET to_unit = CASE WHEN NOT b.transferred THEN b.from_unit
               WHEN u.unit_id <> b.from_unit THEN u.unit_id ELSE $1::uuid END
           FROM bench_slots s JOIN bench_units u ON u.n = s.unit_n
           WHERE s.slot = (b.j * 7919) % ${slotCount}`,
        [organizerUnit.id],
      );
      await client.query(
        `UPDATE bench_cases b SET
             rating = CASE WHEN b.status = 'reopened' THEN CASE WHEN b.r5 < 0.7 THEN 'dissatisfied' ELSE 'very_dissatisfied' END
               WHEN b.status = 'closed' AND b.r5 < 0.85 THEN
                 CASE WHEN b.r5 < 0.40 THEN 'very_satisfied' WHEN b.r5 < 0.70 THEN 'satisfied'
                   WHEN b.r5 < 0.80 THEN 'basically_satisfied' ELSE 'dissatisfied' END END,
             published = b.status = 'closed' AND b.j % 50 = 0`,
      );
      await client.query(
        `UPDATE bench_cases b SET rated_at = CASE WHEN b.rating IS NOT NULL THEN b.replied_at + interval '2 days' END,
             clock_start_on = CASE WHEN b.status = 'reopened' THEN ((b.replied_at + interval '2 days') AT TIME ZONE 'Asia/Shanghai')::date
               ELSE (b.occurred_at AT TIME ZONE 'Asia/Shanghai')::date END,
             days = CASE WHEN b.status = 'reopened' THEN k.reopen_limit_days ELSE k.reply_limit_days END
               + CASE WHEN b.extended THEN 10 ELSE 0 END
           FROM campaigns k WHERE k.id = $1`,
        [campaignId],
      );
      await client.query(
        `INSERT INTO cases (id, campaign_id, consultation_id, tracking_code, unit_id, origin_unit_id, status, clock_start_on,
             limit_days, extension_days, extension_reason, due_on, reply, replied_at, closed_at, rating, rated_at, published_at,
             public_question, public_answer, created_at, updated_at)
           SELECT pg_temp.bench_id($2, '0d1', b.j), $1, b.consultation_id, pg_temp.bench_tracking(b.j), b.to_unit, b.from_unit,
             b.status,
             b.clock_start_on, b.days - CASE WHEN b.extended THEN 10 ELSE 0 END,
             CASE WHEN b.extended THEN 10 END, CASE WHEN b.extended THEN '需现场核实，申请延期办理' END, d.due_on,
             CASE WHEN b.replied_at IS NOT NULL THEN '经核实，已按规定办理：' || b.question END, b.replied_at,
             CASE WHEN b.status = 'closed' THEN b.replied_at + interval '3 days' END, b.rating, b.rated_at,
             CASE WHEN b.published THEN b.replied_at + interval '4 days' END,
             CASE WHEN b.published THEN b.question END,
             CASE WHEN b.published THEN '经核实，已按规定办理：' || b.question END,
             b.occurred_at + interval '40 seconds', coalesce(b.replied_at, b.occurred_at)
           FROM bench_cases b
           JOIN (SELECT s.clock_start_on, s.days, openday_add_working_days(s.clock_start_on, s.days) AS due_on
                 FROM (SELECT DISTINCT clock_start_on, days FROM bench_cases) s) d
             ON d.clock_start_on = b.clock_start_on AND d.days = b.days`,
        [campaignId, base],
      );
      // The case's key on its events and its tracking code in tracking_codes (ADR 38), where the
      // schema has them (the triggers that keep them are skipped in this database session).
      const keyed = await hasColumn(client, 'case_events', 'origin_unit_id');
      if (keyed) {
        await client.query(
          `INSERT INTO tracking_codes (code, case_id, origin_unit_id)
             SELECT pg_temp.bench_tracking(b.j), pg_temp.bench_id($1, '0d1', b.j), b.from_unit FROM bench_cases b`,
          [base],
        );
      }
      const events = await client.query(
        `INSERT INTO case_events (id, campaign_id, case_id, kind, at, from_unit_id, to_unit_id, reason, details
             ${keyed ? ', origin_unit_id' : ''})
           SELECT pg_temp.bench_id($2, e.tag, b.j), $1, pg_temp.bench_id($2, '0d1', b.j), e.kind, e.at, e.from_unit,
             e.to_unit, e.reason, e.details ${keyed ? ', b.from_unit' : ''}
           FROM bench_cases b CROSS JOIN LATERAL (VALUES
             ('0e1', 'opened', b.occurred_at + interval '40 seconds', NULL::uuid, b.from_unit, NULL::text,
               NULL::jsonb, true),
             ('0e2', 'transferred', b.occurred_at + interval '1 day', b.from_unit, b.to_unit, '职责范围调整，转交主管单位办理',
               NULL, b.transferred),
             ('0e3', 'extended', b.occurred_at + interval '3 days', NULL, NULL, '需现场核实，申请延期办理',
               jsonb_build_object('days', 10), b.extended),
             ('0e4', 'replied', b.replied_at, NULL, NULL, NULL, NULL, b.replied_at IS NOT NULL),
             ('0e5', 'rated', b.rated_at, NULL, NULL, NULL, jsonb_build_object('rating', b.rating), b.rating IS NOT NULL),
             ('0e6', 'closed', b.replied_at + interval '3 days', NULL, NULL, NULL, NULL, b.status = 'closed'),
             ('0e7', 'reopened', b.rated_at, NULL, b.to_unit, '市民对答复不满意', NULL, b.status = 'reopened'),
             ('0e8', 'published', b.replied_at + interval '4 days', NULL, NULL, NULL, NULL, b.published)
           ) AS e(tag, kind, at, from_unit, to_unit, reason, details, happened)
           WHERE e.happened`,
        [campaignId, base],
      );
      // A column that a trigger on case_events keeps (skipped in this database session), where the schema has it.
      if (await hasColumn(client, 'cases', 'was_transferred')) {
        await client.query(
          `UPDATE cases k SET was_transferred = true FROM bench_cases b
             WHERE b.transferred AND k.id = pg_temp.bench_id($1, '0d1', b.j)`,
          [base],
        );
      }
      return events.rowCount ?? 0;
    });

    await timed('secondary indexes built again, ANALYZE', log, async () => {
      for (const row of dropped) await client.query(row.def);
      await client.query('ANALYZE');
    });

    const busiest = await client.query<{ unit_id: string; desk_id: string }>(
      `SELECT u.unit_id, d.desk_id FROM bench_units u JOIN bench_desks d ON d.unit_n = u.n AND d.k = 0
       JOIN units un ON un.id = u.unit_id WHERE un.kind = 'bureau' ORDER BY u.n DESC LIMIT 1`,
    );
    const topics = await client.query<{ topic: string }>(
      `SELECT topic FROM consultations WHERE campaign_id = $1 AND topic IS NOT NULL
       GROUP BY topic ORDER BY count(*) DESC`,
      [campaignId],
    );
    loaded = {
      ...loaded,
      deskUnitId: busiest.rows[0]?.unit_id ?? organizerUnit.id,
      deskId: busiest.rows[0]?.desk_id ?? '',
      caseEvents,
      topics: topics.rows.map((r) => r.topic),
    };
  } finally {
    await client.end();
  }
  const loadSeconds = (performance.now() - started) / 1000;

  let rebuildSeconds: number | null = null;
  const { rows } = await db.query<{ present: boolean }>(
    `SELECT to_regproc('openday_rebuild_figures') IS NOT NULL AS present`,
  );
  if (rows[0]!.present && rebuild) {
    const rebuilt = performance.now();
    try {
      await db.query('SELECT openday_rebuild_figures($1)', [campaignId]);
    } catch (error) {
      await db.close();
      throw new Error(`openday_rebuild_figures(${campaignId}) failed: ${(error as Error).message}`, { cause: error });
    }
    rebuildSeconds = (performance.now() - rebuilt) / 1000;
    log(`  openday_rebuild_figures: ${rebuildSeconds.toFixed(1)} s`);
    // What autovacuum does after a bulk write (the baseline's tables are vacuumed too): the
    // counts' visibility map set, so that reading them is an index-only scan, and their size
    // known to the planner. Done here because a server may run without autovacuum.
    await timed('figure_counts vacuumed and analyzed', log, () => db.exec('VACUUM (ANALYZE) figure_counts'));
  }

  const suffix = slug.slice(slug.indexOf('-') + 1);
  const organizer = { username: `province-organizer-${suffix}`, password: PASSWORD };
  const desk = { username: `province-desk-${suffix}`, password: PASSWORD };
  await createUser({
    db,
    actor: null,
    input: { ...organizer, displayName: '省政务公开办', role: 'organizer', unitId: organizerUnit.id },
  });
  await createUser({
    db,
    actor: null,
    input: { ...desk, displayName: '咨询台', role: 'desk_staff', unitId: loaded.deskUnitId },
  });
  const viewers = await createViewers(db, units, suffix, organizer);
  await db.close();
  return { ...loaded, organizer, desk, viewers, loadSeconds, rebuildSeconds };
}

/** How many dashboard viewers of different reaches the bench signs in. */
export const VIEWERS = 50;

/**
 * Accounts of VIEWERS different reaches: the campaign's organizer (of the province or the
 * country), an organizer at every province office below it, at every city office, then at district
 * offices, and unit admins of bureaus for the rest.
 */
async function createViewers(
  db: Awaited<ReturnType<typeof openPostgres>>,
  units: Unit[],
  suffix: string,
  organizer: { username: string; password: string },
): Promise<ProvinceCampaign['viewers']> {
  const offices = (level: Region['level']) => units.filter((u) => u.kind === 'office' && u.region.level === level);
  const picks: { unit: Unit; role: 'organizer' | 'unit_admin'; reach: string }[] = [
    ...offices('province')
      .filter((unit) => unit !== units[0])
      .map((unit) => ({ unit, role: 'organizer' as const, reach: `province ${unit.region.code}` })),
    ...offices('city').map((unit) => ({ unit, role: 'organizer' as const, reach: `city ${unit.region.code}` })),
    ...offices('district').map((unit) => ({ unit, role: 'organizer' as const, reach: `district ${unit.region.code}` })),
  ].slice(0, Math.floor(VIEWERS * 0.8) - 1);
  const bureaus = units.filter((u) => u.kind === 'bureau');
  const wanted = Math.min(bureaus.length, VIEWERS - 1 - picks.length);
  for (let i = 0; i < wanted; i++) {
    const unit = bureaus[Math.floor((i * bureaus.length) / wanted)]!;
    picks.push({ unit, role: 'unit_admin', reach: `unit ${unit.name}` });
  }
  const viewers: ProvinceCampaign['viewers'] = [
    { ...organizer, reach: units[0]!.region.level, regionPrefix: units[0]!.region.path },
  ];
  for (const [i, pick] of picks.entries()) {
    const account = { username: `viewer-${i + 1}-${suffix}`, password: PASSWORD };
    await createUser({
      db,
      actor: null,
      input: { ...account, displayName: pick.reach, role: pick.role, unitId: pick.unit.id },
    });
    viewers.push({
      ...account,
      reach: pick.reach,
      ...(pick.role === 'organizer' ? { regionPrefix: pick.unit.region.path } : { unitPrefix: pick.unit.path }),
    });
  }
  return viewers;
}

/**
 * Problems with the loaded rows: every foreign key of the schema checked by an anti-join (the load
 * skipped the checks), and the shape's promises (every case state present, visits of 1–3
 * consultations). Empty when all is well.
 */
async function hasColumn(client: pg.ClientBase, table: string, column: string): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rows.length > 0;
}

export async function verify(url: string, campaignId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const problems: string[] = [];
  try {
    const { rows: keys } = await client.query<{
      name: string;
      child: string;
      parent: string;
      cols: string[];
      refs: string[];
    }>(
      `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
         array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols,
         array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS refs
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
         AND c.conparentid = 0`,
    );
    for (const key of keys) {
      const on = key.cols.map((col, i) => `p.${pg.escapeIdentifier(key.refs[i]!)} = c.${pg.escapeIdentifier(col)}`);
      const present = key.cols.map((col) => `c.${pg.escapeIdentifier(col)} IS NOT NULL`);
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${key.child} c WHERE ${present.join(' AND ')}
         AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${on.join(' AND ')})`,
      );
      if (rows[0]!.n > 0) problems.push(`${key.name}: ${rows[0]!.n} rows of ${key.child} point at no ${key.parent}`);
    }
    if (await hasColumn(client, 'tracking_codes', 'code')) {
      const { rows: codes } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cases k WHERE k.campaign_id = $1 AND NOT EXISTS (
           SELECT 1 FROM tracking_codes t WHERE t.code = k.tracking_code AND t.case_id = k.id
             AND t.origin_unit_id = k.origin_unit_id)`,
        [campaignId],
      );
      if (codes[0]!.n > 0) problems.push(`${codes[0]!.n} cases have no row in tracking_codes`);
    }
    const { rows: states } = await client.query<{ status: string }>(
      'SELECT DISTINCT status FROM cases WHERE campaign_id = $1',
      [campaignId],
    );
    for (const status of ['open', 'transferred', 'replied', 'closed', 'reopened']) {
      if (!states.some((s) => s.status === status)) problems.push(`no case is ${status}`);
    }
    const { rows: visits } = await client.query<{ min: number; max: number }>(
      `SELECT min(n)::int AS min, max(n)::int AS max FROM (
         SELECT count(*) AS n FROM consultations WHERE campaign_id = $1 GROUP BY visit_id) v`,
      [campaignId],
    );
    if (visits[0]!.min !== 1 || visits[0]!.max !== 3) {
      problems.push(`visits hold ${visits[0]!.min}–${visits[0]!.max} consultations, not 1–3`);
    }
  } finally {
    await client.end();
  }
  return problems;
}

/**
 * `node bench/province.ts --scale quick|province [--keep]`: loads the campaign into a new scratch
 * database of the server DATABASE_URL names, checks it, and drops it again unless --keep.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const scale = (args[args.indexOf('--scale') + 1] ?? 'quick') as keyof typeof SHAPES;
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `openday_bench_province_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const campaign = await generateProvince({
      url: url.toString(),
      shape: SHAPES[scale],
      log: console.log,
      rebuild: !args.includes('--no-rebuild'),
    });
    console.log(JSON.stringify(campaign, null, 2));
    const problems = await verify(url.toString(), campaign.campaignId);
    console.log(problems.length ? problems.join('\n') : 'every reference and shape check holds');
    if (args.includes('--keep')) console.log(`kept: ${url.toString()}`);
  } finally {
    if (!args.includes('--keep')) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
