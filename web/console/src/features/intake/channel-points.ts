import type { ChannelPoint, ConsultationBody } from '../../api/types.ts';
import { useApiQuery } from '../../api/query.ts';
import { intakeApi } from './api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useVillages } from '../../shared/villages.tsx';

/** The channels a desk records: a visitor in person, a call to a hotline, a letter or a mailbox's slip. */
export const DESK_CHANNELS = [
  'on_site',
  'hotline',
  'mailbox',
] as const satisfies readonly ConsultationBody['channel'][];
export type DeskChannel = (typeof DESK_CHANNELS)[number];

/**
 * The unit's hotlines and mailboxes (ADR 30), kept on the device with their villages so that a desk
 * offline can still say which one a call or letter came through. Each is offered with its name,
 * and under it its village and number (a hotline) or address (a mailbox).
 */
export function useDeskChannelPoints(campaignId: string, unitId: string) {
  const { locale } = useI18n();
  const points = useApiQuery(
    ['channel-points', campaignId, unitId],
    (signal) => intakeApi.channelPoints(campaignId, unitId, signal),
    { cacheKey: `openday.cache.channelPoints.${campaignId}.${unitId}` },
  );
  const villages = useVillages(unitId, { cache: true });
  const items = points.data?.items ?? [];
  /** Where it is: its village, and its number (a hotline) or address (a mailbox). */
  const detail = (point: ChannelPoint) =>
    [villages.nameOf(point.regionId), point.kind === 'hotline' ? point.number : point.address]
      .filter(Boolean)
      .join(' · ');
  return {
    /** The points of a channel, as a select's options: the name, and where it is. */
    optionsOf: (channel: DeskChannel) =>
      items
        .filter((p) => p.kind === channel)
        .map((p) => ({ value: p.id, label: (locale === 'en-US' && p.nameEn) || p.name, detail: detail(p) })),
    /** Where the chosen point is, to read under the select. */
    detailOf: (id: string | null) => {
      const point = items.find((p) => p.id === id);
      return point ? detail(point) : undefined;
    },
    /** Is this one of the unit's points of that channel (a list kept by the device may be older). */
    isOf: (id: string | null, channel: DeskChannel): id is string =>
      items.some((p) => p.id === id && p.kind === channel),
    loading: points.loading,
  };
}
