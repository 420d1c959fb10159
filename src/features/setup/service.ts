import crypto from 'node:crypto';
import { checkPasswordRules } from '../../platform/auth/passwords.ts';
import { type Database, type Db, withinTransaction } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, unprocessable } from '../../platform/http/errors.ts';
import { createRegion } from '../regions/service.ts';
import { createUnit } from '../units/service.ts';
import { createUser } from '../users/service.ts';
import type { SetupBody, SetupResult, SetupState } from './schema.ts';

/**
 * The first run without the demo. While no account exists the installation is "not set up": the
 * server prints a set-up code, the console shows its first-run screen, and `openday init` or the
 * screen (with the code) creates the root region, the coordinating office and its first
 * organizer in one transaction. Everything else is then done in the console by that organizer.
 */

/** Crockford's base32 without I, L, O, U: nothing to misread when typed from a terminal. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

async function hasAccounts(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM users) AS any');
  return rows[0]!.any;
}

export async function getSetupState(db: Db): Promise<SetupState> {
  return { needed: !(await hasAccounts(db)) };
}

/** '7k3m-9xq2' → '7K3M9XQ2': the code as typed, whatever its case and dashes. */
const normalized = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/**
 * The set-up code while no account exists (made once, then the same on every start and every
 * instance, until the set-up is done), or null when the installation is set up.
 */
export async function prepareSetupCode(db: Database): Promise<string | null> {
  if (await hasAccounts(db)) return null;
  const bytes = crypto.randomBytes(10);
  const fresh = Array.from(bytes, (b) => ALPHABET[b % 32]).join('');
  await db.query('INSERT INTO setup_codes (code) VALUES ($1) ON CONFLICT DO NOTHING', [fresh]);
  const { rows } = await db.query<{ code: string }>('SELECT code FROM setup_codes');
  const code = rows[0]!.code;
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * Creates the root region, the coordinating office and its first organizer, together or not at
 * all, if no account exists yet. `setupCode` is checked when given (the console's first-run
 * screen); the CLI, run by whoever runs the server, passes none.
 */
export async function initialize({
  db,
  input,
  setupCode,
}: {
  db: Database;
  input: SetupBody;
  setupCode?: string;
}): Promise<SetupResult> {
  const problem = checkPasswordRules(input.organizer.password, input.organizer.username);
  if (problem) throw unprocessable('organizer.password', problem);
  return db.transaction(async (tx) => {
    // One set-up at a time: a second waits, then finds the account the first made.
    await tx.query('LOCK TABLE setup_codes IN EXCLUSIVE MODE');
    if (await hasAccounts(tx))
      throw conflict('OpenDay is already set up: sign in, or ask an organizer for an account', [
        { field: 'setupCode', reason: 'the installation already has accounts' },
      ]);
    if (setupCode !== undefined) {
      const { rows } = await tx.query<{ code: string }>('SELECT code FROM setup_codes');
      const expected = Buffer.from(rows[0]?.code ?? '');
      const given = Buffer.from(normalized(setupCode));
      if (!expected.length || expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
        throw forbidden('The set-up code is not the one the server printed', [
          { field: 'setupCode', reason: 'does not match the code in the server output' },
        ]);
    }
    const inTx = withinTransaction(db, tx);
    const region = (
      await createRegion({ db: inTx, actor: null, input: { ...input.region, parentId: null } }).catch(
        renameField('region'),
      )
    ).body;
    const office = (
      await createUnit({
        db: inTx,
        actor: null,
        input: { name: input.office.name, nameEn: input.office.nameEn ?? null, kind: 'office', regionId: region.id },
      }).catch(renameField('office'))
    ).body;
    const user = (
      await createUser({
        db: inTx,
        actor: null,
        input: { ...input.organizer, role: 'organizer', unitId: office.id },
      }).catch(renameField('organizer'))
    ).body;
    await tx.query('DELETE FROM setup_codes');
    return { regionId: region.id, officeId: office.id, userId: user.id, username: user.username };
  });
}

/** A refusal of one part names its field inside that part: 'code' → 'region.code'. */
const renameField =
  (part: string) =>
  (error: unknown): never => {
    if (error instanceof AppError)
      for (const detail of error.details ?? [])
        if (!detail.field.includes('.')) detail.field = `${part}.${detail.field}`;
    throw error;
  };
