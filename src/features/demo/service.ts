import { hashPassword } from '../../platform/auth/passwords.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { conflict } from '../../platform/http/errors.ts';
import { DEMO_ACCOUNTS, DEMO_CAMPAIGN, DEMO_PASSWORD, DEMO_REGIONS, DEMO_UNITS } from './data.ts';
import { buildDemoCases, planDemoCases, workingDayQueries } from './cases.ts';
import { generateDemo } from './generate.ts';
import { insertDemoTopics } from './topics.ts';
import { insertDemoDisclosures } from './disclosures.ts';
import {
  campaignSlugExists,
  findTakenRegionCodes,
  findTakenUsernames,
  insertDemoCases,
  insertDemoOpinions,
  insertDemoRecords,
  isFreshInstall,
  lockDemoLoading,
  queryToday,
  queryWorkingDays,
} from './repository.ts';

/** A demo sign-in, printed at first start: role as in memberships, unit by its Chinese name. */
export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  unit: string;
}

interface LoadedDemo {
  campaignId: string;
  accounts: DemoAccount[];
}

/**
 * Loads the demo campaign (slug "demo") with its regions, units, accounts, plans and records, in
 * one transaction. Returns undefined when the demo campaign is already there.
 */
export async function loadDemo(db: Database): Promise<LoadedDemo | undefined> {
  const isLoaded = (q: Db) => campaignSlugExists(q, DEMO_CAMPAIGN.slug);
  if (await isLoaded(db)) return undefined;
  return load(db, isLoaded);
}

/**
 * Loads the demo only into a fresh install: a database without any campaign. One with users but
 * no campaign yet is an installation being set up, so it is left alone too: the demo would mix
 * into its units, and a taken demo username would stop the server from starting.
 */
export async function loadDemoOnFirstStart(db: Database): Promise<LoadedDemo | undefined> {
  const isInUse = async (q: Db) => !(await isFreshInstall(q));
  if (await isInUse(db)) return undefined;
  return load(db, isInUse);
}

async function load(db: Database, skip: (q: Db) => Promise<boolean>): Promise<LoadedDemo | undefined> {
  // Hashing (slow on purpose) and generating happen before the transaction, which stays short.
  // One hash serves every demo account: they share the password anyway.
  const records = generateDemo(await hashPassword(DEMO_PASSWORD));
  return db.transaction(async (tx) => {
    await lockDemoLoading(tx);
    // Checked again under the lock: another process may have loaded it meanwhile.
    if (await skip(tx)) return undefined;
    const takenUsernames = await findTakenUsernames(
      tx,
      DEMO_ACCOUNTS.map((a) => a.username),
    );
    const takenCodes = await findTakenRegionCodes(
      tx,
      DEMO_REGIONS.map((r) => r.code),
    );
    if (takenUsernames.length || takenCodes.length) {
      throw conflict('The demo cannot be loaded: some of its usernames or region codes are taken', [
        ...takenUsernames.map((username) => ({ field: 'username', reason: `${username} is taken` })),
        ...takenCodes.map((code) => ({ field: 'region.code', reason: `${code} is taken` })),
      ]);
    }
    await insertDemoRecords(tx, records);
    // Cases are dated by the calendar in the database, relative to today (some are overdue).
    const plans = planDemoCases(records);
    const today = await queryToday(tx);
    const dates = await queryWorkingDays(tx, workingDayQueries(plans, today));
    const { cases, events, returnVisits } = buildDemoCases(plans, today, (start, days) =>
      dates.get(`${start}+${days}`)!,
    );
    await insertDemoCases(tx, cases, events, returnVisits);
    await insertDemoOpinions(tx, records.opinions, cases);
    await insertDemoTopics(tx, records);
    await insertDemoDisclosures(tx, records);
    return { campaignId: records.campaign.id, accounts: demoAccounts() };
  });
}

function demoAccounts(): DemoAccount[] {
  return DEMO_ACCOUNTS.map((account) => ({
    username: account.username,
    password: DEMO_PASSWORD,
    role: account.role,
    unit: DEMO_UNITS.find((u) => u.key === account.unit)!.name,
  }));
}
