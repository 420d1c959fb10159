import type { Role } from '../src/platform/auth/actor.ts';
import type { Database } from '../src/platform/db/database.ts';
import { createCampaign } from '../src/features/campaigns/service.ts';
import type { Campaign } from '../src/features/campaigns/schema.ts';
import { createRegion } from '../src/features/regions/service.ts';
import type { Region } from '../src/features/regions/schema.ts';
import { createUnit } from '../src/features/units/service.ts';
import type { Unit } from '../src/features/units/schema.ts';
import { createUser } from '../src/features/users/service.ts';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function buildRegion(
  db: Database,
  overrides: Partial<Parameters<typeof createRegion>[0]['input']> = {},
): Promise<Region> {
  return (
    await createRegion({
      db,
      actor: null,
      input: { code: next(), name: `区划${counter}`, level: 'province', ...overrides },
    })
  ).body;
}

export async function buildUnit(
  db: Database,
  overrides: Partial<Parameters<typeof createUnit>[0]['input']> & { regionId: string },
): Promise<Unit> {
  return (await createUnit({ db, actor: null, input: { name: `单位${next()}`, kind: 'bureau', ...overrides } })).body;
}

export async function buildUser(
  db: Database,
  role: Role,
  unitId: string,
  username = `${role.replace('_', '-')}-${next()}`,
) {
  await createUser({
    db,
    actor: null,
    input: { username, displayName: username, password: TEST_PASSWORD, role, unitId },
  });
  return username;
}

export async function buildCampaign(
  db: Database,
  overrides: Partial<Parameters<typeof createCampaign>[0]['input']> & { organizerUnitId: string },
): Promise<Campaign> {
  return (
    await createCampaign({
      db,
      actor: null,
      input: {
        slug: `c-${next()}`,
        title: '2026年政务公开日',
        theme: '推进政务公开 优化营商环境',
        openDay: '2026-05-15',
        ...overrides,
      },
    })
  ).body;
}

/**
 * A small world: a province with two cities, an organizer office at each level, two bureaus in
 * city A (one with a sub-unit) and one in city B, a campaign they all take part in, and a user
 * for every role.
 */
export async function buildWorld(db: Database) {
  const province = await buildRegion(db, { level: 'province', name: '示范省' });
  const cityA = await buildRegion(db, { level: 'city', name: '甲市', parentId: province.id });
  const cityB = await buildRegion(db, { level: 'city', name: '乙市', parentId: province.id });
  const provinceOffice = await buildUnit(db, { regionId: province.id, kind: 'office', name: `省政务公开办${next()}` });
  const cityBOffice = await buildUnit(db, { regionId: cityB.id, kind: 'office', name: `乙市政务公开办${next()}` });
  const unitA = await buildUnit(db, { regionId: cityA.id, name: `甲市供热办${next()}` });
  const subUnitA = await buildUnit(db, {
    regionId: cityA.id,
    kind: 'company',
    parentId: unitA.id,
    name: `甲市热网公司${next()}`,
  });
  const unitB = await buildUnit(db, { regionId: cityB.id, name: `乙市司法局${next()}` });
  const campaign = await buildCampaign(db, {
    organizerUnitId: provinceOffice.id,
    unitIds: [unitA.id, subUnitA.id, unitB.id],
    startsOn: '2026-05-10',
    endsOn: '2026-05-31',
  });
  const users = {
    organizer: await buildUser(db, 'organizer', provinceOffice.id),
    cityBOrganizer: await buildUser(db, 'organizer', cityBOffice.id),
    adminA: await buildUser(db, 'unit_admin', unitA.id),
    deskA: await buildUser(db, 'desk_staff', unitA.id),
    responderA: await buildUser(db, 'responder', unitA.id),
    deskSubA: await buildUser(db, 'desk_staff', subUnitA.id),
    adminB: await buildUser(db, 'unit_admin', unitB.id),
    deskB: await buildUser(db, 'desk_staff', unitB.id),
  };
  return { province, cityA, cityB, provinceOffice, cityBOffice, unitA, subUnitA, unitB, campaign, users };
}
