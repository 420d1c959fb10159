import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { listCampaigns } from '../campaigns/read.ts';
import type { Campaign } from '../campaigns/schema.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import { listUnitDisclosures } from '../disclosures/service.ts';
import type { Disclosure } from '../disclosures/schema.ts';
import { type CalendarSiteRow, listCalendarSiteRows } from '../ical/read.ts';
import type { PublicCampaign } from '../public/schema.ts';
import { getPublicCampaign } from '../public/service.ts';
import { getPublishedCollectionFile, listPublishedCollections, type PublishedCollection } from '../reports/service.ts';
import { readPublicFigures, type PublicFigures } from '../statistics/service.ts';

/** A site with its unit's names, as the portal lists it. */
export type PortalSite = CalendarSiteRow & { unitNameEn: string | null };

/** The portal's home: the open days not over yet first, then the past ones. */
export async function listPortalCampaigns(db: Db, today: string): Promise<{ current: Campaign[]; past: Campaign[] }> {
  const all = await listCampaigns(db);
  return {
    current: all.filter((c) => c.endsOn >= today).reverse(),
    past: all.filter((c) => c.endsOn < today),
  };
}

/** A campaign page: what citizens need to know, and where and when the desks are. */
export async function getCampaignPage(
  db: Db,
  slug: string,
): Promise<{
  campaign: PublicCampaign & { id: string };
  sites: PortalSite[];
  collections: PublishedCollection[];
  figures: PublicFigures;
}> {
  const campaign = await getPublicCampaign({ db, slug });
  const stored = await getCampaignBySlug(db, slug);
  const { id } = stored;
  const names = new Map(campaign.units.map((u) => [u.id, u.nameEn]));
  const [siteRows, collections, figures] = await Promise.all([
    listCalendarSiteRows(db, id),
    listPublishedCollections(db, { id, slug: campaign.slug }),
    readPublicFigures(db, stored),
  ]);
  const sites = siteRows.map((s) => ({ ...s, unitNameEn: names.get(s.unit_id) ?? null }));
  return { campaign: { ...campaign, id }, sites, collections, figures };
}

/** A published collection of summaries (总结汇编) of the campaign, for anyone to download. */
export const getCollectionDownload = getPublishedCollectionFile;

/** A participating unit's page: its disclosures and its sites. Not a participant: not found. */
export async function getUnitPage(db: Db, slug: string, unitId: string) {
  const { campaign, sites } = await getCampaignPage(db, slug);
  const unit = campaign.units.find((u) => u.id === unitId);
  if (!unit) throw notFound('Participating unit');
  const disclosures: Disclosure[] = await listUnitDisclosures(db, campaign.id, unitId);
  return { campaign, unit, disclosures, sites: sites.filter((s) => s.unit_id === unitId) };
}
