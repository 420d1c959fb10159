import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import { CHINA_STANDARD_TIME, renderCalendar, type CalendarEvent } from './ics.ts';
import { findCampaignUnitName, listCalendarSiteRows, type CalendarSiteRow } from './repository.ts';

/** One event per site and day: where, when, and the desks with their topics. */
export function toCalendarEvent(campaignTitle: string, site: CalendarSiteRow): CalendarEvent {
  const desks = site.desks.map((d) => `· ${d.name}${d.topics.length ? `：${d.topics.join('、')}` : ''}`);
  return {
    // A site is one day at one place; its id never changes, so neither does the event's UID.
    uid: `site-${site.id}@openday`,
    summary: `${campaignTitle}｜${site.unit_name}（${site.name}）`,
    location: site.address,
    date: site.held_on,
    starts: site.opens_at,
    ends: site.closes_at,
    description: [
      `单位 Unit：${site.unit_name}`,
      `地点 Site：${site.name}，${site.address}`,
      `时间 Hours：${site.held_on} ${site.opens_at}–${site.closes_at}`,
      ...(desks.length ? ['咨询台 Desks：', ...desks] : []),
    ].join('\n'),
    categories: [...new Set(site.desks.flatMap((d) => d.topics))],
  };
}

/**
 * The iCalendar feed of a campaign's sites and desk hours, or of one participating unit's: public,
 * in China Standard Time, with stable UIDs so that a subscribed calendar updates in place.
 */
export async function renderCampaignCalendar({
  db,
  slug,
  unitId,
  now = new Date(),
}: {
  db: Db;
  slug: string;
  unitId?: string | undefined;
  now?: Date;
}): Promise<{ ics: string; filename: string }> {
  const campaign = await getCampaignBySlug(db, slug);
  let name = campaign.title;
  if (unitId) {
    const unitName = await findCampaignUnitName(db, campaign.id, unitId);
    if (!unitName) throw notFound('Participating unit');
    name = `${campaign.title}｜${unitName}`;
  }
  const sites = await listCalendarSiteRows(db, campaign.id, unitId);
  const ics = renderCalendar({
    name,
    description: `${campaign.title}：${campaign.theme}（${campaign.startsOn} 至 ${campaign.endsOn}，集中开放日 ${campaign.openDay}）`,
    timeZone: CHINA_STANDARD_TIME,
    stamp: now,
    events: sites.map((site) => toCalendarEvent(campaign.title, site)),
  });
  return { ics, filename: unitId ? `${campaign.slug}-${unitId}.ics` : `${campaign.slug}.ics` };
}
