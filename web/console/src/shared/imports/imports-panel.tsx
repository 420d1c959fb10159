import { Alert, Button, Card, Form, Progress, Select, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { ErrorNote, FileField, useWrite } from '../ui.tsx';
import { importsApi, importTemplateHref, uploadImport, type Import, type ImportKind } from './api.ts';

interface Props {
  campaignId: string;
  unitId: string;
}

const KINDS: readonly ImportKind[] = ['consultations', 'publicity', 'materials'];

/** How often a running import is asked about: its progress moves every few thousand rows. */
const POLL_MS = 1000;

/**
 * Importing a filled-in form (the visit record form, the publicity or the materials form, as
 * XLSX or CSV): the empty templates to download, the upload, the import's progress while it
 * runs, and then what it brought, or every bad row (nothing is stored then: all rows or none).
 */
export function ImportsPanel({ campaignId, unitId }: Props) {
  const { t, locale, formatNumber, formatDateTime } = useI18n();
  const { session } = useSession();
  const [kind, setKind] = useState<ImportKind>('consultations');
  const [file, setFile] = useState<File>();
  const fileInput = useRef<HTMLInputElement>(null);
  const { run, error, busy } = useWrite();
  const [current, setCurrent] = useState<Import>();
  const history = useApiQuery(['importsApi.list', campaignId, unitId], (signal) =>
    importsApi.list(campaignId, unitId, signal),
  );
  const running = current?.state === 'running';
  const polled = useApiQuery(['importsApi.get', current?.id], (signal) => importsApi.get(current!.id, signal), {
    enabled: running,
    refreshMs: POLL_MS,
  });
  useEffect(() => {
    if (polled.data && polled.data.id === current?.id) setCurrent(polled.data);
  }, [polled.data, current?.id]);
  const { reload } = history;
  const landed = current?.state === 'completed';
  useEffect(() => {
    if (landed) reload();
  }, [landed, reload]);

  const upload = async () => {
    if (!file) return;
    const sent = await run(async () => {
      setCurrent(await uploadImport({ campaignId, unitId, kind, file, csrfToken: session?.csrfToken ?? '' }));
    }, t('imports.sent'));
    if (sent) {
      setFile(undefined);
      if (fileInput.current) fileInput.current.value = '';
    }
  };
  const kindLabel = (k: ImportKind) => t(`imports.kind.${k}`);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={<h2 className="card-title">{t('imports.title')}</h2>}>
        <Typography.Paragraph type="secondary">{t('imports.hint')}</Typography.Paragraph>
        <Form layout="vertical" name="import-form" onFinish={() => void upload()}>
          <Space wrap align="start">
            <Form.Item label={t('imports.kind')} htmlFor="import-kind">
              <Select<ImportKind>
                id="import-kind"
                style={{ minWidth: 180 }}
                value={kind}
                onChange={setKind}
                options={KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
              />
            </Form.Item>
            <Form.Item label={t('imports.template')}>
              <Space wrap>
                <a href={importTemplateHref(kind, 'xlsx', locale)} download>
                  {t('imports.templateXlsx')}
                </a>
                <a href={importTemplateHref(kind, 'csv', locale)} download>
                  {t('imports.templateCsv')}
                </a>
              </Space>
            </Form.Item>
            <FileField
              id="import-file"
              label={t('imports.file')}
              inputRef={fileInput}
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={setFile}
            />
          </Space>
          <ErrorNote error={error} />
          <Button htmlType="submit" type="primary" loading={busy} disabled={!file || running}>
            {t('imports.start')}
          </Button>
        </Form>
      </Card>
      {current && <ImportState value={current} kindLabel={kindLabel} error={polled.error} />}
      <Card size="small" title={<h2 className="card-title">{t('imports.history')}</h2>}>
        <ErrorNote error={history.error} />
        <Table<Import>
          size="small"
          rowKey="id"
          loading={history.loading}
          pagination={false}
          scroll={{ x: true }}
          dataSource={history.data?.items ?? []}
          locale={{ emptyText: t('imports.historyEmpty') }}
          columns={[
            {
              title: t('imports.at'),
              key: 'at',
              render: (_, item) => formatDateTime(item.finishedAt ?? item.startedAt),
            },
            { title: t('imports.kind'), key: 'kind', render: (_, item) => kindLabel(item.kind) },
            { title: t('imports.fileName'), dataIndex: 'fileName' },
            {
              title: t('imports.rowsImported'),
              key: 'rows',
              align: 'right',
              render: (_, item) => formatNumber(item.rowsImported),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** The import just sent: its progress while it runs, then what it brought or why nothing was stored. */
function ImportState({
  value,
  kindLabel,
  error,
}: {
  value: Import;
  kindLabel: (kind: ImportKind) => string;
  error: unknown;
}) {
  const { t, locale, formatNumber } = useI18n();
  const what = { file: value.fileName, kind: kindLabel(value.kind) };
  if (value.state === 'running') {
    const percent = value.fileSize ? Math.min(99, Math.floor((value.bytesRead / value.fileSize) * 100)) : 0;
    return (
      <Card size="small" title={<h2 className="card-title">{t('imports.running', what)}</h2>}>
        <Progress percent={percent} status="active" aria-label={t('imports.progress')} />
        <Typography.Paragraph role="status">
          {value.phase === 'writing'
            ? t('imports.writing', { read: value.rowsRead, written: value.rowsImported })
            : t('imports.checking', { read: value.rowsRead })}
        </Typography.Paragraph>
        <ErrorNote error={error} />
      </Card>
    );
  }
  if (value.state === 'completed') {
    return (
      <Alert
        type={value.duplicate ? 'info' : 'success'}
        showIcon
        role="status"
        title={
          value.duplicate ? t('imports.duplicate', what) : t('imports.completed', { ...what, rows: value.rowsImported })
        }
      />
    );
  }
  const listedRows = new Set(value.errors.map((e) => e.row)).size;
  return (
    <Card size="small" title={<h2 className="card-title">{t('imports.rejectedTitle', what)}</h2>}>
      <Alert
        type="error"
        showIcon
        role="alert"
        title={value.errorCount ? t('imports.rejected', { count: value.errorCount }) : t('imports.rejectedFile')}
        description={value.errorCount > listedRows ? t('imports.firstListed', { count: listedRows }) : undefined}
      />
      <Table
        size="small"
        className="import-errors"
        style={{ marginTop: 12 }}
        rowKey={(e) => `${e.row}\n${e.column}\n${e.reason}`}
        pagination={false}
        scroll={{ x: true }}
        dataSource={value.errors}
        columns={[
          {
            title: t('imports.row'),
            key: 'row',
            render: (_, e) => (e.row ? formatNumber(e.row) : '—'),
          },
          {
            title: t('imports.column'),
            key: 'column',
            render: (_, e) => (e.column === 'file' ? t('imports.wholeFile') : e.column),
          },
          { title: t('imports.value'), dataIndex: 'value' },
          {
            title: t('imports.reason'),
            key: 'reason',
            render: (_, e) => (locale === 'zh-CN' && e.reasonZh) || e.reason,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('imports.fixAndResend')}
      </Typography.Paragraph>
    </Card>
  );
}
