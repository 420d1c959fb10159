import { Alert, Button, Descriptions, Drawer, Grid, Space, Tag, Timeline, Typography } from 'antd';
import { describeError } from '../../api/error-text.ts';
import type { CaseAction, CaseDetail, CaseEvent, DueDateExplanation } from '../../api/types.ts';
import { useApiQuery } from '../../api/query.ts';
import { casesApi } from './api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ACTION_LABEL } from './case-action-dialog.tsx';
import { DueText } from './due-text.tsx';

/** How the due date is reached: start, limit, extension, the days skipped and the adjusted days counted. */
function DueExplanation({ due }: { due: DueDateExplanation }) {
  const { t, formatDate } = useI18n();
  const skipped = due.days.filter((d) => d.reason === 'holiday');
  const adjusted = due.days.filter((d) => d.reason === 'adjusted_working_day');
  const weekends = due.days.filter((d) => d.reason === 'weekend').length;
  const named = (days: typeof skipped) =>
    days.map((d) => `${formatDate(d.day)}${d.name ? ` ${d.name}` : ''}`).join('、');
  return (
    <Space direction="vertical" size={2}>
      <span>
        {t(due.clockStartReason === 'reopened' ? 'caseView.clockStartReopened' : 'caseView.clockStart', {
          date: formatDate(due.clockStartOn),
        })}
        {' · '}
        {t('caseView.limit', { n: due.limitDays })}
      </span>
      {due.extensionDays !== null && (
        <span>{t('caseView.extension', { n: due.extensionDays, reason: due.extensionReason ?? '' })}</span>
      )}
      <span>{t('caseView.total', { n: due.workingDays, date: formatDate(due.dueOn) })}</span>
      <span>
        {t('caseView.skipped')}
        {[named(skipped), t('caseView.weekends', { n: weekends })].filter(Boolean).join('；')}
      </span>
      {adjusted.length > 0 && (
        <span>
          {t('caseView.adjusted')}
          {named(adjusted)}
        </span>
      )}
      {due.unconfirmedYears.length > 0 && (
        <Alert type="warning" title={t('caseView.unconfirmedHint', { years: due.unconfirmedYears.join('、') })} />
      )}
    </Space>
  );
}

/** One step of the chain, in words: what, when, who, between which units, why. */
function EventLine({ event, unitName }: { event: CaseEvent; unitName: (id: string | null) => string }) {
  const { t, formatDateTime, formatDate } = useI18n();
  const details = event.details ?? {};
  const extra =
    event.kind === 'transferred'
      ? t('event.transferDetail', { from: unitName(event.fromUnitId), to: unitName(event.toUnitId) })
      : event.kind === 'due_recomputed' || event.kind === 'extended'
        ? t('event.dueDetail', {
            from: typeof details.from === 'string' ? formatDate(details.from) : '',
            to: formatDate(String(details.to ?? details.dueOn ?? '')),
          })
        : event.kind === 'rated' && typeof details.rating === 'string'
          ? t(`rating.${details.rating as 'satisfied'}`)
          : event.kind === 'return_visit'
            ? [
                details.reached ? t('cases.reached') : t('caseView.notReached'),
                ...(typeof details.rating === 'string' ? [t(`rating.${details.rating as 'satisfied'}`)] : []),
              ].join(' · ')
            : '';
  return (
    <div>
      <strong>{t(`event.${event.kind}`)}</strong> <span>{formatDateTime(event.at)}</span>
      {event.actorName && <span> · {event.actorName}</span>}
      {extra && <div>{extra}</div>}
      {event.reason && <div>{event.reason}</div>}
    </div>
  );
}

/**
 * A case's page: the question, the reply, the due date explained, the whole chain (transfers,
 * extensions, ratings, return visits), and the actions the reader may take on it.
 */
export function CaseView(props: {
  caseId: string;
  unitNames: Map<string, string>;
  onAction: (item: CaseDetail, action: CaseAction) => void;
  onClose: () => void;
  version: number;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const detail = useApiQuery(['case', props.caseId, props.version], (signal) => casesApi.detail(props.caseId, signal));
  const due = useApiQuery(['case-due-date', props.caseId, props.version], (signal) =>
    casesApi.dueDate(props.caseId, signal),
  );
  const item = detail.data;
  const unitName = (id: string | null) => (id ? (props.unitNames.get(id) ?? id) : '');
  return (
    <Drawer
      open
      width={screens.md ? 640 : '100%'}
      title={item ? t('caseView.title', { reference: item.reference }) : t('common.loading')}
      onClose={props.onClose}
      closable={{ 'aria-label': t('caseView.close') }}
    >
      {detail.error !== undefined && <Alert type="error" title={describeError(detail.error, t)} />}
      {item && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space size={4} wrap>
            <Tag>{t(`status.${item.status}`)}</Tag>
            {item.publishedAt && <Tag>{t('cases.published')}</Tag>}
          </Space>
          {item.actions.length > 0 && (
            <Space size={4} wrap>
              {item.actions.map((action) => (
                <Button key={action} onClick={() => props.onAction(item, action)}>
                  {t(ACTION_LABEL[action])}
                </Button>
              ))}
            </Space>
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('caseView.question')}>{item.question}</Descriptions.Item>
            <Descriptions.Item label={t('cases.topic')}>{item.topic ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('caseView.unit')}>{item.unitName}</Descriptions.Item>
            {(item.visitorName || item.visitorPhone) && (
              <Descriptions.Item label={t('caseView.visitor')}>
                {[item.visitorName, item.visitorPhone].filter(Boolean).join(' ')}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('caseView.due')}>
              <Space direction="vertical" size={4}>
                <DueText item={item} />
                {due.data && <DueExplanation due={due.data} />}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('caseView.reply')}>{item.reply ?? t('caseView.noReply')}</Descriptions.Item>
            {item.publishedAt && (
              <Descriptions.Item label={t('caseView.publishedText')}>
                <div>{item.publicQuestion}</div>
                <div>{item.publicAnswer}</div>
              </Descriptions.Item>
            )}
          </Descriptions>
          <section aria-labelledby="case-chain">
            <Typography.Title level={2} id="case-chain" style={{ fontSize: 16 }}>
              {t('caseView.chain')}
            </Typography.Title>
            <Timeline
              items={item.events.map((event) => ({
                key: event.id,
                children: <EventLine event={event} unitName={unitName} />,
              }))}
            />
          </section>
        </Space>
      )}
    </Drawer>
  );
}
