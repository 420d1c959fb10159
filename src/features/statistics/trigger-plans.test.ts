import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCampaign, buildRegion, buildUnit } from '../../../test/builders.ts';
import { createTestDatabase, engine } from '../../../test/database.ts';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

/**
 * The triggers on the day's records keep the plans of their statements for the life of a
 * connection. A plan made while the records were few must not read every record once they are
 * many: a desk's connection opened early in the morning records the day's last question too.
 * PostgreSQL's auto_explain shows the plans the trigger's statements run with (its notices).
 */
describe.runIf(engine === 'postgres')(
  'the live figures kept by triggers, on a connection that saw the day begin',
  () => {
    let db: Database;
    let url: string;
    let drop: () => Promise<void>;
    let client: pg.Client;
    let campaignId: string;
    let unitId: string;
    const plans: string[] = [];

    beforeAll(async () => {
      const created = await createTestDatabase();
      ({ db, drop } = created);
      url = created.url!;
      const region = await buildRegion(db, { level: 'province', name: '示范省' });
      const office = await buildUnit(db, { regionId: region.id, kind: 'office', name: '省政务公开办' });
      const unit = await buildUnit(db, { regionId: region.id, name: '省人社厅' });
      unitId = unit.id;
      campaignId = (await buildCampaign(db, { organizerUnitId: office.id, unitIds: [unit.id] })).id;
      client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notice', (notice) => {
        if (notice.message?.includes('INSERT INTO figure_deltas')) plans.push(notice.message);
      });
    });
    afterAll(async () => {
      await client?.end();
      await drop();
    });

    /** Records `count` consultations in one statement (on the connection), each its own visit. */
    const record = async (count: number, on?: Queryable) => {
      const sql = `INSERT INTO consultations (id, campaign_id, unit_id, visit_id, occurred_at, channel, topic, question, outcome)
       SELECT id, $1, $2, id, '2026-05-15T09:30:00+08:00', 'on_site', '社保', '养老保险怎么转移？', 'answered_on_spot'
       FROM unnest($3::uuid[]) AS id`;
      const params = [campaignId, unitId, Array.from({ length: count }, () => newId())];
      await (on ? on.query(sql, params) : client.query(sql, params));
    };

    it('looks the visits of a statement up by index, not by reading every record', async () => {
      // The first records of the day, and an ANALYZE of the table while it is nearly empty (as
      // autovacuum does within its first minute); then this connection's first records plan the
      // trigger's statement, and the plan is kept.
      await record(2, db);
      await db.query('ANALYZE consultations');
      for (let i = 0; i < 3; i++) await record(1);
      // The day goes on: 20,000 records loaded on another connection without the triggers, no
      // ANALYZE since. (Changing session_replication_role here would drop this connection's plans.)
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await record(20_000, tx);
      });

      await client.query(`LOAD 'auto_explain'`);
      await client.query(`SET auto_explain.log_min_duration = 0`);
      await client.query(`SET auto_explain.log_nested_statements = on`);
      await client.query(`SET auto_explain.log_level = notice`);
      await record(3);
      // Notices arrive before the statement's answer; the one of the trigger's statement is there.
      expect(plans).toHaveLength(1);
      expect(plans[0]).toContain('consultations');
      expect(plans[0]).not.toMatch(/Seq Scan on consultations/);
      expect(plans[0]).toMatch(/Index (Only )?Scan using \w+ on consultations|Bitmap Index Scan on consultations_/);
    });

    it("keeps every trigger on the day's records to indexes, whatever later migrations redefine", async () => {
      // A CREATE OR REPLACE of one of these functions drops its settings: this names it.
      const { rows } = await db.query<{ trigger: string; settings: string[] | null }>(
        `SELECT t.tgrelid::regclass || '.' || t.tgname AS trigger, p.proconfig AS settings
       FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal AND t.tgrelid::regclass::text = ANY ($1::text[])
       ORDER BY 1`,
        [['consultations', 'cases', 'case_events', 'case_requests', 'return_visits']],
      );
      expect(rows.length).toBeGreaterThanOrEqual(15);
      expect(rows.filter((r) => !r.settings?.includes('enable_seqscan=off')).map((r) => r.trigger)).toEqual([]);
    });
  },
);
