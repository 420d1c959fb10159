import type { TransferBody } from '../api/types.ts';
import { useApiQuery } from '../api/query.ts';
import { sharedApi } from './api.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * Who may receive a case of the campaign: its units, and the partner organisations that are units
 * (联合设台; an outside partner is listed but disabled). The case page's transfer and the desk's
 * 转办 choose from the same list; `cache` keeps it on the device for a desk that goes offline.
 */
export function useTransferReceivers({
  campaignId,
  fromUnitId,
  enabled,
  cache = false,
}: {
  campaignId: string;
  /** The unit holding the case now: not a receiver. */
  fromUnitId: string;
  enabled: boolean;
  cache?: boolean;
}) {
  const { t, locale } = useI18n();
  const named = (thing: { name: string; nameEn: string | null }) => (locale === 'en-US' && thing.nameEn) || thing.name;
  const units = useApiQuery(['campaign-units', campaignId], (signal) => sharedApi.campaignUnits(campaignId, signal), {
    enabled,
    ...(cache && { cacheKey: `openday.cache.units.${campaignId}` }),
  });
  const partners = useApiQuery(
    ['campaign-partners', campaignId],
    (signal) => sharedApi.campaignPartners(campaignId, signal),
    { enabled, ...(cache && { cacheKey: `openday.cache.partners.${campaignId}` }) },
  );
  const options = [
    {
      label: t('cases.toUnits'),
      title: t('cases.toUnits'),
      options: (units.data?.items ?? [])
        .filter((u) => u.id !== fromUnitId)
        .map((u) => ({ value: `unit:${u.id}`, label: named(u) })),
    },
    {
      label: t('cases.toPartners'),
      title: t('cases.toPartners'),
      options: (partners.data?.items ?? [])
        .filter((p) => p.unitId !== fromUnitId)
        .map((p) => ({
          value: `partner:${p.id}`,
          label: p.unitId ? named(p) : t('cases.partnerOutside', { name: named(p) }),
          disabled: p.unitId === null,
        })),
    },
  ].filter((group) => group.options.length > 0);
  const outside = (partners.data?.items ?? []).filter((p) => p.unitId === null).map(named);
  const hint = outside.length
    ? `${t('cases.toHint')} ${t('cases.outsideHint', { names: outside.join(t('cases.listSeparator')) })}`
    : t('cases.toHint');
  return { options, hint, loading: units.loading || partners.loading };
}

/** A receiver chosen as "unit:<id>" or "partner:<id>", as a transfer names it. */
export function transferTarget(value: string): Pick<TransferBody, 'toUnitId' | 'toPartnerId'> {
  const [kind, id] = value.split(':');
  return kind === 'partner' ? { toPartnerId: id } : { toUnitId: id };
}
