import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Typography } from 'antd';
import './dashboard.css';
import { useMemo, useState } from 'react';
import type { Breakdown, LiveFigures } from '../../api/types.ts';
import { RATING_CHOICES } from '../../shared/choices.ts';
import { dashboardApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';
import { useCampaigns } from '../../shared/campaign.ts';
import { Chart, type ChartKind, type Datum } from './chart.tsx';
import { timeAxis, TOP_TOPICS, topWithOther } from './series.ts';
import { VillageTable } from './village-table.tsx';

const REFRESH_MS = 5_000;

/** The day's figures, refreshed every few seconds; each chart's numbers one click away. */
export default function DashboardPage() {
  const { t, formatNumber, formatPercent, formatTime, locale } = useI18n();
  const { campaign, campaigns, choose } = useCampaigns();
  // The organizer's and the unit admin's statistics add the figures per village of their units.
  const { roles } = useSession();
  const showVillages = roles.has('organizer') || roles.has('unit_admin');
  // The day's figures in one answer, read from the live figures the server keeps with every record.
  const stats = useApiQuery(
    ['dashboardApi.dashboard', campaign?.id],
    (signal) => dashboardApi.dashboard(campaign!.id, signal),
    { enabled: Boolean(campaign), refreshMs: REFRESH_MS },
  );
  const byRegion = useApiQuery(
    ['dashboardApi.byRegion', campaign?.id],
    (signal) => dashboardApi.byRegion(campaign!.id, signal),
    { enabled: Boolean(campaign), refreshMs: REFRESH_MS },
  ).data;
  const data = stats.data;
  const totals = data?.totals;

  const breakdowns = useMemo(() => {
    const toData = (items: Breakdown['items'] | undefined, name: (item: Breakdown['items'][number]) => string) =>
      (items ?? []).map((item): Datum => ({
        name: name(item),
        value: item.consultations,
        people: item.peopleReceived,
      }));
    // Hours are China's ("2026-05-15T09:00"), every hour from the first record's to the last's (days
    // beyond two days); the day is shown only when the figures span several.
    const axis = timeAxis(data?.byHour ?? []);
    const days = new Set(axis.items.map((item) => item.key?.slice(0, 10)));
    const label = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      ...(axis.unit === 'hour' && { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      ...((axis.unit === 'day' || days.size > 1) && { month: '2-digit', day: '2-digit' }),
    });
    const topics = toData(data?.byTopic, (item) =>
      locale === 'en-US' && item.nameEn ? item.nameEn : (item.key ?? t('dashboard.noTopic')),
    );
    return {
      hourUnit: axis.unit,
      byHour: toData(axis.items, (item) =>
        label.format(new Date(axis.unit === 'hour' ? `${item.key}:00Z` : `${item.key}T00:00Z`)),
      ),
      topics,
      byTopic: topWithOther(topics, TOP_TOPICS, t('dashboard.other')),
      byRegion: toData(byRegion?.items, (item) =>
        locale === 'en-US' && item.nameEn ? item.nameEn : (item.name ?? t('common.none')),
      ),
    };
  }, [data, byRegion, t, locale]);

  const charts = useMemo(() => {
    if (!data || !totals) return undefined;
    const byUnit: Datum[] = data.busiestUnits.map((row) => ({
      name: locale === 'en-US' && row.unitNameEn ? row.unitNameEn : row.unitName,
      value: row.consultations,
      people: row.peopleReceived,
    }));
    const outcome = (key: MessageKey, value: number) => ({ name: t(key), value });
    const byOutcome: Datum[] = [
      outcome('outcome.answered_on_spot', totals.answeredOnSpot),
      outcome('outcome.handled_on_spot', totals.handledOnSpot),
      outcome('outcome.transferred', totals.transferred),
      outcome('outcome.follow_up', totals.followUp),
      outcome('outcome.suggestion', totals.suggestions),
      outcome('outcome.complaint', totals.complaints),
    ];
    const bySatisfaction: Datum[] = RATING_CHOICES.map((level) => ({
      name: t(`rating.${level}`),
      value: totals.satisfaction[level],
    }));
    const cases: Datum[] = [
      { name: t('dashboard.casesOpen'), value: totals.casesOpen },
      { name: t('dashboard.casesOverdue'), value: totals.casesOverdue },
      { name: t('status.replied'), value: totals.casesReplied },
    ];
    return { byUnit, byOutcome, bySatisfaction, cases };
  }, [data, totals, t, locale]);

  if (!campaign) return <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} className="screen-title">
        {t('dashboard.title')}
      </Typography.Title>
      <Space wrap>
        <label htmlFor="dashboard-campaign">{t('dashboard.campaign')}</label>
        <Select
          id="dashboard-campaign"
          style={{ minWidth: 260 }}
          value={campaign.id}
          onChange={choose}
          options={campaigns.map((c) => ({
            value: c.id,
            label: locale === 'en-US' && c.titleEn ? c.titleEn : c.title,
          }))}
        />
        {data && (
          <Typography.Text type="secondary" role="status">
            {t('dashboard.updated', { time: formatTime(data.generatedAt) })}
          </Typography.Text>
        )}
      </Space>
      {stats.error !== undefined && <Alert type="error" title={t('common.error', { message: String(stats.error) })} />}
      {totals && <Kpis totals={totals} formatNumber={formatNumber} formatPercent={formatPercent} />}
      {charts && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <ChartCard
              title={breakdowns.hourUnit === 'hour' ? t('dashboard.byHour') : t('dashboard.byDay')}
              kind="column"
              data={breakdowns.byHour}
              firstColumn={breakdowns.hourUnit === 'hour' ? t('dashboard.hour') : t('dashboard.day')}
            />
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('dashboard.byTopic')}
              kind="bar"
              data={breakdowns.byTopic}
              table={breakdowns.topics}
              firstColumn={t('dashboard.topic')}
            />
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('dashboard.byRegion')}
              kind="bar"
              data={breakdowns.byRegion}
              firstColumn={t('dashboard.region')}
            />
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('dashboard.byUnit')}
              kind="bar"
              data={charts.byUnit}
              firstColumn={t('dashboard.unit')}
            />
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('dashboard.byOutcome')}
              kind="pie"
              data={charts.byOutcome}
              firstColumn={t('dashboard.outcome')}
            />
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('dashboard.bySatisfaction')}
              kind="bar"
              data={charts.bySatisfaction}
              firstColumn={t('dashboard.level')}
            />
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard title={t('dashboard.cases')} kind="bar" data={charts.cases} firstColumn={t('dashboard.kind')} />
          </Col>
        </Row>
      )}
      {showVillages && <VillageTable campaignId={campaign.id} />}
    </Space>
  );
}

function Kpis(props: {
  totals: LiveFigures;
  formatNumber: (n: number) => string;
  formatPercent: (n: number) => string;
}) {
  const { t } = useI18n();
  const { totals, formatNumber, formatPercent } = props;
  const rate = (value: number | null) => (value === null ? t('dashboard.notAvailable') : formatPercent(value));
  const items: { key: string; title: string; value: string }[] = [
    { key: 'people', title: t('dashboard.peopleReceived'), value: formatNumber(totals.peopleReceived) },
    { key: 'consultations', title: t('dashboard.consultations'), value: formatNumber(totals.consultations) },
    { key: 'on-spot', title: t('dashboard.answeredOnSpot'), value: formatNumber(totals.answeredOnSpot) },
    { key: 'on-spot-rate', title: t('dashboard.answeredOnSpotRate'), value: rate(totals.answeredOnSpotRate) },
    { key: 'open', title: t('dashboard.casesOpen'), value: formatNumber(totals.casesOpen) },
    { key: 'overdue', title: t('dashboard.casesOverdue'), value: formatNumber(totals.casesOverdue) },
    {
      key: 'satisfaction',
      title: t('dashboard.satisfactionRate', { rated: totals.rated }),
      value: rate(totals.satisfactionRate),
    },
    // Questions citizens asked online after the campaign's last day: shown apart, once there are any.
    ...(totals.laterQuestions > 0
      ? [{ key: 'later', title: t('dashboard.laterQuestions'), value: formatNumber(totals.laterQuestions) }]
      : []),
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map((item) => (
        <Col key={item.key} xs={12} md={8} xl={6}>
          <Card size="small" data-testid={`kpi-${item.key}`}>
            <Statistic title={item.title} value={item.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** A chart and, a click away, its numbers (`table`: every row, where the chart folds the rest into 其他). */
function ChartCard(props: { title: string; kind: ChartKind; data: Datum[]; table?: Datum[]; firstColumn: string }) {
  const { t, formatNumber } = useI18n();
  const [asTable, setAsTable] = useState(false);
  const rows = props.table ?? props.data;
  const total = rows.reduce((sum, d) => sum + d.value, 0);
  // People received per row do not add up (one visit may ask about two topics): no total for them.
  const withPeople = rows.some((d) => d.people !== undefined);
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{props.title}</h2>}
      extra={
        <Button size="small" onClick={() => setAsTable((v) => !v)} aria-pressed={asTable}>
          {asTable ? t('dashboard.showChart') : t('dashboard.showTable')}
        </Button>
      }
    >
      {asTable ? (
        // A plain table: it wraps on a phone instead of scrolling sideways, and reads in order.
        <table className="numbers-table">
          <caption className="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.firstColumn}</th>
              <th scope="col">{t('dashboard.count')}</th>
              {withPeople && <th scope="col">{t('dashboard.people')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.name}>
                <th scope="row">{d.name}</th>
                <td>{formatNumber(d.value)}</td>
                {withPeople && <td>{d.people === undefined ? '' : formatNumber(d.people)}</td>}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('dashboard.total')}</th>
              <td>{formatNumber(total)}</td>
              {withPeople && <td />}
            </tr>
          </tfoot>
        </table>
      ) : (
        <Chart kind={props.kind} data={props.data} label={props.title} />
      )}
    </Card>
  );
}
