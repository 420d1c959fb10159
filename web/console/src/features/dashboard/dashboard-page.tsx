import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { RATING_CHOICES, type CampaignStatistics, type Figures } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useCampaigns } from '../home/campaign.ts';
import { Chart, type Datum } from './chart.tsx';

const REFRESH_MS = 5_000;

/** The day's figures, refreshed every few seconds; each chart's numbers one click away. */
export default function DashboardPage() {
  const { t, formatNumber, formatPercent, formatTime, locale } = useI18n();
  const { campaign, campaigns, choose } = useCampaigns();
  const stats = useQuery(
    (signal) => api.get<CampaignStatistics>(`/campaigns/${campaign!.id}/statistics`, signal),
    [campaign?.id],
    { enabled: Boolean(campaign), refreshMs: REFRESH_MS },
  );
  const data = stats.data;
  const totals = data?.totals;

  const charts = useMemo(() => {
    if (!data || !totals) return undefined;
    const unitName = (row: CampaignStatistics['rows'][number]) =>
      locale === 'en-US' && row.unitNameEn ? row.unitNameEn : row.unitName;
    const byUnit: Datum[] = data.rows
      .map((row) => ({ name: unitName(row), value: row.consultations }))
      .sort((a, b) => b.value - a.value);
    const outcome = (key: MessageKey, value: number) => ({ name: t(key), value });
    const byOutcome: Datum[] = [
      outcome('outcome.answered_on_spot', totals.answeredOnSpot),
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
    </Space>
  );
}

function Kpis(props: { totals: Figures; formatNumber: (n: number) => string; formatPercent: (n: number) => string }) {
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

function ChartCard(props: { title: string; kind: 'bar' | 'pie'; data: Datum[]; firstColumn: string }) {
  const { t, formatNumber } = useI18n();
  const [asTable, setAsTable] = useState(false);
  const total = props.data.reduce((sum, d) => sum + d.value, 0);
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
        <Table<Datum>
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={props.data}
          columns={[
            { title: props.firstColumn, dataIndex: 'name' },
            { title: t('dashboard.count'), dataIndex: 'value', align: 'right', render: (v: number) => formatNumber(v) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('dashboard.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {formatNumber(total)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ) : (
        <Chart kind={props.kind} data={props.data} label={props.title} />
      )}
    </Card>
  );
}
