import { Alert, Button, Checkbox, Descriptions, Flex, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { organizerApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CollectionCard } from './collection-card.tsx';
import { QaCard } from './qa-card.tsx';
import { UnitDaysCard } from './unit-days-card.tsx';
import { RemindOwedButton } from '../../shared/summaries/remind-owed-button.tsx';
import { PROBLEMS } from '../../shared/choices.ts';
import type { UnitProgress } from './types.ts';
import { followView, hrefOfView } from '../../shared/organizer-views.ts';
import { ImportsPanel } from '../../shared/imports/imports-panel.tsx';

/** How far every participating unit has got, refreshed every half minute; problems first to the eye. */
export function ProgressPage({ id }: { id: string }) {
  const { t, locale, formatNumber, formatDateTime } = useI18n();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const campaign = useApiQuery(['organizerApi.campaign', id], (signal) => organizerApi.campaign(id, signal));
  const progress = useApiQuery(['organizerApi.progress', id], (signal) => organizerApi.progress(id, signal), {
    refreshMs: 30_000,
  });
  const showInstant = formatDateTime;
  const all = progress.data?.rows ?? [];
  const rows = onlyProblems ? all.filter((r) => r.problems.length > 0) : all;
  const count = (test: (r: UnitProgress) => boolean) => formatNumber(all.filter(test).length);
  const total = (pick: (r: UnitProgress) => number) => formatNumber(all.reduce((sum, r) => sum + pick(r), 0));
  // The unit whose filled-in forms the organizer imports (a unit without an admin of its own, say).
  const [importing, setImporting] = useState<UnitProgress>();
  const unitName = (row: UnitProgress) => (locale === 'en-US' && row.unitNameEn ? row.unitNameEn : row.unitName);
  const edit = { kind: 'edit', id } as const;
  const list = { kind: 'list' } as const;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={1} className="screen-title">
          {t('organizer.progress.title', {
            title: (locale === 'en-US' && campaign.data?.titleEn) || campaign.data?.title || '',
          })}
        </Typography.Title>
        <Space wrap>
          <Button href={hrefOfView(edit)} onClick={(e) => followView(e, edit)}>
            {t('organizer.campaigns.edit')}
          </Button>
          <Button href={hrefOfView(list)} onClick={(e) => followView(e, list)}>
            {t('organizer.form.back')}
          </Button>
        </Space>
      </Flex>
      {progress.error !== undefined && (
        <Alert type="error" title={t('common.error', { message: String(progress.error) })} />
      )}
      {progress.data && (
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          data-testid="progress-totals"
          items={[
            { key: 'units', label: t('organizer.progress.units'), children: formatNumber(all.length) },
            { key: 'filed', label: t('organizer.progress.plansFiled'), children: count((r) => r.planFiledAt !== null) },
            { key: 'desks', label: t('organizer.progress.desksReady'), children: count((r) => r.desks > 0) },
            { key: 'records', label: t('organizer.progress.consultations'), children: total((r) => r.consultations) },
            {
              key: 'later',
              label: (
                <span title={t('organizer.progress.laterQuestionsHelp')}>{t('organizer.progress.laterQuestions')}</span>
              ),
              children: total((r) => r.laterQuestions),
            },
            { key: 'open', label: t('organizer.progress.casesOpen'), children: total((r) => r.casesOpen) },
            { key: 'overdue', label: t('organizer.progress.casesOverdue'), children: total((r) => r.casesOverdue) },
            { key: 'owed', label: t('organizer.progress.summariesOwed'), children: count((r) => r.summaryOwed) },
            {
              key: 'problems',
              label: t('organizer.progress.withProblems'),
              children: count((r) => r.problems.length > 0),
            },
          ]}
        />
      )}
      <CollectionCard campaignId={id} />
      {campaign.data && <QaCard slug={campaign.data.slug} />}
      {campaign.data && <UnitDaysCard campaignId={id} window={campaign.data} units={all} />}
      <RemindOwedButton campaignId={id} owed={all.filter((r) => r.summaryOwed).length} />
      <Flex justify="space-between" align="center" wrap gap="small">
        <Checkbox checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)}>
          {t('organizer.progress.onlyProblems')}
        </Checkbox>
        {progress.data && (
          <Typography.Text type="secondary">
            {t('organizer.progress.asOf', { time: showInstant(progress.data.generatedAt) })}
          </Typography.Text>
        )}
      </Flex>
      <Table<UnitProgress>
        rowKey="unitId"
        size="small"
        loading={progress.loading}
        dataSource={rows}
        data-testid="progress-table"
        locale={{ emptyText: onlyProblems ? t('organizer.progress.noProblems') : t('organizer.progress.empty') }}
        scroll={{ x: true }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('organizer.progress.unit'),
            dataIndex: 'unitName',
            render: (name: string, row) => (locale === 'en-US' && row.unitNameEn ? row.unitNameEn : name),
          },
          {
            title: t('organizer.progress.plan'),
            dataIndex: 'planFiledAt',
            render: (at: string | null, row) =>
              at ? (
                <Space size={4} wrap>
                  <span>{t('organizer.progress.filedAt', { time: showInstant(at) })}</span>
                  {row.planFiledLate && <Tag color="#ad4e00">{t('organizer.progress.planFiledLate')}</Tag>}
                </Space>
              ) : (
                <Space size={4} wrap>
                  <Tag color="red">{t('organizer.progress.notFiled')}</Tag>
                  {row.planOverdue && <Tag color="red">{t('organizer.progress.planOverdue')}</Tag>}
                </Space>
              ),
          },
          { title: t('organizer.progress.desks'), dataIndex: 'desks', align: 'right', render: formatNumber },
          {
            title: t('organizer.progress.consultations'),
            dataIndex: 'consultations',
            align: 'right',
            render: (n: number) => formatNumber(n),
          },
          {
            title: t('organizer.progress.laterQuestions'),
            dataIndex: 'laterQuestions',
            align: 'right',
            render: (n: number) => formatNumber(n),
          },
          {
            title: t('organizer.progress.lastConsultation'),
            dataIndex: 'lastConsultationAt',
            render: (at: string | null) => (at ? showInstant(at) : t('common.none')),
          },
          { title: t('organizer.progress.casesOpen'), dataIndex: 'casesOpen', align: 'right', render: formatNumber },
          {
            title: t('organizer.progress.casesOverdue'),
            dataIndex: 'casesOverdue',
            align: 'right',
            render: (n: number) => (n > 0 ? <Tag color="red">{formatNumber(n)}</Tag> : formatNumber(n)),
          },
          {
            title: t('organizer.progress.summary'),
            key: 'summary',
            render: (_: unknown, row) => (
              <Space size={4} wrap>
                <span>{t(`organizer.summary.${row.summaryStatus ?? 'missing'}`)}</span>
                {row.summaryOverdue && <Tag color="red">{t('organizer.progress.summaryOverdue')}</Tag>}
                {row.summaryStatus !== null && (
                  <a
                    href={hrefOfView({ kind: 'summary', id, unitId: row.unitId })}
                    onClick={(e) => followView(e, { kind: 'summary', id, unitId: row.unitId })}
                    aria-label={`${t('summaries.open')}: ${locale === 'en-US' && row.unitNameEn ? row.unitNameEn : row.unitName}`}
                  >
                    {t('summaries.open')}
                  </a>
                )}
              </Space>
            ),
          },
          {
            title: t('organizer.progress.imports'),
            key: 'imports',
            render: (_: unknown, row) => (
              <Button
                size="small"
                onClick={() => setImporting(row)}
                aria-label={`${t('organizer.progress.importForms')}: ${unitName(row)}`}
              >
                {t('organizer.progress.importForms')}
              </Button>
            ),
          },
          {
            title: t('organizer.progress.problems'),
            key: 'problems',
            render: (_: unknown, row) =>
              row.problems.length === 0 ? (
                t('common.none')
              ) : (
                <Space size={4} wrap>
                  {PROBLEMS.filter((p) => row.problems.includes(p)).map((p) => (
                    <Tag key={p} color="red">
                      {t(`organizer.problem.${p}`)}
                    </Tag>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={importing !== undefined}
        title={importing && t('organizer.progress.importTitle', { unit: unitName(importing) })}
        footer={null}
        width={960}
        onCancel={() => {
          setImporting(undefined);
          progress.reload();
        }}
        destroyOnHidden
      >
        {importing && <ImportsPanel campaignId={id} unitId={importing.unitId} />}
      </Modal>
    </Space>
  );
}
