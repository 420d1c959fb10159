import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { newId } from '../../api/client.ts';
import type { PublishBody } from '../../api/types.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PublicationPreviewFields, UnpublishButton } from '../../shared/publication-preview.tsx';
import { unitAdminApi, type ConsultationQuery } from './api.ts';
import { ErrorNote, useFormatDateTime, useWrite } from '../../shared/ui.tsx';
import { CHANNELS, OUTCOME_CHOICES } from '../../shared/choices.ts';
import type { Consultation } from './types.ts';

interface Props {
  campaignId: string;
  unitId: string;
}

interface Filters {
  q?: string;
  deskId?: string;
  topic?: string;
  channel?: (typeof CHANNELS)[number];
  outcome?: (typeof OUTCOME_CHOICES)[number];
  from?: string;
  to?: string;
}

/** The query string of the filters, the same for the list and the export. */
function filterQuery(campaignId: string, unitId: string, filters: Filters): ConsultationQuery {
  const query: Record<string, string> = { campaignId, unitId };
  for (const [name, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value.trim()) query[name] = value.trim();
  }
  // Filters holds the fields of GET /consultations only (its channel and outcome among their values).
  return query as ConsultationQuery;
}

/** The unit's records (consultations) with the API's filters, page by page, and their export. */
export function RecordsPanel({ campaignId, unitId }: Props) {
  const { t, locale } = useI18n();
  const formatDateTime = useFormatDateTime();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [rows, setRows] = useState<Consultation[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState<{ loading: boolean; error?: unknown }>({ loading: false });
  const desks = useApiQuery(['unitAdminApi.desks', campaignId, unitId], (signal) =>
    unitAdminApi.desks(campaignId, unitId, signal),
  );
  const query = filterQuery(campaignId, unitId, filters);
  const first = useApiQuery(['unitAdminApi.consultations', query], (signal) =>
    unitAdminApi.consultations({ ...query, limit: 50 }, signal),
  );
  useEffect(() => {
    setRows(first.data?.items ?? []);
    setCursor(first.data?.nextCursor ?? null);
  }, [first.data]);
  const loadMore = async () => {
    if (!cursor) return;
    setMore({ loading: true });
    try {
      const page = await unitAdminApi.consultations({ ...query, limit: 50, cursor });
      setRows((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
      setMore({ loading: false });
    } catch (error) {
      setMore({ loading: false, error });
    }
  };
  const deskName = (id: string | null) => desks.data?.items.find((d) => d.id === id)?.name ?? '';
  // 联合设台: the partner that answered, among the partners of the unit's desks.
  const partnerName = (id: string | null) => {
    const partner = (desks.data?.items ?? []).flatMap((d) => d.partners).find((p) => p.id === id);
    return partner ? (locale === 'en-US' && partner.nameEn) || partner.name : '';
  };
  const exportQuery = new URLSearchParams(query as Record<string, string>).toString();
  const [publishing, setPublishing] = useState<Consultation>();
  const { run, error: unpublishError } = useWrite();
  const unpublish = (row: Consultation) =>
    void run(() => unitAdminApi.unpublish(row.id), t('records.unpublishDone')).then((ok) => ok && first.reload());

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={<h2 className="card-title">{t('records.title')}</h2>}>
        <Form<Filters> form={form} layout="vertical" name="records-filter" onFinish={(values) => setFilters(values)}>
          <Form.Item name="q" label={t('records.q')} extra={t('records.qHint')}>
            <Input type="search" maxLength={100} style={{ maxWidth: 420 }} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="deskId" label={t('records.desk')}>
              <Select
                allowClear
                style={{ minWidth: 180 }}
                options={(desks.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.site.name} · ${d.name}` }))}
              />
            </Form.Item>
            <Form.Item name="topic" label={t('records.topic')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="channel" label={t('records.channel')}>
              <Select
                allowClear
                style={{ minWidth: 120 }}
                options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
              />
            </Form.Item>
            <Form.Item name="outcome" label={t('records.outcome')}>
              <Select
                allowClear
                style={{ minWidth: 140 }}
                options={OUTCOME_CHOICES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
              />
            </Form.Item>
            <Form.Item name="from" label={t('records.from')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="to" label={t('records.to')}>
              <Input type="date" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Button type="primary" htmlType="submit">
              {t('records.filter')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {t('records.reset')}
            </Button>
            <Button href={`/api/v1/exports/consultations.csv?${exportQuery}`} download>
              {t('records.exportCsv')}
            </Button>
            <Button href={`/api/v1/exports/consultations.xlsx?${exportQuery}`} download>
              {t('records.exportXlsx')}
            </Button>
          </Space>
        </Form>
      </Card>
      <ErrorNote error={first.error ?? more.error ?? unpublishError} />
      <Typography.Paragraph role="status">{t('records.count', { n: rows.length })}</Typography.Paragraph>
      <Table<Consultation>
        rowKey="id"
        size="small"
        loading={first.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('unitAdmin.empty') }}
        columns={[
          { title: t('records.occurredAt'), dataIndex: 'occurredAt', render: (v: string) => formatDateTime(v) },
          { title: t('records.desk'), dataIndex: 'deskId', render: (id: string | null) => deskName(id) },
          { title: t('records.partner'), dataIndex: 'partnerId', render: (id: string | null) => partnerName(id) },
          {
            title: t('records.channel'),
            dataIndex: 'channel',
            render: (c: Consultation['channel']) => t(`channel.${c}`),
          },
          { title: t('records.topic'), dataIndex: 'topic' },
          { title: t('records.question'), dataIndex: 'question', ellipsis: true },
          {
            title: t('records.outcome'),
            dataIndex: 'outcome',
            render: (o: Consultation['outcome'], row: Consultation) =>
              !o
                ? ''
                : row.handledMatter
                  ? t('records.handledMatter', { outcome: t(`outcome.${o}`), matter: row.handledMatter })
                  : t(`outcome.${o}`),
          },
          {
            title: t('records.rating'),
            dataIndex: 'rating',
            render: (r: Consultation['rating']) => (r ? t(`rating.${r}`) : ''),
          },
          {
            title: t('records.caseReference'),
            dataIndex: 'caseReference',
            render: (code: string | null) => code && <code>{code}</code>,
          },
          {
            title: t('records.qa'),
            key: 'qa',
            render: (_: unknown, row: Consultation) =>
              row.publishedAt ? (
                <Space size={4} wrap>
                  <Tag color="green">{t('records.published')}</Tag>
                  <UnpublishButton question={row.question ?? ''} onConfirm={() => unpublish(row)} />
                </Space>
              ) : (
                answeredOnTheSpot(row) && (
                  <Button
                    size="small"
                    onClick={() => setPublishing(row)}
                    aria-label={`${t('records.publish')} ${row.question ?? ''}`}
                  >
                    {t('records.publish')}
                  </Button>
                )
              ),
          },
        ]}
      />
      {publishing && (
        <PublishAnswerDialog
          record={publishing}
          onClose={(done) => {
            setPublishing(undefined);
            if (done) first.reload();
          }}
        />
      )}
      {cursor && (
        <Button onClick={() => void loadMore()} loading={more.loading}>
          {t('records.more')}
        </Button>
      )}
    </Space>
  );
}

/** An answer given on the spot, with its question and answer, that the Q&A may take (not one with a case). */
const answeredOnTheSpot = (row: Consultation) =>
  (row.outcome === 'answered_on_spot' || row.outcome === 'handled_on_spot') &&
  !row.caseReference &&
  Boolean(row.question?.trim() && row.answer?.trim());

/**
 * Publishes an answer given on the spot to the public Q&A: the server's preview masks what looks
 * like personal data; the admin checks and may edit the texts, confirms, and they are published.
 */
function PublishAnswerDialog({ record, onClose }: { record: Consultation; onClose: (done: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PublishBody & { confirmed: boolean }>();
  const [key] = useState(newId);
  const { run, error, busy } = useWrite();
  const preview = useApiQuery(['unitAdminApi.previewPublication', record.id], () =>
    unitAdminApi.previewPublication(record.id),
  );
  useEffect(() => {
    if (preview.data)
      form.setFieldsValue({
        publicQuestion: preview.data.publicQuestion,
        publicAnswer: preview.data.publicAnswer,
        confirmed: false,
      });
  }, [preview.data, form]);
  const publish = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const body: PublishBody = { publicQuestion: values.publicQuestion, publicAnswer: values.publicAnswer };
    if (await run(() => unitAdminApi.publish(record.id, body, key), t('records.publishDone'))) {
      onClose(true);
    }
  };
  return (
    <Modal
      open
      title={t('records.publishTitle')}
      okText={t('records.publish')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: busy || !preview.data }}
      onOk={() => void publish()}
      onCancel={() => onClose(false)}
    >
      <Typography.Paragraph>{record.question}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{record.answer}</Typography.Paragraph>
      {preview.loading && <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>}
      <ErrorNote error={preview.error ?? error} />
      <Form form={form} layout="vertical" name={`publish-${record.id}`}>
        {preview.data && <PublicationPreviewFields preview={preview.data} />}
      </Form>
    </Modal>
  );
}
