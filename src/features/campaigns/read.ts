/** What other features may read of campaigns (ARCHITECTURE.md "Modules and walls"); the SQL stays in repository.ts. */
export {
  findCampaign,
  findCampaignBySlug,
  isCampaignUnit,
  listCampaigns,
  listCampaignUnits,
  listUnitDays,
} from './repository.ts';
