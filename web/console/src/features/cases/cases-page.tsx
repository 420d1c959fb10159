import {
  Alert,
  Button,
  Card,
  Checkbox,
  Grid,
  Input,
  List,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../api/error-text.ts';
import type { Case, CaseAction } from '../../api/types.ts';
import { casesApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';
import { useCampaigns } from '../../shared/campaign.ts';
import { ACTION_LABEL, CaseActionDialog } from './case-action-dialog.tsx';
import { CaseView } from './case-view.tsx';
import { DueText } from './due-text.tsx';

type Filter = 'overdue' | 'dueSoon' | 'transferredIn' | 'mine';
type Sort = 'due' | 'newest' | 'updated';

const pending = (c: Case) => c.status === 'open' || c.status === 'transferred' || c.status === 'reopened';

/**
 * The responder's inbox: the cases of the reader's units, searched by reference or words,
 * filtered (overdue, due within 2 working days, transferred in, my unit's) and sorted; cards on
 * a phone, a table on a desktop. Each case offers only the actions its record says may succeed.
 */
export function CasesPage() {
  const { t } = useI18n();
  const { memberships, roles } = useSession();
  const handles = roles.has('unit_admin') || roles.has('responder');
  const { campaign } = useCampaigns();
  const screens = Grid.useBreakpoint();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const [filters, setFilters] = useState<Filter[]>([]);
  const [sort, setSort] = useState<Sort>('due');
  const [q, setQ] = useState('');
  const [opened, setOpened] = useState<string>();
  const [version, setVersion] = useState(0);
  const [acting, setActing] = useState<{ item: Case; action: CaseAction }>();
  const cases = useApiQuery(['casesApi.list', campaign?.id, q], (signal) => casesApi.list(campaign!.id, q, signal), {
    enabled: Boolean(campaign),
    refreshMs: 30_000,
  });
  const units = useApiQuery(
    ['casesApi.campaignUnits', campaign?.id],
    (signal) => casesApi.campaignUnits(campaign!.id, signal),
    { enabled: Boolean(campaign) },
  );
  const unitNames = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);
  const myUnits = useMemo(() => new Set(memberships.map((m) => m.unitId)), [memberships]);
  const tableBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The table scrolls sideways: a keyboard must reach it too (WCAG 2.1.1).
    for (const region of tableBox.current?.querySelectorAll('.ant-table-content, .ant-table-body') ?? []) {
      region.setAttribute('tabindex', '0');
      region.setAttribute('role', 'region');
      region.setAttribute('aria-label', t('cases.title'));
    }
  });

  const test: Record<Filter, (c: Case) => boolean> = {
    overdue: (c) => c.overdue,
    dueSoon: (c) => pending(c) && !c.overdue && c.workingDaysLeft !== null && c.workingDaysLeft <= 2,
    transferredIn: (c) => myUnits.has(c.unitId) && !myUnits.has(c.originUnitId),
    mine: (c) => myUnits.has(c.unitId),
  };
  const order: Record<Sort, (a: Case, b: Case) => number> = {
    due: (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn),
    newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
    updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
  };
  const rows = (cases.data?.items ?? [])
    // 待办: for those who answer, what they can still act on — a case sent to another unit leaves
    // the sender's list; for the others (organizers, desks), every case still owing a reply.
    .filter((c) => status === 'all' || (pending(c) && (!handles || c.actions.some((a) => a !== 'erase'))))
    .filter((c) => filters.every((f) => test[f](c)))
    .sort(order[sort]);

  const openButton = (item: Case) => (
    <Button
      type="link"
      // Darker than AntD's link blue: 4.5:1 on white and on a table row's hover (WCAG 1.4.3).
      style={{ padding: 0, color: '#0958d9', fontFamily: 'monospace' }}
      aria-label={t('cases.openCase', { reference: item.reference })}
      onClick={() => setOpened(item.id)}
    >
      {item.reference}
    </Button>
  );
  const actionButtons = (item: Case) => (
    <Space size={4} wrap>
      {item.actions.map((action) => (
        <Button key={action} size="small" onClick={() => setActing({ item, action })}>
          {t(ACTION_LABEL[action])}
        </Button>
      ))}
    </Space>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} className="screen-title">
        {t('cases.title')}
      </Typography.Title>
      <Input.Search
        allowClear
        aria-label={t('cases.search')}
        placeholder={t('cases.searchHint')}
        enterButton={t('cases.search')}
        onSearch={(value) => setQ(value.trim())}
      />
      <Space wrap size="middle">
        <Segmented
          value={status}
          onChange={(value) => setStatus(value as 'pending' | 'all')}
          options={[
            { label: t('cases.filterPending'), value: 'pending' },
            { label: t('cases.filterAll'), value: 'all' },
          ]}
        />
        <Checkbox.Group
          aria-label={t('cases.filters')}
          value={filters}
          onChange={(value) => setFilters(value as Filter[])}
          options={[
            { label: t('cases.filterOverdue'), value: 'overdue' },
            { label: t('cases.filterDueSoon'), value: 'dueSoon' },
            { label: t('cases.filterTransferredIn'), value: 'transferredIn' },
            { label: t('cases.filterMine'), value: 'mine' },
          ]}
        />
        <Select
          aria-label={t('cases.sort')}
          value={sort}
          onChange={setSort}
          style={{ minWidth: 140 }}
          options={[
            { label: t('cases.sortDue'), value: 'due' },
            { label: t('cases.sortNewest'), value: 'newest' },
            { label: t('cases.sortUpdated'), value: 'updated' },
          ]}
        />
      </Space>
      {cases.error !== undefined && <Alert type="error" title={describeError(cases.error, t)} />}
      <Typography.Text type="secondary" aria-live="polite">
        {t('cases.count', { n: rows.length })}
      </Typography.Text>
      {screens.md ? (
        <div ref={tableBox}>
          <Table<Case>
            rowKey="id"
            size="small"
            loading={cases.loading}
            dataSource={rows}
            locale={{ emptyText: t('cases.empty') }}
            scroll={{ x: true }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('cases.reference'), dataIndex: 'reference', render: (_: string, item) => openButton(item) },
              { title: t('cases.topic'), dataIndex: 'topic' },
              { title: t('cases.question'), dataIndex: 'question', ellipsis: true },
              { title: t('cases.unit'), dataIndex: 'unitName' },
              { title: t('cases.status'), dataIndex: 'status', render: (s: Case['status']) => t(`status.${s}`) },
              { title: t('cases.dueOn'), dataIndex: 'dueOn', render: (_: string, item) => <DueText item={item} /> },
              { title: t('cases.actions'), key: 'actions', render: (_: unknown, item: Case) => actionButtons(item) },
            ]}
          />
        </div>
      ) : (
        <List<Case>
          loading={cases.loading}
          dataSource={rows}
          locale={{ emptyText: t('cases.empty') }}
          pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
          renderItem={(item) => (
            <List.Item key={item.id} style={{ padding: '6px 0', border: 'none' }}>
              <Card
                size="small"
                style={{ width: '100%' }}
                title={openButton(item)}
                extra={<Tag>{t(`status.${item.status}`)}</Tag>}
              >
                <Space direction="vertical" size={6} style={{ width: '100%' }}>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {item.question}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {[item.topic, item.unitName].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  <DueText item={item} />
                  {actionButtons(item)}
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
      {opened && (
        <CaseView
          caseId={opened}
          version={version}
          unitNames={unitNames}
          onAction={(item, action) => setActing({ item, action })}
          onClose={() => setOpened(undefined)}
        />
      )}
      {acting && campaign && (
        <CaseActionDialog
          campaignId={campaign.id}
          item={acting.item}
          action={acting.action}
          onClose={(done) => {
            setActing(undefined);
            if (done) {
              cases.reload();
              setVersion((v) => v + 1);
            }
          }}
        />
      )}
    </Space>
  );
}
