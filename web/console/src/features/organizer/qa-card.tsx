import { Button, Card, Form, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { organizerApi } from './api.ts';
import type { QaItem } from '../../api/types.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { UnpublishButton } from '../../shared/publication-preview.tsx';
import { ErrorNote, useWrite } from '../../shared/ui.tsx';

/** Where each kind of published item is taken out of the Q&A. */
/**
 * The campaign's public Q&A as citizens find it, searched by words: the organizer takes out an
 * item (a replied case or an answer given on the spot) that should not be public.
 */
export function QaCard({ slug }: { slug: string }) {
  const { t, locale, formatDateTime } = useI18n();
  const [q, setQ] = useState('');
  const items = useApiQuery(['organizerApi.qa', slug, q], (signal) => organizerApi.qa(slug, q, signal));
  const { run, error } = useWrite();
  const unpublish = (item: QaItem) =>
    void run(() => organizerApi.unpublish(item.kind, item.id), t('records.unpublishDone')).then(
      (ok) => ok && items.reload(),
    );
  return (
    <Card size="small" title={<h2 className="card-title">{t('organizer.qa.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('organizer.qa.hint')}</Typography.Paragraph>
      <Form layout="inline" name="qa-search" onFinish={(values: { q?: string }) => setQ(values.q?.trim() ?? '')}>
        <Form.Item name="q" label={t('records.q')}>
          <Input type="search" maxLength={100} />
        </Form.Item>
        <Button htmlType="submit">{t('organizer.qa.search')}</Button>
      </Form>
      <ErrorNote error={items.error ?? error} />
      <Table<QaItem>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={items.loading}
        dataSource={items.data?.items ?? []}
        pagination={false}
        // Scrolled sideways only with rows, whose buttons take the keyboard there; an empty table
        // would be a scrolling region no key can reach.
        scroll={items.data?.items.length ? { x: true } : undefined}
        locale={{ emptyText: t('unitAdmin.empty') }}
        columns={[
          { title: t('publish.question'), dataIndex: 'question' },
          { title: t('publish.answer'), dataIndex: 'answer', ellipsis: true },
          {
            title: t('organizer.progress.unit'),
            dataIndex: 'unitName',
            render: (name: string, item) => (locale === 'en-US' && item.unitNameEn) || name,
          },
          {
            title: t('organizer.qa.kind'),
            dataIndex: 'kind',
            render: (kind: QaItem['kind']) => <Tag>{t(`organizer.qa.kind.${kind}`)}</Tag>,
          },
          {
            title: t('organizer.qa.publishedAt'),
            dataIndex: 'publishedAt',
            render: (at: string) => formatDateTime(at),
          },
          {
            title: t('unitAdmin.actions'),
            key: 'actions',
            render: (_: unknown, item) => (
              <UnpublishButton question={item.question} onConfirm={() => unpublish(item)} />
            ),
          },
        ]}
      />
    </Card>
  );
}
