import { Alert, Button, Card, Popconfirm, Progress, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';

import { organizerApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Collection } from './types.ts';

/** How often a collection being written is asked for its progress. */
const POLL_MS = 1000;

/**
 * 总结汇编: starts the job that collects the campaign's approved summaries into one document,
 * follows its progress, then offers the document and publishing it on the portal.
 */
export function CollectionCard({ campaignId }: { campaignId: string }) {
  const { t, formatNumber } = useI18n();
  const [format, setFormat] = useState<'docx' | 'pdf'>('pdf');
  const [lang, setLang] = useState<'zh-CN' | 'en-US'>('zh-CN');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const list = useApiQuery(['organizerApi.collections', campaignId], (signal) =>
    organizerApi.collections(campaignId, signal),
  );
  const [current, setCurrent] = useState<Collection>();
  const latest = current ?? list.data?.items[0];
  const working = latest?.state === 'queued' || latest?.state === 'running';

  // Poll the job while it runs; any instance answers from the database.
  useEffect(() => {
    if (!latest || !working) return;
    const timer = setTimeout(() => {
      organizerApi.collection(latest.id).then(setCurrent, setError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [latest, working]);

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setCurrent(await organizerApi.collect(campaignId, { format, lang }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    if (!latest) return;
    setBusy(true);
    setError(undefined);
    try {
      setCurrent(await organizerApi.publishCollection(latest.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const size = (bytes: number | null) =>
    bytes === null ? '' : `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  const percent =
    latest && latest.progress.total > 0 ? Math.floor((latest.progress.done / latest.progress.total) * 100) : 0;

  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('organizer.collection.title')}</h2>}
      data-testid="collection"
    >
      <Typography.Paragraph type="secondary">{t('organizer.collection.hint')}</Typography.Paragraph>
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('organizer.collection.format')}</Typography.Text>
        <Radio.Group
          value={format}
          onChange={(e) => setFormat(e.target.value as 'docx' | 'pdf')}
          options={[
            { value: 'pdf', label: 'PDF' },
            { value: 'docx', label: 'Word' },
          ]}
          optionType="button"
        />
        <Typography.Text>{t('organizer.collection.language')}</Typography.Text>
        <Radio.Group
          value={lang}
          onChange={(e) => setLang(e.target.value as 'zh-CN' | 'en-US')}
          options={[
            { value: 'zh-CN', label: t('organizer.collection.languageZh') },
            { value: 'en-US', label: t('organizer.collection.languageEn') },
          ]}
          optionType="button"
        />
        <Button type="primary" onClick={() => void start()} loading={busy && !working} disabled={working}>
          {t('organizer.collection.start')}
        </Button>
      </Space>
      {error !== undefined && <Alert type="error" title={t('common.error', { message: String(error) })} />}
      {latest && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {working && (
            <>
              <Typography.Text>
                {latest.state === 'queued'
                  ? t('organizer.collection.queued')
                  : t('organizer.collection.running', { done: latest.progress.done, total: latest.progress.total })}
              </Typography.Text>
              <Progress percent={percent} aria-label={t('organizer.collection.progressLabel')} />
            </>
          )}
          {latest.state === 'failed' && (
            <Alert type="error" title={t('organizer.collection.failed', { error: latest.error ?? '' })} />
          )}
          {latest.state === 'completed' && latest.fileUrl && (
            <Space wrap>
              <Typography.Text>
                {latest.pages !== null
                  ? t('organizer.collection.completedPages', { pages: latest.pages, size: size(latest.bytes) })
                  : t('organizer.collection.completed', { size: size(latest.bytes) })}
              </Typography.Text>
              <Button href={latest.fileUrl} download={latest.fileName ?? true}>
                {t('organizer.collection.download')}
              </Button>
              {latest.publishedAt ? (
                <>
                  <Typography.Text type="success">{t('organizer.collection.published')}</Typography.Text>
                  {latest.portalUrl && (
                    <a href={latest.portalUrl} target="_blank" rel="noreferrer">
                      {t('organizer.collection.portalLink')}
                    </a>
                  )}
                </>
              ) : (
                <Popconfirm title={t('organizer.collection.publishConfirm')} onConfirm={() => void publish()}>
                  <Button loading={busy}>{t('organizer.collection.publish')}</Button>
                </Popconfirm>
              )}
            </Space>
          )}
        </Space>
      )}
    </Card>
  );
}
