import { Button, Card, Empty, Form, Input, InputNumber, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { unitAdminApi } from './api.ts';
import { closedThen, EditDialog, ErrorNote, orNull, requiredRule, RowActions, useWrite } from '../../shared/ui.tsx';
import { MEETING_KINDS, OPINION_OUTCOMES, PARTICIPANT_CATEGORIES } from '../../shared/choices.ts';
import type { MeetingBody, MeetingWithOpinions, Opinion, OpinionBody, Plan } from './types.ts';

type Category = (typeof PARTICIPANT_CATEGORIES)[number];
type Outcome = (typeof OPINION_OUTCOMES)[number];

interface MeetingValues {
  kind: MeetingBody['kind'];
  heldOn: string;
  title: string;
  titleEn?: string;
  location?: string;
  locationEn?: string;
  chair?: string;
  participantCount?: number | null;
  categories?: Partial<Record<Category, number | null>>;
  participants?: string;
  decisions?: string;
}

/** The form's values as the API's body: empty texts cleared, categories without a count left out. */
function toBody(values: MeetingValues): MeetingBody {
  const categories = Object.fromEntries(
    Object.entries(values.categories ?? {}).filter(
      (entry): entry is [Category, number] => typeof entry[1] === 'number',
    ),
  );
  return {
    kind: values.kind,
    heldOn: values.heldOn,
    title: values.title.trim(),
    titleEn: orNull(values.titleEn),
    location: orNull(values.location),
    locationEn: orNull(values.locationEn),
    chair: orNull(values.chair),
    participantCount: values.participantCount ?? null,
    participantCategories: categories,
    participants: values.participants ?? '',
    decisions: values.decisions ?? '',
  };
}

const toValues = (m: MeetingWithOpinions): MeetingValues => ({
  kind: m.kind,
  heldOn: m.heldOn,
  title: m.title,
  titleEn: m.titleEn ?? '',
  location: m.location ?? '',
  locationEn: m.locationEn ?? '',
  chair: m.chair ?? '',
  participantCount: m.participantCount,
  categories: m.participantCategories,
  participants: m.participants,
  decisions: m.decisions,
});

/** A meeting's fields, for adding one and for changing one. */
function MeetingFields() {
  const { t } = useI18n();
  return (
    <>
      <Space wrap align="start">
        <Form.Item name="kind" label={t('plan.meetingKind')}>
          <Select
            style={{ minWidth: 160 }}
            options={MEETING_KINDS.map((k) => ({ value: k, label: t(`plan.meetingKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="heldOn" label={t('plan.heldOn')} rules={requiredRule(t('unitAdmin.required'))}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="title" label={t('plan.meetingTitle')} rules={requiredRule(t('unitAdmin.required'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="titleEn" label={t('plan.meetingTitleEn')} extra={t('plan.englishHint')}>
          <Input maxLength={300} lang="en" />
        </Form.Item>
        <Form.Item name="location" label={t('plan.location')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="locationEn" label={t('plan.locationEn')}>
          <Input maxLength={300} lang="en" />
        </Form.Item>
        <Form.Item name="chair" label={t('plan.chair')}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="participantCount" label={t('plan.participantCount')} extra={t('plan.participantCountHint')}>
          <InputNumber min={0} max={2147483647} precision={0} />
        </Form.Item>
      </Space>
      <fieldset className="plain-fieldset">
        <legend>{t('plan.participantCategories')}</legend>
        <Space wrap align="start">
          {PARTICIPANT_CATEGORIES.map((category) => (
            <Form.Item key={category} name={['categories', category]} label={t(`participantCategory.${category}`)}>
              <InputNumber min={0} max={2147483647} precision={0} style={{ width: 110 }} />
            </Form.Item>
          ))}
        </Space>
      </fieldset>
      <Form.Item name="participants" label={t('plan.participants')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="decisions" label={t('plan.decisions')}>
        <Input.TextArea rows={2} maxLength={8000} />
      </Form.Item>
    </>
  );
}

/** 会议: the plan's meetings with their participants and the opinions raised there; add, edit, delete. */
export function MeetingsCard({ plan, onChanged }: { plan: Plan; onChanged: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<MeetingValues>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<MeetingWithOpinions>();
  const add = async (values: MeetingValues) => {
    if (await run(() => unitAdminApi.addMeeting(plan.id, toBody(values), key))) {
      form.resetFields();
      setKey(newId());
      onChanged();
    }
  };
  const remove = (id: string) =>
    void run(() => unitAdminApi.removeMeeting(id), t('unitAdmin.deleted')).then((ok) => ok && onChanged());
  return (
    <Card size="small" title={<h2 className="card-title">{t('plan.meetings')}</h2>}>
      {plan.meetings.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('unitAdmin.empty')} />}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {plan.meetings.map((meeting) => (
          <MeetingItem
            key={meeting.id}
            meeting={meeting}
            campaignId={plan.campaignId}
            unitId={plan.unitId}
            onEdit={() => setEditing(meeting)}
            onRemove={() => remove(meeting.id)}
            onChanged={onChanged}
          />
        ))}
      </Space>
      <Form<MeetingValues>
        form={form}
        layout="vertical"
        onFinish={add}
        name="meeting"
        initialValues={{ kind: 'preparation' }}
        style={{ marginTop: 16 }}
      >
        <h3 className="card-title">{t('plan.addMeeting')}</h3>
        <MeetingFields />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('plan.addMeeting')}
        </Button>
      </Form>
      {editing && (
        <EditDialog<MeetingValues>
          title={`${t('unitAdmin.edit')} · ${editing.title}`}
          okText={t('unitAdmin.save')}
          name={`edit-meeting-${editing.id}`}
          initialValues={toValues(editing)}
          send={(values) => unitAdminApi.updateMeeting(editing.id, toBody(values))}
          onClose={closedThen(setEditing, onChanged)}
        >
          <MeetingFields />
        </EditDialog>
      )}
    </Card>
  );
}

/** One meeting as a card: what, when, where, who; its opinions below. */
function MeetingItem({
  meeting,
  campaignId,
  unitId,
  onEdit,
  onRemove,
  onChanged,
}: {
  meeting: MeetingWithOpinions;
  campaignId: string;
  unitId: string;
  onEdit: () => void;
  onRemove: () => void;
  onChanged: () => void;
}) {
  const { t, formatDate, formatNumber } = useI18n();
  const categories = PARTICIPANT_CATEGORIES.filter((c) => (meeting.participantCategories[c] ?? 0) > 0);
  const count = (outcome: Outcome) => meeting.opinions.filter((o) => o.outcome === outcome).length;
  return (
    <Card
      size="small"
      type="inner"
      className="meeting-card"
      data-testid="meeting"
      title={
        <Space wrap size={4}>
          <Tag>{t(`plan.meetingKind.${meeting.kind}`)}</Tag>
          <h3 className="card-title">{meeting.title}</h3>
        </Space>
      }
      extra={
        <RowActions
          name={meeting.title}
          onEdit={onEdit}
          onDelete={onRemove}
          deleteConfirm={t('plan.deleteMeetingConfirm')}
        />
      }
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {[formatDate(meeting.heldOn), meeting.location, meeting.chair && t('plan.chairedBy', { name: meeting.chair })]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
      {meeting.participantCount !== null && (
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          <Space wrap size={4}>
            <span>{t('plan.participantsCounted', { n: formatNumber(meeting.participantCount) })}</span>
            {categories.map((c) => (
              <Tag key={c}>{`${t(`participantCategory.${c}`)} ${formatNumber(meeting.participantCategories[c]!)}`}</Tag>
            ))}
          </Space>
        </Typography.Paragraph>
      )}
      {meeting.participants && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {meeting.participants}
        </Typography.Paragraph>
      )}
      <h4 className="card-title" style={{ marginTop: 12 }}>
        {t('plan.opinions')}
      </h4>
      {meeting.opinions.length > 0 && (
        <Typography.Paragraph data-testid="opinion-figures">
          {t('plan.opinionFigures', {
            n: formatNumber(meeting.opinions.length),
            answered: formatNumber(count('answered_on_spot')),
            transferred: formatNumber(count('transferred')),
          })}
        </Typography.Paragraph>
      )}
      <OpinionsList meeting={meeting} campaignId={campaignId} unitId={unitId} onChanged={onChanged} />
    </Card>
  );
}

interface OpinionValues {
  text: string;
  raisedBy?: Category | null;
  outcome: Outcome;
  response?: string;
  caseId?: string | null;
  consultationId?: string | null;
}

/** The form's values as the API's body: a case only for a transferred opinion, links left out cleared. */
function toOpinionBody(values: OpinionValues): OpinionBody {
  return {
    text: values.text.trim(),
    raisedBy: values.raisedBy ?? null,
    outcome: values.outcome,
    response: values.response ?? '',
    caseId: values.outcome === 'transferred' ? (values.caseId ?? null) : null,
    consultationId: values.consultationId ?? null,
  };
}

const toOpinionValues = (o: Opinion): OpinionValues => ({
  text: o.text,
  raisedBy: o.raisedBy,
  outcome: o.outcome,
  response: o.response,
  caseId: o.caseId,
  consultationId: o.consultationId,
});

/** An opinion's fields, for recording one and for changing one: the case it became, the question it was recorded as. */
function OpinionFields({ campaignId, unitId, links }: { campaignId: string; unitId: string; links?: Opinion }) {
  const { t } = useI18n();
  const outcome = Form.useWatch<Outcome | undefined>('outcome', Form.useFormInstance());
  return (
    <>
      <Form.Item name="text" label={t('plan.opinionText')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="raisedBy" label={t('plan.raisedBy')}>
          <Select
            allowClear
            style={{ minWidth: 150 }}
            options={PARTICIPANT_CATEGORIES.map((c) => ({ value: c, label: t(`participantCategory.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('plan.opinionOutcome')}>
          <Select
            style={{ minWidth: 150 }}
            options={OPINION_OUTCOMES.map((o) => ({ value: o, label: t(`opinionOutcome.${o}`) }))}
          />
        </Form.Item>
      </Space>
      {outcome === 'transferred' && (
        <Form.Item name="caseId" label={t('plan.caseId')} extra={t('plan.caseIdHint')}>
          <CasePicker campaignId={campaignId} unitId={unitId} current={links} />
        </Form.Item>
      )}
      <Form.Item name="consultationId" label={t('plan.consultationId')} extra={t('plan.consultationIdHint')}>
        <ConsultationPicker campaignId={campaignId} unitId={unitId} />
      </Form.Item>
      <Form.Item name="response" label={t('plan.response')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
    </>
  );
}

/** The opinions raised at a meeting: what became of each can be changed; a new one added. */
function OpinionsList({
  meeting,
  campaignId,
  unitId,
  onChanged,
}: {
  meeting: MeetingWithOpinions;
  campaignId: string;
  unitId: string;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<OpinionValues>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Opinion>();
  const add = async (values: OpinionValues) => {
    if (await run(() => unitAdminApi.addOpinion(meeting.id, toOpinionBody(values), key))) {
      form.resetFields();
      setKey(newId());
      setOpen(false);
      onChanged();
    }
  };
  const change = (opinion: Opinion, next: Outcome) =>
    void run(() =>
      unitAdminApi.updateOpinion(opinion.id, { outcome: next, ...(next !== 'transferred' && { caseId: null }) }),
    ).then((ok) => ok && onChanged());
  const remove = (id: string) =>
    void run(() => unitAdminApi.removeOpinion(id), t('unitAdmin.deleted')).then((ok) => ok && onChanged());
  const outcomeOptions = OPINION_OUTCOMES.map((o) => ({ value: o, label: t(`opinionOutcome.${o}`) }));
  return (
    <>
      {meeting.opinions.length === 0 ? (
        <Typography.Paragraph>{t('plan.noOpinions')}</Typography.Paragraph>
      ) : (
        <List<Opinion>
          size="small"
          dataSource={meeting.opinions}
          renderItem={(opinion) => (
            <List.Item data-testid="opinion">
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <span>{opinion.text}</span>
                <Space wrap size={4}>
                  {opinion.raisedBy && <Tag>{t(`participantCategory.${opinion.raisedBy}`)}</Tag>}
                  <Select<Outcome>
                    size="small"
                    style={{ minWidth: 150 }}
                    value={opinion.outcome}
                    aria-label={`${t('plan.opinionOutcome')}: ${opinion.text}`}
                    options={outcomeOptions}
                    onChange={(next) => change(opinion, next)}
                  />
                  <Button
                    size="small"
                    onClick={() => setEditing(opinion)}
                    aria-label={`${t('unitAdmin.edit')} ${opinion.text}`}
                  >
                    {t('unitAdmin.edit')}
                  </Button>
                  <Popconfirm title={t('unitAdmin.deleteConfirm')} onConfirm={() => remove(opinion.id)}>
                    <Button size="small" aria-label={`${t('unitAdmin.delete')} ${opinion.text}`}>
                      {t('unitAdmin.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
                {opinion.response && <Typography.Text type="secondary">{opinion.response}</Typography.Text>}
                {opinion.caseReference && (
                  <Typography.Text type="secondary" data-testid="opinion-case">
                    {t('plan.transferredAsCase', { reference: opinion.caseReference })}
                  </Typography.Text>
                )}
                {opinion.consultationId && <LinkedConsultation id={opinion.consultationId} />}
              </Space>
            </List.Item>
          )}
        />
      )}
      {!open && (
        <Button onClick={() => setOpen(true)} aria-label={`${t('plan.recordOpinion')}: ${meeting.title}`}>
          {t('plan.recordOpinion')}
        </Button>
      )}
      {open && (
        <Form<OpinionValues>
          form={form}
          layout="vertical"
          onFinish={add}
          name={`opinion-${meeting.id}`}
          initialValues={{ outcome: 'answered_on_spot' }}
          style={{ marginTop: 8 }}
        >
          <OpinionFields campaignId={campaignId} unitId={unitId} />
          <ErrorNote error={error} />
          <Button htmlType="submit" loading={busy}>
            {t('plan.addOpinion')}
          </Button>
        </Form>
      )}
      {!open && <ErrorNote error={error} />}
      {editing && (
        <EditDialog<OpinionValues>
          title={`${t('unitAdmin.edit')} · ${t('plan.opinionText')}`}
          okText={t('unitAdmin.save')}
          name={`edit-opinion-${editing.id}`}
          initialValues={toOpinionValues(editing)}
          send={(values) => unitAdminApi.updateOpinion(editing.id, toOpinionBody(values))}
          onClose={closedThen(setEditing, onChanged)}
        >
          <OpinionFields campaignId={campaignId} unitId={unitId} links={editing} />
        </EditDialog>
      )}
    </>
  );
}

/** A question text cut to fit an option's line. */
const short = (text: string, length = 30) => (text.length > length ? `${text.slice(0, length)}…` : text);

/** A staff reference typed into a search (K-3F9A2C71, or its start). */
const REFERENCE = /^K-?[0-9A-F]{1,8}$/i;

/**
 * Chooses a case of the unit in the campaign, found by its reference or words of its question;
 * the case already linked is offered even when the first page of results does not hold it.
 */
function CasePicker({
  campaignId,
  unitId,
  current,
  value,
  onChange,
  id,
}: {
  campaignId: string;
  unitId: string;
  current?: Opinion;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const cases = useApiQuery(['unitAdminApi.cases', campaignId, unitId, search], (signal) =>
    unitAdminApi.cases({ campaignId, unitId, ...(search && { q: search }) }, signal),
  );
  // The case chosen keeps its label while the search moves on to other results.
  const [chosen, setChosen] = useState<{ value: string; label: string }>();
  const options = (cases.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.reference} ${short(c.question)}` }));
  if (value && chosen?.value === value && !options.some((o) => o.value === value)) options.unshift(chosen);
  if (current?.caseId && current.caseReference && !options.some((o) => o.value === current.caseId)) {
    options.unshift({ value: current.caseId, label: current.caseReference });
  }
  return (
    <Select<string>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(next) => {
        setChosen(options.find((o) => o.value === next));
        onChange?.(next ?? null);
      }}
      loading={cases.loading}
      notFoundContent={t('unitAdmin.empty')}
      style={{ minWidth: 280, maxWidth: '100%' }}
      options={options}
    />
  );
}

/**
 * Chooses a consultation (a question recorded) of the unit in the campaign: by words of its
 * question, or by the reference of the case it opened.
 */
function ConsultationPicker({
  campaignId,
  unitId,
  value,
  onChange,
  id,
}: {
  campaignId: string;
  unitId: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}) {
  const { t, formatDate } = useI18n();
  const [search, setSearch] = useState('');
  const byReference = REFERENCE.test(search.trim());
  const found = useApiQuery(['unitAdmin.linkChoices', campaignId, unitId, search, byReference], async (signal) => {
    const scope = { campaignId, unitId, ...(search.trim() && { q: search.trim() }) };
    if (byReference) {
      const cases = await unitAdminApi.cases(scope, signal);
      return cases.items.map((c) => ({ value: c.consultationId, label: `${c.reference} ${short(c.question)}` }));
    }
    const records = await unitAdminApi.consultations({ ...scope, limit: 20 }, signal);
    return records.items
      .filter((c) => c.question)
      .map((c) => ({
        value: c.id,
        label: `${c.caseReference ?? formatDate(c.occurredAt.slice(0, 10))} ${short(c.question!)}`,
      }));
  });
  const linked = useApiQuery(
    ['unitAdminApi.consultation', value],
    (signal) => unitAdminApi.consultation(value!, signal),
    {
      enabled: Boolean(value),
    },
  );
  const options = [...(found.data ?? [])];
  if (value && linked.data?.id === value && !options.some((o) => o.value === value)) {
    const c = linked.data;
    options.unshift({
      value,
      label: `${c.caseReference ?? formatDate(c.occurredAt.slice(0, 10))} ${short(c.question ?? '')}`,
    });
  }
  return (
    <Select<string>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      loading={found.loading}
      notFoundContent={t('unitAdmin.empty')}
      style={{ minWidth: 280, maxWidth: '100%' }}
      options={options}
    />
  );
}

/** The question an opinion was recorded as: the case's reference where it opened one, else its day. */
function LinkedConsultation({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const consultation = useApiQuery(['unitAdminApi.consultation', id], (signal) =>
    unitAdminApi.consultation(id, signal),
  );
  const c = consultation.data;
  if (!c) return null;
  return (
    <Typography.Text type="secondary" data-testid="opinion-consultation">
      {t('plan.recordedAsConsultation', {
        reference: c.caseReference ?? formatDate(c.occurredAt.slice(0, 10)),
        question: short(c.question ?? '', 40),
      })}
    </Typography.Text>
  );
}
