import { Alert, Card, Typography } from 'antd';
import type { VillageStatistics } from '../../api/types.ts';
import { dashboardApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';

/** Village figures change with the plan and the records through a hotline or mailbox: read once a minute. */
const REFRESH_MS = 60_000;

/**
 * 按村（社区）统计: per village or community of the units the reader may see, the hotlines and
 * mailboxes there, the questions received through them and the publicity put up there (ADR 30).
 * A plain table that wraps on a phone; the rows grouped under each unit's name when the reader sees several.
 */
export function VillageTable({ campaignId }: { campaignId: string }) {
  const { t, formatNumber, locale } = useI18n();
  const villages = useApiQuery(
    ['dashboardApi.villages', campaignId],
    (signal) => dashboardApi.villages(campaignId, signal),
    { refreshMs: REFRESH_MS },
  );
  const data = villages.data;
  const english = locale === 'en-US';
  // Rows come in unit order: one group per unit, headed by its name when the reader sees several.
  const groups: { unitId: string; unit: string; rows: VillageStatistics['rows'] }[] = [];
  for (const row of data?.rows ?? []) {
    const last = groups.at(-1);
    if (last?.unitId === row.unitId) last.rows.push(row);
    else
      groups.push({
        unitId: row.unitId,
        unit: english ? (row.unitNameEn ?? row.unitName) : row.unitName,
        rows: [row],
      });
  }
  const withUnit = groups.length > 1;
  const title = t('dashboard.byVillage');
  return (
    <Card size="small" title={<h2 className="card-title">{title}</h2>} data-testid="village-figures">
      <Typography.Paragraph type="secondary">{t('dashboard.byVillageHint')}</Typography.Paragraph>
      {villages.error !== undefined && (
        <Alert type="error" title={t('common.error', { message: String(villages.error) })} />
      )}
      {!data ? (
        villages.error === undefined && <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>
      ) : data.rows.length === 0 ? (
        <Typography.Paragraph>{t('dashboard.noVillages')}</Typography.Paragraph>
      ) : (
        <table className="numbers-table village-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.village')}</th>
              <th scope="col">{t('dashboard.hotlines')}</th>
              <th scope="col">{t('dashboard.mailboxes')}</th>
              <th scope="col">{t('dashboard.villageQuestions')}</th>
              <th scope="col">{t('dashboard.villagePublicity')}</th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.unitId}>
              {withUnit && (
                <tr className="village-table-unit">
                  <th scope="rowgroup" colSpan={5}>
                    {group.unit}
                  </th>
                </tr>
              )}
              {group.rows.map((row) => (
                <tr key={row.regionId}>
                  <th scope="row">{(english ? (row.nameEn ?? row.name) : row.name) ?? ''}</th>
                  <td>{formatNumber(row.hotlines)}</td>
                  <td>{formatNumber(row.mailboxes)}</td>
                  <td>{formatNumber(row.consultations)}</td>
                  <td>{formatNumber(row.publicityItems)}</td>
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot>
            <tr>
              <th scope="row">
                {withUnit
                  ? `${t('dashboard.total')} · ${t('dashboard.villageCount', { count: data.totals.villages })}`
                  : t('dashboard.total')}
              </th>
              <td>{formatNumber(data.totals.hotlines)}</td>
              <td>{formatNumber(data.totals.mailboxes)}</td>
              <td>{formatNumber(data.totals.consultations)}</td>
              <td>{formatNumber(data.totals.publicityItems)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </Card>
  );
}
