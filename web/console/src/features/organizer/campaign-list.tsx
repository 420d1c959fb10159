import { Alert, Button, Flex, Space, Table, Typography } from 'antd';
import { organizerApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CalendarCard } from './calendar-card.tsx';
import type { Campaign } from './types.ts';
import { followView, hrefOfView } from '../../shared/organizer-views.ts';

/** Every open day, newest first, with links to its form and its units' progress. */
export function CampaignList() {
  const { t, locale, formatDate } = useI18n();
  const campaigns = useApiQuery(['organizerApi.campaigns'], organizerApi.campaigns);
  const newView = { kind: 'new' } as const;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={1} className="screen-title">
          {t('organizer.campaigns.title')}
        </Typography.Title>
        <Button type="primary" href={hrefOfView(newView)} onClick={(e) => followView(e, newView)}>
          {t('organizer.campaigns.new')}
        </Button>
      </Flex>
      {campaigns.error !== undefined && (
        <Alert type="error" title={t('common.error', { message: String(campaigns.error) })} />
      )}
      <Table<Campaign>
        rowKey="id"
        size="small"
        loading={campaigns.loading}
        dataSource={campaigns.data?.items ?? []}
        locale={{ emptyText: t('organizer.campaigns.empty') }}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('organizer.field.title'),
            dataIndex: 'title',
            render: (title: string, item) => (
              <a
                href={hrefOfView({ kind: 'edit', id: item.id })}
                onClick={(e) => followView(e, { kind: 'edit', id: item.id })}
              >
                {locale === 'en-US' && item.titleEn ? item.titleEn : title}
              </a>
            ),
          },
          {
            title: t('organizer.field.theme'),
            dataIndex: 'theme',
            ellipsis: true,
            render: (theme: string, item) => (locale === 'en-US' && item.themeEn ? item.themeEn : theme),
          },
          { title: t('organizer.field.openDay'), dataIndex: 'openDay', render: (d: string) => formatDate(d) },
          {
            title: t('organizer.campaigns.window'),
            key: 'window',
            render: (_: unknown, item) =>
              t('organizer.campaigns.range', { from: formatDate(item.startsOn), to: formatDate(item.endsOn) }),
          },
          {
            title: t('organizer.field.replyLimitDays'),
            dataIndex: 'replyLimitDays',
            render: (n: number) => t('organizer.workingDays', { n }),
          },
          {
            title: t('organizer.field.summaryDueOn'),
            dataIndex: 'summaryDueOn',
            render: (d: string | null) => (d ? formatDate(d) : t('common.none')),
          },
          {
            title: t('organizer.campaigns.actions'),
            key: 'actions',
            render: (_: unknown, item) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  href={hrefOfView({ kind: 'edit', id: item.id })}
                  onClick={(e) => followView(e, { kind: 'edit', id: item.id })}
                  aria-label={t('organizer.campaigns.editOf', { title: item.title })}
                >
                  {t('organizer.campaigns.edit')}
                </Button>
                <Button
                  size="small"
                  href={hrefOfView({ kind: 'progress', id: item.id })}
                  onClick={(e) => followView(e, { kind: 'progress', id: item.id })}
                  aria-label={t('organizer.campaigns.progressOf', { title: item.title })}
                >
                  {t('organizer.campaigns.progress')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CalendarCard />
    </Space>
  );
}
