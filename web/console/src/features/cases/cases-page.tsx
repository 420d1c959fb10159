import {
  Alert,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, newId } from '../../api/client.ts';
import { describeError } from '../../api/error-text.ts';
import {
  RATING_CHOICES,
  type Case,
  type ErasureOnRequestBody,
  type ExtendBody,
  type Page,
  type ReplyBody,
  type ReturnVisitBody,
  type TransferBody,
  type Unit,
} from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';
import { useCampaigns } from '../home/campaign.ts';

type Action = 'reply' | 'transfer' | 'extend' | 'returnVisit' | 'erase';

/** Where each action posts: handling the case, a return visit (回访), an erasure on request. */
const ACTION_PATH: Record<Action, string> = {
  reply: 'reply',
  transfer: 'transfer',
  extend: 'extend',
  returnVisit: 'return-visits',
  erase: 'personal-data/erasure',
};

/** Today in China, the default day of a return visit. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The responder's inbox: the cases of the reader's units, overdue first by due date. */
export function CasesPage() {
  const { t, formatDate } = useI18n();
  const { roles } = useSession();
  const { campaign } = useCampaigns();
  const [filter, setFilter] = useState<'pending' | 'all'>('pending');
  const [acting, setActing] = useState<{ item: Case; action: Action }>();
  const cases = useQuery(
    (signal) => api.get<Page<Case>>(`/cases?campaignId=${campaign!.id}&limit=200`, signal),
    [campaign?.id],
    { enabled: Boolean(campaign), refreshMs: 30_000 },
  );
  const canHandle = roles.has('unit_admin') || roles.has('responder');
  // Organizers call citizens back too (回访); erasing on request is the unit's.
  const canReturnVisit = canHandle || roles.has('organizer');
  const tableBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The table scrolls sideways on a phone: a keyboard must reach it too (WCAG 2.1.1).
    for (const region of tableBox.current?.querySelectorAll('.ant-table-content, .ant-table-body') ?? []) {
      region.setAttribute('tabindex', '0');
      region.setAttribute('role', 'region');
      region.setAttribute('aria-label', t('cases.title'));
    }
  });
  const pending = (c: Case) => c.status === 'open' || c.status === 'transferred' || c.status === 'reopened';
  const rows = (cases.data?.items ?? [])
    .filter((c) => filter === 'all' || pending(c))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} className="screen-title">
        {t('cases.title')}
      </Typography.Title>
      <Segmented
        value={filter}
        onChange={(value) => setFilter(value as 'pending' | 'all')}
        options={[
          { label: t('cases.filterPending'), value: 'pending' },
          { label: t('cases.filterAll'), value: 'all' },
        ]}
      />
      {cases.error !== undefined && <Alert type="error" title={describeError(cases.error, t)} />}
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
            {
              title: t('cases.reference'),
              dataIndex: 'reference',
              render: (code: string) => <code>{code}</code>,
            },
            { title: t('cases.topic'), dataIndex: 'topic' },
            { title: t('cases.question'), dataIndex: 'question', ellipsis: true },
            { title: t('cases.unit'), dataIndex: 'unitName' },
            { title: t('cases.status'), dataIndex: 'status', render: (s: Case['status']) => t(`status.${s}`) },
            {
              title: t('cases.dueOn'),
              dataIndex: 'dueOn',
              render: (dueOn: string, item) => (
                <Space size={4}>
                  <span>{formatDate(dueOn)}</span>
                  {item.overdue && <Tag color="red">{t('cases.overdue')}</Tag>}
                </Space>
              ),
            },
            ...(canHandle || canReturnVisit
              ? [
                  {
                    title: t('cases.actions'),
                    key: 'actions',
                    render: (_: unknown, item: Case) => {
                      const actions: Action[] = [
                        ...(canHandle && pending(item) ? (['reply', 'transfer', 'extend'] as const) : []),
                        ...(canReturnVisit && !pending(item) ? (['returnVisit'] as const) : []),
                        ...(canHandle && (item.visitorName !== null || item.visitorPhone !== null)
                          ? (['erase'] as const)
                          : []),
                      ];
                      return (
                        <Space size={4} wrap>
                          {actions.map((action) => (
                            <Button key={action} size="small" onClick={() => setActing({ item, action })}>
                              {t(`cases.${action}`)}
                            </Button>
                          ))}
                        </Space>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      </div>
      {acting && campaign && (
        <CaseActionDialog
          campaignId={campaign.id}
          item={acting.item}
          action={acting.action}
          onClose={(done) => {
            setActing(undefined);
            if (done) cases.reload();
          }}
        />
      )}
    </Space>
  );
}

function CaseActionDialog(props: { campaignId: string; item: Case; action: Action; onClose: (done: boolean) => void }) {
  const { t } = useI18n();
  const { item, action, campaignId } = props;
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // One key per dialog: a double click or a retry after a lost answer does the action once.
  const [key] = useState(newId);
  const units = useQuery(
    (signal) => api.get<{ items: Unit[] }>(`/campaigns/${campaignId}/units`, signal),
    [campaignId],
    { enabled: action === 'transfer' },
  );
  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    const body: ReplyBody | TransferBody | ExtendBody | ReturnVisitBody | ErasureOnRequestBody =
      action === 'reply'
        ? { reply: String(values.reply) }
        : action === 'transfer'
          ? { toUnitId: String(values.toUnitId), reason: String(values.reason) }
          : action === 'extend'
            ? { days: Number(values.days), reason: String(values.reason) }
            : action === 'returnVisit'
              ? {
                  visitedOn: String(values.visitedOn),
                  reached: Boolean(values.reached),
                  rating: values.reached && values.rating ? (values.rating as ReturnVisitBody['rating']) : null,
                  words: values.words ? String(values.words) : null,
                }
              : {
                  confirm: true,
                  requester: String(values.requester),
                  ...(values.note ? { note: String(values.note) } : {}),
                };
    setBusy(true);
    try {
      await api.post(`/cases/${item.id}/${ACTION_PATH[action]}`, body, key);
      props.onClose(true);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('cases.fieldRequired') }];
  return (
    <Modal
      open
      title={`${t(`cases.${action}`)} · ${item.reference}`}
      okText={t(`cases.${action}`)}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => props.onClose(false)}
    >
      <Typography.Paragraph>{item.question}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ visitedOn: chinaToday(), reached: true }}>
        {action === 'reply' && (
          <Form.Item name="reply" label={t('cases.replyText')} rules={required}>
            <Input.TextArea autoSize={{ minRows: 4 }} maxLength={8000} />
          </Form.Item>
        )}
        {action === 'transfer' && (
          <Form.Item
            name="toUnitId"
            label={t('cases.toUnit')}
            rules={[{ required: true, message: t('cases.fieldRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={units.loading}
              options={(units.data?.items ?? [])
                .filter((u) => u.id !== item.unitId)
                .map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        {action === 'extend' && (
          <Form.Item
            name="days"
            label={t('cases.days')}
            rules={[{ required: true, message: t('cases.fieldRequired') }]}
          >
            <InputNumber min={1} max={365} />
          </Form.Item>
        )}
        {action === 'returnVisit' && (
          <>
            <Form.Item name="visitedOn" label={t('cases.visitedOn')} rules={required}>
              <Input type="date" max={chinaToday()} />
            </Form.Item>
            <Form.Item name="reached" label={t('cases.reached')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="rating" label={t('cases.visitRating')}>
              <Select allowClear options={RATING_CHOICES.map((r) => ({ value: r, label: t(`rating.${r}`) }))} />
            </Form.Item>
            <Form.Item name="words" label={t('cases.visitWords')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('cases.returnVisitHint')}</Typography.Paragraph>
          </>
        )}
        {action === 'erase' && (
          <>
            <Alert type="warning" title={t('cases.eraseWarning')} />
            <Form.Item name="requester" label={t('cases.requester')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label={t('cases.requestNote')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {(action === 'transfer' || action === 'extend') && (
          <Form.Item name="reason" label={t('cases.reason')} rules={required}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
