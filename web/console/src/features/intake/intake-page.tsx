import {
  Alert,
  Button,
  Card,
  Checkbox,
  Collapse,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
  type GetRef,
} from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { newId } from '../../api/client.ts';
import type { CampaignDesk, ConsultationBody, Outcome, Rating } from '../../api/types.ts';
import { OUTCOME_CHOICES, RATING_CHOICES } from '../../shared/choices.ts';
import { useApiQuery } from '../../api/query.ts';
import { intakeApi } from './api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';
import { useCampaigns } from '../../shared/campaign.ts';
import { newTrackingCode } from '../../../../../src/domain/tracking-code.ts';
import { transferTarget, useTransferReceivers } from '../../shared/transfer-receivers.ts';
import { DESK_CHANNELS, useDeskChannelPoints, type DeskChannel } from './channel-points.ts';
import { MaterialsCounter } from './materials-counter.tsx';
import { OutboxPanel, useOutbox } from './outbox-panel.tsx';
import { TrackingSlip } from './tracking-slip.tsx';

const DESK_KEY = 'openday.intake.deskId';

interface Draft {
  /** In person at the desk, or a call or letter the desk records. */
  channel: DeskChannel;
  /** With a call or letter: the unit's hotline or mailbox it came through (ADR 30), if named. */
  channelPointId: string | null;
  topic: string | null;
  question: string;
  answer: string;
  outcome: Outcome;
  /** With handled_on_spot: what was handled. */
  handledMatter: string;
  receivedBy: string | null;
  /** 联合设台: the partner organisation at the desk whose staff answered; null for the unit's own. */
  partnerId: string | null;
  rating: Rating | null;
  visitorName: string;
  visitorPhone: string;
  contactConsent: boolean;
  /** 转办: the receiving unit or partner, as "unit:<id>" or "partner:<id>". */
  transferTo: string | null;
  transferReason: string;
}

/** Outcomes after which the unit owes a reply: the visitor gets a tracking code on the spot. */
const OPENS_CASE: readonly Outcome[] = ['transferred', 'follow_up'];

const EMPTY: Draft = {
  channel: 'on_site',
  channelPointId: null,
  topic: null,
  question: '',
  answer: '',
  outcome: 'answered_on_spot',
  handledMatter: '',
  receivedBy: null,
  partnerId: null,
  rating: null,
  visitorName: '',
  visitorPhone: '',
  contactConsent: false,
  transferTo: null,
  transferReason: '',
};

/** The receiver chosen for 转办, as the intake body names it. */
function intakeTransferTarget(value: string): Pick<ConsultationBody, 'transferToUnitId' | 'transferToPartnerId'> {
  const { toUnitId, toPartnerId } = transferTarget(value);
  return toPartnerId ? { transferToPartnerId: toPartnerId } : { transferToUnitId: toUnitId };
}

/** One screen for a phone at a booth: the desk chosen once, then type, tap, tap, save. */
export function IntakePage() {
  const { t } = useI18n();
  const { memberships } = useSession();
  const { campaign } = useCampaigns();
  const unitIds = memberships.filter((m) => m.role === 'desk_staff' || m.role === 'unit_admin').map((m) => m.unitId);
  const desks = useApiQuery(['desks', campaign?.id], (signal) => intakeApi.desks(campaign!.id, signal), {
    cacheKey: `openday.cache.desks.${campaign?.id}`,
    enabled: Boolean(campaign),
  });
  const myDesks = (desks.data?.items ?? []).filter((d) => unitIds.includes(d.unitId));
  const [deskId, setDeskId] = useState(() => localStorage.getItem(DESK_KEY));
  const desk = myDesks.find((d) => d.id === deskId);
  const chooseDesk = (id: string | null) => {
    if (id) localStorage.setItem(DESK_KEY, id);
    else localStorage.removeItem(DESK_KEY);
    setDeskId(id);
  };

  if (!campaign || desks.loading) return <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>;

  return (
    <Flex vertical gap="middle" className="intake">
      <Typography.Title level={1} className="screen-title">
        {t('intake.title')}
      </Typography.Title>
      {desk ? (
        <>
          <Flex justify="space-between" align="center" wrap gap="small">
            <Typography.Text strong>
              {desk.name} · {desk.site.name}
            </Typography.Text>
            <Button size="small" onClick={() => chooseDesk(null)}>
              {t('intake.changeDesk')}
            </Button>
          </Flex>
          <IntakeForm campaignId={campaign.id} desk={desk} />
          <OutboxPanel />
          <MaterialsCounter campaignId={campaign.id} desk={desk} />
        </>
      ) : myDesks.length === 0 ? (
        <Alert type="info" title={t('intake.noDesks')} />
      ) : (
        <Card title={t('intake.chooseDesk')}>
          <Flex vertical gap="small">
            {myDesks.map((d) => (
              <Button key={d.id} size="large" block onClick={() => chooseDesk(d.id)}>
                {d.name} · {d.site.name}
              </Button>
            ))}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}

function IntakeForm({ campaignId, desk }: { campaignId: string; desk: CampaignDesk }) {
  const { t, locale } = useI18n();
  const box = useOutbox();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<'question' | 'handledMatter' | 'transferTo' | 'consent' | undefined>();
  /** A required field's marks: in error, with what to do, while the device stopped saving for it. */
  const requiredField = (field: 'question' | 'handledMatter' | 'transferTo', message: MessageKey) => ({
    required: true,
    validateStatus: problem === field ? ('error' as const) : undefined,
    help: problem === field ? t(message) : undefined,
  });
  // 转办's receivers, kept on the device so that a desk offline can still choose one.
  const receivers = useTransferReceivers({ campaignId, fromUnitId: desk.unitId, enabled: true, cache: true });
  // The plan's staff on duty: who may be named as having received the visitor (leaders first).
  const plan = useApiQuery(
    ['plan', campaignId, desk.unitId],
    (signal) => intakeApi.plan(campaignId, desk.unitId, signal),
    { cacheKey: `openday.cache.plan.${campaignId}.${desk.unitId}` },
  );
  // The unit's hotlines and mailboxes, kept on this device for a call or letter recorded offline.
  const channelPoints = useDeskChannelPoints(campaignId, desk.unitId);
  // A desk list kept on this device by an older console has no partners.
  const partners = (desk.partners as CampaignDesk['partners'] | undefined) ?? [];
  const staff = [...(plan.data?.staff ?? [])].sort((a, b) => Number(b.leader) - Number(a.leader));
  const [lastKey, setLastKey] = useState<string>();
  const question = useRef<GetRef<typeof Input.TextArea>>(null);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));

  const hasContact = draft.visitorName.trim() !== '' || draft.visitorPhone.trim() !== '';
  const save = async () => {
    if (draft.question.trim() === '') return setProblem('question');
    const handled = draft.outcome === 'handled_on_spot';
    if (handled && draft.handledMatter.trim() === '') return setProblem('handledMatter');
    const transferred = draft.outcome === 'transferred';
    if (transferred && !draft.transferTo) return setProblem('transferTo');
    if (hasContact && !draft.contactConsent) return setProblem('consent');
    setProblem(undefined);
    const key = newId();
    // The visitor's code, made here so that it is given at once, network or not (ADR 26).
    const trackingCode = OPENS_CASE.includes(draft.outcome) ? newTrackingCode() : undefined;
    const body: ConsultationBody = {
      campaignId,
      unitId: desk.unitId,
      deskId: desk.id,
      visitId: newId(),
      occurredAt: new Date().toISOString(),
      channel: draft.channel,
      ...(draft.channel !== 'on_site' &&
        channelPoints.isOf(draft.channelPointId, draft.channel) && { channelPointId: draft.channelPointId }),
      topic: draft.topic,
      question: draft.question.trim(),
      answer: draft.answer.trim() || null,
      outcome: draft.outcome,
      handledMatter: handled ? draft.handledMatter.trim() : null,
      receivedBy: draft.receivedBy,
      partnerId: partners.some((p) => p.id === draft.partnerId) ? draft.partnerId : null,
      rating: draft.rating,
      visitorName: hasContact ? draft.visitorName.trim() || null : null,
      visitorPhone: hasContact ? draft.visitorPhone.trim() || null : null,
      contactConsent: hasContact && draft.contactConsent,
      ...(trackingCode && { trackingCode }),
      ...(transferred && draft.transferTo && intakeTransferTarget(draft.transferTo)),
      ...(transferred && draft.transferReason.trim() && { transferReason: draft.transferReason.trim() }),
    };
    setLastKey(key);
    // The one who receives visitors, the partner whose staff sit at the phone, and the hotline or
    // mailbox being worked through stay for the next visitor.
    setDraft({
      ...EMPTY,
      receivedBy: draft.receivedBy,
      partnerId: draft.partnerId,
      channel: draft.channel,
      channelPointId: draft.channelPointId,
    });
    await box.outbox.add({
      key,
      kind: 'consultation',
      path: '/consultations',
      body,
      label: body.question ?? '',
      ...(trackingCode && { trackingCode }),
    });
    question.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  };

  const last = useMemo(() => {
    if (!lastKey) return undefined;
    const sent = box.state.sent.find((s) => s.key === lastKey);
    if (sent) return { status: 'sent' as const, trackingCode: sent.trackingCode, codeReplaced: sent.codeReplaced };
    const waiting = box.state.waiting.find((s) => s.key === lastKey);
    return waiting
      ? {
          status: 'waiting' as const,
          rejected: waiting.rejected,
          trackingCode: waiting.trackingCode ?? null,
          codeReplaced: waiting.codeReplaced,
        }
      : undefined;
  }, [lastKey, box.state]);

  useEffect(() => question.current?.focus(), []);

  return (
    <Form layout="vertical" component="div" onKeyDown={onKeyDown} className="intake-form">
      {last?.status === 'sent' && (
        <Alert type="success" role="status" title={t('intake.saved')} data-testid="intake-result" />
      )}
      {last?.status === 'waiting' && !last.rejected && (
        <Alert type="warning" role="status" title={t('intake.queued')} data-testid="intake-result" />
      )}
      {last?.trackingCode && <TrackingSlip code={last.trackingCode} replaced={last.codeReplaced} />}
      <Form.Item label={t('intake.channel')}>
        <Radio.Group
          optionType="button"
          value={draft.channel}
          onChange={(e) => setDraft((d) => ({ ...d, channel: e.target.value as DeskChannel, channelPointId: null }))}
          options={DESK_CHANNELS.map((c) => ({ label: t(`intake.channel.${c}`), value: c }))}
          className="chips"
          aria-label={t('intake.channel')}
        />
      </Form.Item>
      {draft.channel !== 'on_site' && (
        <Form.Item
          label={t(`intake.channelPoint.${draft.channel}`)}
          htmlFor="intake-channel-point"
          extra={
            <span data-testid="intake-channel-point-detail">
              {channelPoints.detailOf(draft.channelPointId) ??
                (channelPoints.optionsOf(draft.channel).length || channelPoints.loading
                  ? t('intake.channelPointHint')
                  : t(`intake.noChannelPoints.${draft.channel}`))}
            </span>
          }
        >
          <Select
            id="intake-channel-point"
            loading={channelPoints.loading}
            value={draft.channelPointId ?? 'none'}
            onChange={(value: string) => set('channelPointId', value === 'none' ? null : value)}
            options={[
              { label: t('intake.channelPointNone'), value: 'none', detail: '' },
              ...channelPoints.optionsOf(draft.channel),
            ]}
            optionRender={(option) => (
              <Flex vertical className="intake-channel-option">
                <span>{option.label}</span>
                {option.data.detail && <Typography.Text type="secondary">{option.data.detail}</Typography.Text>}
              </Flex>
            )}
          />
        </Form.Item>
      )}
      {desk.topics.length > 0 && (
        <Form.Item label={t('intake.topic')}>
          <Radio.Group
            optionType="button"
            value={draft.topic}
            onChange={(e) => set('topic', e.target.value as string)}
            options={desk.topics.map((topic) => ({ label: topic, value: topic }))}
            className="chips"
            aria-label={t('intake.topic')}
          />
        </Form.Item>
      )}
      <Form.Item
        label={t('intake.question')}
        htmlFor="intake-question"
        {...requiredField('question', 'intake.questionRequired')}
      >
        <Input.TextArea
          id="intake-question"
          ref={question}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={4000}
          value={draft.question}
          onChange={(e) => set('question', e.target.value)}
        />
      </Form.Item>
      <Form.Item label={t('intake.answer')} htmlFor="intake-answer">
        <Input.TextArea
          id="intake-answer"
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={8000}
          value={draft.answer}
          onChange={(e) => set('answer', e.target.value)}
        />
      </Form.Item>
      <Form.Item label={t('intake.outcome')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={draft.outcome}
          onChange={(e) => set('outcome', e.target.value as Outcome)}
          options={OUTCOME_CHOICES.map((o) => ({ label: t(`outcome.${o}`), value: o }))}
          className="chips"
          aria-label={t('intake.outcome')}
        />
      </Form.Item>
      {draft.outcome === 'transferred' && (
        <>
          <Form.Item
            label={t('intake.transferTo')}
            htmlFor="intake-transfer-to"
            {...requiredField('transferTo', 'intake.transferToRequired')}
            extra={receivers.hint}
          >
            <Select
              id="intake-transfer-to"
              showSearch
              optionFilterProp="label"
              loading={receivers.loading}
              options={receivers.options}
              value={draft.transferTo ?? undefined}
              placeholder={t('intake.transferToPlaceholder')}
              onChange={(value: string) => {
                set('transferTo', value);
                if (problem === 'transferTo') setProblem(undefined);
              }}
            />
          </Form.Item>
          <Form.Item label={t('intake.transferReason')} htmlFor="intake-transfer-reason">
            <Input
              id="intake-transfer-reason"
              maxLength={1000}
              value={draft.transferReason}
              onChange={(e) => set('transferReason', e.target.value)}
            />
          </Form.Item>
        </>
      )}
      {draft.outcome === 'handled_on_spot' && (
        <Form.Item
          label={t('intake.handledMatter')}
          htmlFor="intake-handled"
          {...requiredField('handledMatter', 'intake.handledMatterRequired')}
        >
          <Input
            id="intake-handled"
            maxLength={200}
            value={draft.handledMatter}
            onChange={(e) => {
              set('handledMatter', e.target.value);
              if (problem === 'handledMatter') setProblem(undefined);
            }}
          />
        </Form.Item>
      )}
      {staff.length > 0 && (
        <Form.Item label={t('intake.receivedBy')} htmlFor="intake-received-by">
          <Select
            id="intake-received-by"
            value={draft.receivedBy ?? 'none'}
            onChange={(value: string) => set('receivedBy', value === 'none' ? null : value)}
            options={[
              { label: t('intake.receivedByNone'), value: 'none' },
              ...staff.map((s) => ({
                label: [s.name, s.title].filter(Boolean).join(' ') + (s.leader ? t('intake.leader') : ''),
                value: s.id,
              })),
            ]}
          />
        </Form.Item>
      )}
      {partners.length > 0 && (
        <Form.Item label={t('intake.partner')} extra={t('intake.partnerHint')}>
          <Radio.Group
            optionType="button"
            value={draft.partnerId ?? 'own'}
            onChange={(e) => set('partnerId', e.target.value === 'own' ? null : (e.target.value as string))}
            options={[
              { label: t('intake.partnerOwn'), value: 'own' },
              ...partners.map((p) => ({ label: (locale === 'en-US' && p.nameEn) || p.name, value: p.id })),
            ]}
            className="chips"
            aria-label={t('intake.partner')}
          />
        </Form.Item>
      )}
      <Form.Item label={t('intake.rating')}>
        <Radio.Group
          optionType="button"
          value={draft.rating ?? 'none'}
          onChange={(e) => set('rating', e.target.value === 'none' ? null : (e.target.value as Rating))}
          options={[
            ...RATING_CHOICES.map((r) => ({ label: t(`rating.${r}`), value: r })),
            { label: t('intake.ratingNone'), value: 'none' },
          ]}
          className="chips"
          aria-label={t('intake.rating')}
        />
      </Form.Item>
      <Collapse
        size="small"
        items={[
          {
            key: 'contact',
            label: t('intake.contact'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Form.Item label={t('intake.visitorName')} htmlFor="intake-name" style={{ marginBottom: 8 }}>
                  <Input
                    id="intake-name"
                    maxLength={100}
                    autoComplete="off"
                    value={draft.visitorName}
                    onChange={(e) => set('visitorName', e.target.value)}
                  />
                </Form.Item>
                <Form.Item label={t('intake.visitorPhone')} htmlFor="intake-phone" style={{ marginBottom: 8 }}>
                  <Input
                    id="intake-phone"
                    inputMode="tel"
                    autoComplete="off"
                    maxLength={25}
                    value={draft.visitorPhone}
                    onChange={(e) => set('visitorPhone', e.target.value)}
                  />
                </Form.Item>
                <Checkbox checked={draft.contactConsent} onChange={(e) => set('contactConsent', e.target.checked)}>
                  {t('intake.consent')}
                </Checkbox>
                {problem === 'consent' && <Alert type="error" title={t('intake.consentRequired')} />}
              </Space>
            ),
          },
        ]}
      />
      <Button type="primary" size="large" block onClick={() => void save()} data-testid="intake-save">
        {t('intake.save')}
      </Button>
      <Typography.Text type="secondary">
        <Tag>{t('intake.saveHint')}</Tag>
      </Typography.Text>
    </Form>
  );
}
