import type { Db } from '../../platform/db/database.ts';

/** A site of a unit's plan with its unit and desks, as the public calendar shows it. */
export interface CalendarSiteRow {
  id: string;
  unit_id: string;
  unit_name: string;
  name: string;
  name_en: string | null;
  address: string;
  held_on: string;
  /** 'HH:MM' */
  opens_at: string;
  closes_at: string;
  /** Each desk with its topics, and their English names where the plan and the campaign give them. */
  desks: { name: string; nameEn: string | null; topics: string[]; topicsEn: string[] }[];
}

/**
 * The sites of the campaign's participating units (or of one of them), each with its desks, in
 * date and time order. The public calendar is a read model over the plans' tables, like the
 * statistical summary: one statement.
 */
export async function listCalendarSiteRows(db: Db, campaignId: string, unitId?: string): Promise<CalendarSiteRow[]> {
  const { rows } = await db.query<CalendarSiteRow>(
    `SELECT s.id, p.unit_id, un.name AS unit_name, s.name, s.name_en, s.address, s.held_on,
            to_char(s.opens_at, 'HH24:MI') AS opens_at, to_char(s.closes_at, 'HH24:MI') AS closes_at,
            coalesce((SELECT json_agg(json_build_object('name', d.name, 'nameEn', d.name_en, 'topics', d.topics,
                        'topicsEn', (SELECT coalesce(array_agg(coalesce(
                                       (SELECT t.name_en FROM campaign_topics t
                                        WHERE t.campaign_id = p.campaign_id AND t.name = x.topic AND t.name_en IS NOT NULL
                                        LIMIT 1), x.topic) ORDER BY x.n), '{}')
                                     FROM unnest(d.topics) WITH ORDINALITY AS x(topic, n)))
                      ORDER BY d.name, d.id)
                      FROM desks d WHERE d.site_id = s.id), '[]'::json) AS desks
     FROM sites s
     JOIN plans p ON p.id = s.plan_id
     JOIN campaign_units cu ON cu.campaign_id = p.campaign_id AND cu.unit_id = p.unit_id
     JOIN units un ON un.id = p.unit_id
     WHERE p.campaign_id = $1 AND ($2::uuid IS NULL OR p.unit_id = $2::uuid)
     ORDER BY s.held_on, s.opens_at, un.name, s.name, s.id
     LIMIT 10000`,
    [campaignId, unitId ?? null],
  );
  return rows;
}

/** The unit's name when it takes part in the campaign. */
export async function findCampaignUnitName(db: Db, campaignId: string, unitId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT un.name FROM campaign_units cu JOIN units un ON un.id = cu.unit_id
     WHERE cu.campaign_id = $1 AND cu.unit_id = $2`,
    [campaignId, unitId],
  );
  return rows[0]?.name;
}
