import { useEffect, useState } from 'react';
import type { Campaign } from '../api/types.ts';
import { useApiQuery } from '../api/query.ts';
import { sharedApi } from './api.ts';

const CHOSEN_KEY = 'openday.campaignId';

/** The campaign the console works on: the one chosen, else the next or latest open day. */
export function pickCampaign(campaigns: Campaign[], chosenId: string | null, today: string): Campaign | undefined {
  const chosen = campaigns.find((c) => c.id === chosenId);
  if (chosen) return chosen;
  const coming = campaigns.filter((c) => c.endsOn >= today).sort((a, b) => a.openDay.localeCompare(b.openDay));
  if (coming[0]) return coming[0];
  return [...campaigns].sort((a, b) => b.openDay.localeCompare(a.openDay))[0];
}

export function useCampaigns() {
  const query = useApiQuery(['campaigns'], sharedApi.campaigns, {
    cacheKey: 'openday.cache.campaigns',
  });
  const [chosenId, setChosenId] = useState(() => localStorage.getItem(CHOSEN_KEY));
  useEffect(() => {
    if (chosenId) localStorage.setItem(CHOSEN_KEY, chosenId);
  }, [chosenId]);
  const campaigns = query.data?.items ?? [];
  const today = new Date().toISOString().slice(0, 10);
  return { ...query, campaigns, campaign: pickCampaign(campaigns, chosenId, today), choose: setChosenId };
}
