import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, newId } from '../../api/client.ts';
import { organizerApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';
import type { CampaignBody, CampaignPatch, Unit } from './types.ts';
import { NoticeAttachments } from './notice-attachments.tsx';
import { UnitPicker } from './unit-picker.tsx';
import { followView, goTo, hrefOfView } from '../../shared/organizer-views.ts';

interface Values {
  organizerUnitId: string;
  slug: string;
  title: string;
  titleEn?: string;
  theme: string;
  themeEn?: string;
  notice?: string;
  issuingOffice?: string;
  documentNumber?: string;
  noticeTitle?: string;
  openDay: string;
  startsOn?: string;
  endsOn?: string;
  unitIds: string[];
  replyLimitDays: number;
  reopenLimitDays: number;
  plansDueOn?: string;
  summaryDueOn?: string;
  previousCampaignId?: string;
}

const FIELDS = [
  'organizerUnitId',
  'slug',
  'title',
  'titleEn',
  'theme',
  'themeEn',
  'notice',
  'issuingOffice',
  'documentNumber',
  'noticeTitle',
  'openDay',
  'startsOn',
  'endsOn',
  'unitIds',
  'replyLimitDays',
  'reopenLimitDays',
  'plansDueOn',
  'summaryDueOn',
  'previousCampaignId',
] as const;

const orNull = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** The notice's fields as the API takes them, for a new campaign and an edit alike. */
const noticeOf = (values: Values) => ({
  notice: values.notice ?? '',
  issuingOffice: orNull(values.issuingOffice),
  documentNumber: orNull(values.documentNumber),
  noticeTitle: orNull(values.noticeTitle),
});

/**
 * Creates an open day or edits one: its texts, dates and limits, and the units taking part. On
 * saving an edit, units added to the picker are invited and units removed are withdrawn.
 */
export function CampaignForm({ id }: { id?: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { memberships } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // One key per form: a double click or a retry after a lost answer creates one campaign.
  const [key] = useState(newId);
  const organizerUnits = memberships.filter((m) => m.role === 'organizer');
  const loaded = useApiQuery(['organizer.campaign-with-units', id], async (signal) =>
    id
      ? {
          campaign: await organizerApi.campaign(id, signal),
          units: (await organizerApi.campaignUnits(id, signal)).items,
        }
      : undefined,
  );
  const campaign = loaded.data?.campaign;
  const invited = loaded.data?.units;
  // The earlier open days this one can be compared with in the statistical summary.
  const others = useApiQuery(['organizerApi.campaigns'], organizerApi.campaigns);
  const earlier = (others.data?.items ?? []).filter((c) => c.id !== id && (!campaign || c.openDay < campaign.openDay));

  useEffect(() => {
    if (!campaign || !invited) return;
    form.setFieldsValue({
      organizerUnitId: campaign.organizerUnitId,
      slug: campaign.slug,
      title: campaign.title,
      titleEn: campaign.titleEn ?? '',
      theme: campaign.theme,
      themeEn: campaign.themeEn ?? '',
      notice: campaign.notice,
      issuingOffice: campaign.issuingOffice ?? '',
      documentNumber: campaign.documentNumber ?? '',
      noticeTitle: campaign.noticeTitle ?? '',
      openDay: campaign.openDay,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      unitIds: invited.map((u) => u.id),
      replyLimitDays: campaign.replyLimitDays,
      reopenLimitDays: campaign.reopenLimitDays,
      plansDueOn: campaign.plansDueOn ?? '',
      summaryDueOn: campaign.summaryDueOn ?? '',
      previousCampaignId: campaign.previousCampaignId ?? undefined,
    });
  }, [campaign, invited, form]);

  const showError = (e: unknown) => {
    if (e instanceof ApiError) {
      const fields = e.details.filter((d) => (FIELDS as readonly string[]).includes(d.field));
      form.setFields(fields.map((d) => ({ name: d.field as keyof Values, errors: [d.reason] })));
      setError(fields.length ? t('organizer.form.fixFields') : e.message);
    } else setError(t('common.error', { message: String(e) }));
  };

  const save = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      if (!id) {
        const body: CampaignBody = {
          slug: values.slug.trim(),
          organizerUnitId: values.organizerUnitId,
          title: values.title.trim(),
          titleEn: orNull(values.titleEn),
          theme: values.theme.trim(),
          themeEn: orNull(values.themeEn),
          ...noticeOf(values),
          openDay: values.openDay,
          ...(values.startsOn && { startsOn: values.startsOn }),
          ...(values.endsOn && { endsOn: values.endsOn }),
          replyLimitDays: values.replyLimitDays,
          reopenLimitDays: values.reopenLimitDays,
          plansDueOn: orNull(values.plansDueOn),
          summaryDueOn: orNull(values.summaryDueOn),
          previousCampaignId: values.previousCampaignId ?? null,
          unitIds: values.unitIds ?? [],
        };
        const created = await organizerApi.createCampaign(body, key);
        void message.success(t('organizer.form.created'));
        goTo({ kind: 'edit', id: created.id });
        return;
      }
      const patch: CampaignPatch = {
        title: values.title.trim(),
        titleEn: orNull(values.titleEn),
        theme: values.theme.trim(),
        themeEn: orNull(values.themeEn),
        ...noticeOf(values),
        openDay: values.openDay,
        startsOn: values.startsOn || values.openDay,
        endsOn: values.endsOn || values.openDay,
        replyLimitDays: values.replyLimitDays,
        reopenLimitDays: values.reopenLimitDays,
        plansDueOn: orNull(values.plansDueOn),
        summaryDueOn: orNull(values.summaryDueOn),
        previousCampaignId: values.previousCampaignId ?? null,
      };
      await organizerApi.updateCampaign(id, patch);
      const before = new Set((invited ?? []).map((u) => u.id));
      const after = new Set(values.unitIds ?? []);
      for (const unitId of after) {
        if (!before.has(unitId)) await organizerApi.invite(id, unitId);
      }
      for (const unitId of before) {
        if (!after.has(unitId)) await organizerApi.uninvite(id, unitId);
      }
      void message.success(t('organizer.form.saved'));
      loaded.reload();
    } catch (e) {
      showError(e);
      // Units invited before a failure are kept: reload shows what the server holds.
      if (id) loaded.reload();
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('organizer.form.required') }];
  const unitName = (unit: Unit | undefined, fallback: string) =>
    unit ? (locale === 'en-US' && unit.nameEn ? unit.nameEn : unit.name) : fallback;
  const list = { kind: 'list' } as const;

  if (id && loaded.error !== undefined) {
    return <Alert type="error" title={t('common.error', { message: String(loaded.error) })} />;
  }
  if (id && !campaign) return <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={1} className="screen-title">
          {id ? t('organizer.form.editTitle', { title: campaign?.title ?? '' }) : t('organizer.form.newTitle')}
        </Typography.Title>
        <Space wrap>
          {id && (
            <Button
              href={hrefOfView({ kind: 'progress', id })}
              onClick={(e) => followView(e, { kind: 'progress', id })}
            >
              {t('organizer.campaigns.progress')}
            </Button>
          )}
          <Button href={hrefOfView(list)} onClick={(e) => followView(e, list)}>
            {t('organizer.form.back')}
          </Button>
        </Space>
      </Flex>
      {error && <Alert type="error" title={error} role="alert" />}
      <Form<Values>
        form={form}
        name="campaign"
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={{
          organizerUnitId: organizerUnits[0]?.unitId,
          replyLimitDays: 15,
          reopenLimitDays: 15,
          unitIds: [],
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('organizer.field.title')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="titleEn" label={t('organizer.field.titleEn')}>
              <Input maxLength={300} lang="en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="theme" label={t('organizer.field.theme')} rules={required}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="themeEn" label={t('organizer.field.themeEn')}>
              <Input maxLength={300} lang="en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="slug"
              label={t('organizer.field.slug')}
              extra={t('organizer.field.slugHelp')}
              rules={[...required, { pattern: /^[a-z0-9][a-z0-9-]{1,62}$/, message: t('organizer.field.slugHelp') }]}
            >
              <Input maxLength={63} disabled={Boolean(id)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="organizerUnitId" label={t('organizer.field.organizerUnit')} rules={required}>
              <Select
                disabled={Boolean(id)}
                options={(id && campaign && !organizerUnits.some((m) => m.unitId === campaign.organizerUnitId)
                  ? [{ unitId: campaign.organizerUnitId, unit: undefined }]
                  : organizerUnits
                ).map((m) => ({ value: m.unitId, label: unitName(m.unit, m.unitId) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Typography.Title level={2} className="section-title">
              {t('organizer.notice.title')}
            </Typography.Title>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="issuingOffice"
              label={t('organizer.field.issuingOffice')}
              extra={t('organizer.field.issuingOfficeHelp')}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="documentNumber"
              label={t('organizer.field.documentNumber')}
              extra={t('organizer.field.documentNumberHelp')}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="noticeTitle" label={t('organizer.field.noticeTitle')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notice" label={t('organizer.field.notice')}>
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="plansDueOn"
              label={t('organizer.field.plansDueOn')}
              extra={t('organizer.field.plansDueOnHelp')}
            >
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="summaryDueOn" label={t('organizer.field.summaryDueOn')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="openDay" label={t('organizer.field.openDay')} rules={required}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="startsOn" label={t('organizer.field.startsOn')} extra={t('organizer.field.windowHelp')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="endsOn" label={t('organizer.field.endsOn')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="unitIds"
              label={t('organizer.field.units')}
              extra={id ? t('organizer.field.unitsHelpEdit') : t('organizer.field.unitsHelp')}
            >
              <UnitPicker known={invited ?? []} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="replyLimitDays"
              label={t('organizer.field.replyLimitDays')}
              extra={t('organizer.field.workingDaysHelp')}
              rules={[{ required: true, message: t('organizer.form.required') }]}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="reopenLimitDays"
              label={t('organizer.field.reopenLimitDays')}
              extra={t('organizer.field.workingDaysHelp')}
              rules={[{ required: true, message: t('organizer.form.required') }]}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="previousCampaignId"
              label={t('organizer.field.previousCampaign')}
              extra={t('organizer.field.previousCampaignHelp')}
            >
              <Select
                allowClear
                options={earlier.map((c) => ({
                  value: c.id,
                  label: `${locale === 'en-US' && c.titleEn ? c.titleEn : c.title} (${c.openDay})`,
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="campaign-save">
          {id ? t('common.save') : t('organizer.form.create')}
        </Button>
      </Form>
      {id && <NoticeAttachments campaignId={id} />}
    </Space>
  );
}
