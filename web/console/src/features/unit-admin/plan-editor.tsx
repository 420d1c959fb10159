import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { unitAdminApi } from './api.ts';
import { ChannelPointsCard } from './channel-points-card.tsx';
import { MeetingsCard } from './meetings-card.tsx';
import { DesksOfSite } from './desks-of-site.tsx';
import { PartnersCard, usePartners } from './partners-card.tsx';
import {
  closedThen,
  EditDialog,
  ErrorNote,
  orNull,
  requiredRule,
  RowActions,
  useFormatDateTime,
  useWrite,
} from '../../shared/ui.tsx';
import { MATERIAL_KINDS } from '../../shared/choices.ts';
import type {
  DutyStaff,
  DutyStaffBody,
  Material,
  MaterialBody,
  Partner,
  Plan,
  PlanBody,
  Site,
  SiteBody,
} from './types.ts';

interface Props {
  campaignId: string;
  unitId: string;
}

/** 活动方案: the plan's own fields, then its meetings, sites with desks, staff on duty and materials. */
export function PlanEditor({ campaignId, unitId }: Props) {
  const { t } = useI18n();
  const plan = useApiQuery(['unitAdminApi.plan', campaignId, unitId], (signal) =>
    unitAdminApi.plan(campaignId, unitId, signal),
  );
  const partners = usePartners(campaignId);
  const window = useDayWindow(campaignId, unitId);
  if (plan.loading) return <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>;
  if (plan.error !== undefined) return <ErrorNote error={plan.error} />;
  const current = plan.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {!current && <Alert type="info" title={t('plan.notCreated')} />}
      <PlanFields campaignId={campaignId} unitId={unitId} plan={current} onSaved={plan.reload} />
      {current ? (
        <>
          <PartnersCard
            campaignId={campaignId}
            unitId={unitId}
            partners={partners.data?.items ?? []}
            onChanged={partners.reload}
          />
          <SitesCard plan={current} partners={partners.data?.items ?? []} window={window} onChanged={plan.reload} />
          <ChannelPointsCard campaignId={campaignId} unitId={unitId} />
          <StaffCard plan={current} onChanged={plan.reload} />
          <MeetingsCard plan={current} onChanged={plan.reload} />
          <MaterialsCard campaignId={campaignId} unitId={unitId} />
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('plan.needPlanFirst')}</Typography.Paragraph>
      )}
    </Space>
  );
}

interface PlanValues {
  leaderName?: string;
  leaderNameEn?: string;
  leaderTitle?: string;
  staffCount?: number | null;
  issuedOn?: string;
  notes?: string;
  filed?: boolean;
}

function PlanFields({ campaignId, unitId, plan, onSaved }: Props & { plan: Plan | undefined; onSaved: () => void }) {
  const { t } = useI18n();
  const formatDateTime = useFormatDateTime();
  const [form] = Form.useForm<PlanValues>();
  const { run, error, busy } = useWrite();
  const save = async (values: PlanValues) => {
    const body: PlanBody = {
      leaderName: orNull(values.leaderName),
      leaderNameEn: orNull(values.leaderNameEn),
      leaderTitle: orNull(values.leaderTitle),
      staffCount: values.staffCount ?? null,
      issuedOn: orNull(values.issuedOn),
      notes: values.notes ?? '',
      filed: Boolean(values.filed),
    };
    if (await run(() => unitAdminApi.savePlan(campaignId, unitId, body))) onSaved();
  };
  return (
    <Card size="small" title={<h2 className="card-title">{t('unitAdmin.tab.plan')}</h2>}>
      <Form<PlanValues>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          leaderName: plan?.leaderName ?? '',
          leaderNameEn: plan?.leaderNameEn ?? '',
          leaderTitle: plan?.leaderTitle ?? '',
          staffCount: plan?.staffCount ?? null,
          issuedOn: plan?.issuedOn ?? '',
          notes: plan?.notes ?? '',
          filed: Boolean(plan?.filedAt),
        }}
      >
        <Space wrap align="start">
          <Form.Item name="leaderName" label={t('plan.leaderName')}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="leaderNameEn" label={t('plan.leaderNameEn')}>
            <Input maxLength={200} autoComplete="off" lang="en" />
          </Form.Item>
          <Form.Item name="leaderTitle" label={t('plan.leaderTitle')}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="staffCount" label={t('plan.staffCount')}>
            <InputNumber min={0} max={2147483647} precision={0} />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('plan.issuedOn')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('plan.notes')}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
        <Form.Item name="filed" valuePropName="checked">
          <Checkbox>{t('plan.filed')}</Checkbox>
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {plan?.filedAt ? t('plan.filedAt', { time: formatDateTime(plan.filedAt) }) : t('plan.notFiled')}
        </Typography.Paragraph>
        <ErrorNote error={error} />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('plan.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** A site's fields, for adding a site and for changing one. */
function SiteFields() {
  const { t } = useI18n();
  return (
    <Space wrap align="start">
      <Form.Item name="name" label={t('plan.siteName')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('plan.nameEn')} extra={t('plan.nameEnHint')}>
        <Input maxLength={300} lang="en" />
      </Form.Item>
      <Form.Item name="address" label={t('plan.address')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="heldOn" label={t('plan.heldOn')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="opensAt" label={t('plan.opensAt')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input type="time" />
      </Form.Item>
      <Form.Item name="closesAt" label={t('plan.closesAt')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input type="time" />
      </Form.Item>
    </Space>
  );
}

/**
 * The days the unit's sites may fall on: the campaign's window, and the other dates the organizer
 * agreed for the unit (另定活动日期), once both are read.
 */
function useDayWindow(campaignId: string, unitId: string): DayWindow | undefined {
  const campaign = useApiQuery(['unitAdminApi.campaign', campaignId], (signal) =>
    unitAdminApi.campaign(campaignId, signal),
  );
  const agreed = useApiQuery(['unitAdminApi.unitDays', campaignId], (signal) =>
    unitAdminApi.unitDays(campaignId, signal),
  );
  if (!campaign.data || !agreed.data) return undefined;
  return {
    startsOn: campaign.data.startsOn,
    endsOn: campaign.data.endsOn,
    agreed: agreed.data.items.find((d) => d.unitId === unitId),
  };
}

interface DayWindow {
  startsOn: string;
  endsOn: string;
  agreed: { from: string; to: string } | undefined;
}

/** A site's day against the window: inside it, on dates the organizer agreed, or outside without agreement. */
function dayStanding(window: DayWindow | undefined, day: string): 'inside' | 'agreed' | 'outside' {
  if (!window || (day >= window.startsOn && day <= window.endsOn)) return 'inside';
  return window.agreed && day >= window.agreed.from && day <= window.agreed.to ? 'agreed' : 'outside';
}

function SitesCard({
  plan,
  partners,
  window,
  onChanged,
}: {
  plan: Plan;
  partners: Partner[];
  window: DayWindow | undefined;
  onChanged: () => void;
}) {
  const { t, formatDate } = useI18n();
  const [form] = Form.useForm<SiteBody>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<Site>();
  const add = async (values: SiteBody) => {
    if (await run(() => unitAdminApi.addSite(plan.id, { ...values, nameEn: orNull(values.nameEn) }, key))) {
      form.resetFields();
      setKey(newId());
      onChanged();
    }
  };
  const remove = (siteId: string) =>
    void run(() => unitAdminApi.removeSite(siteId), t('unitAdmin.deleted')).then((ok) => ok && onChanged());
  return (
    <Card size="small" title={<h2 className="card-title">{t('plan.sites')}</h2>}>
      {plan.sites.length === 0 && <Typography.Paragraph type="secondary">{t('unitAdmin.empty')}</Typography.Paragraph>}
      {plan.sites.map((site) => (
        <Card
          key={site.id}
          type="inner"
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <h3 className="card-title">
              {site.name}
              {site.nameEn && <span lang="en"> · {site.nameEn}</span>}
            </h3>
          }
          extra={<RowActions name={site.name} onEdit={() => setEditing(site)} onDelete={() => remove(site.id)} />}
        >
          <Typography.Paragraph>
            {site.address} ·{' '}
            {t('plan.hours', { date: formatDate(site.heldOn), opens: site.opensAt, closes: site.closesAt })}
          </Typography.Paragraph>
          {window && dayStanding(window, site.heldOn) === 'outside' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('plan.outsideWindow', {
                from: formatDate(window.startsOn),
                to: formatDate(window.endsOn),
              })}
            />
          )}
          {window && dayStanding(window, site.heldOn) === 'agreed' && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('plan.agreedDay')} />
          )}
          <DesksOfSite site={site} partners={partners} onChanged={onChanged} />
        </Card>
      ))}
      <h3 className="card-title">{t('plan.addSite')}</h3>
      <Form<SiteBody> form={form} layout="vertical" onFinish={add} name="add-site">
        <SiteFields />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('plan.addSite')}
        </Button>
      </Form>
      {editing && (
        <EditDialog<SiteBody>
          title={`${t('unitAdmin.edit')} · ${editing.name}`}
          okText={t('unitAdmin.save')}
          name={`edit-site-${editing.id}`}
          initialValues={{
            name: editing.name,
            nameEn: editing.nameEn ?? '',
            address: editing.address,
            heldOn: editing.heldOn,
            opensAt: editing.opensAt,
            closesAt: editing.closesAt,
          }}
          send={(values) => unitAdminApi.updateSite(editing.id, { ...values, nameEn: orNull(values.nameEn) })}
          onClose={closedThen(setEditing, onChanged)}
        >
          <SiteFields />
        </EditDialog>
      )}
    </Card>
  );
}

/** A staff member's fields, for putting one on duty and for changing one. */
function StaffFields({ desks }: { desks: { value: string; label: string }[] }) {
  const { t } = useI18n();
  return (
    <Space wrap align="start">
      <Form.Item name="name" label={t('plan.staffName')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="title" label={t('plan.staffTitle')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="deskId" label={t('plan.staffDesk')} extra={t('plan.wholeDay')}>
        <Select allowClear style={{ minWidth: 220 }} options={desks} />
      </Form.Item>
      <Form.Item name="leader" valuePropName="checked" label={t('plan.staffLeader')}>
        <Checkbox>{t('plan.staffLeaderHint')}</Checkbox>
      </Form.Item>
    </Space>
  );
}

/** The form's values as the API takes them: no title and no desk are null, not a leader is false. */
const staffBody = (values: DutyStaffBody) => ({
  name: values.name,
  title: orNull(values.title ?? undefined),
  deskId: values.deskId ?? null,
  leader: values.leader ?? false,
});

function StaffCard({ plan, onChanged }: { plan: Plan; onChanged: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<DutyStaffBody>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<DutyStaff>();
  const desks = plan.sites.flatMap((s) => s.desks.map((d) => ({ value: d.id, label: `${s.name} · ${d.name}` })));
  const deskName = (id: string | null) => desks.find((d) => d.value === id)?.label ?? t('plan.wholeDay');
  const add = async (values: DutyStaffBody) => {
    if (await run(() => unitAdminApi.addStaff(plan.id, staffBody(values), key))) {
      form.resetFields();
      setKey(newId());
      onChanged();
    }
  };
  const remove = (id: string) =>
    void run(() => unitAdminApi.removeStaff(id), t('unitAdmin.deleted')).then((ok) => ok && onChanged());
  return (
    <Card size="small" title={<h2 className="card-title">{t('plan.staff')}</h2>}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={plan.staff}
        locale={{ emptyText: t('unitAdmin.empty') }}
        columns={[
          { title: t('plan.staffName'), dataIndex: 'name' },
          { title: t('plan.staffTitle'), dataIndex: 'title' },
          {
            title: t('plan.staffLeader'),
            dataIndex: 'leader',
            render: (leader: boolean) => (leader ? t('plan.staffLeaderYes') : ''),
          },
          { title: t('plan.staffDesk'), dataIndex: 'deskId', render: (id: string | null) => deskName(id) },
          {
            title: t('unitAdmin.actions'),
            key: 'actions',
            render: (_: unknown, person) => (
              <RowActions name={person.name} onEdit={() => setEditing(person)} onDelete={() => remove(person.id)} />
            ),
          },
        ]}
      />
      <Form<DutyStaffBody> form={form} layout="vertical" onFinish={add} name="add-staff" style={{ marginTop: 12 }}>
        <StaffFields desks={desks} />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('plan.addStaff')}
        </Button>
      </Form>
      {editing && (
        <EditDialog<DutyStaffBody>
          title={`${t('unitAdmin.edit')} · ${editing.name}`}
          okText={t('unitAdmin.save')}
          name={`edit-staff-${editing.id}`}
          initialValues={{
            name: editing.name,
            title: editing.title ?? '',
            ...(editing.deskId && { deskId: editing.deskId }),
            leader: editing.leader,
          }}
          send={(values) => unitAdminApi.updateStaff(editing.id, staffBody(values))}
          onClose={closedThen(setEditing, onChanged)}
        >
          <StaffFields desks={desks} />
        </EditDialog>
      )}
    </Card>
  );
}

interface MaterialValues {
  title: string;
  titleEn?: string;
  kind: MaterialBody['kind'];
  printRun?: number | null;
}

/** A material's fields, for adding one and for changing one. */
function MaterialFields() {
  const { t } = useI18n();
  return (
    <Space wrap align="start">
      <Form.Item name="title" label={t('plan.materialTitle')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="titleEn" label={t('plan.nameEn')}>
        <Input maxLength={300} lang="en" />
      </Form.Item>
      <Form.Item name="kind" label={t('plan.materialKind')}>
        <Select
          style={{ minWidth: 140 }}
          options={MATERIAL_KINDS.map((k) => ({ value: k, label: t(`materialKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="printRun" label={t('plan.printRun')}>
        <InputNumber min={0} max={2147483647} precision={0} />
      </Form.Item>
    </Space>
  );
}

/** The form's values as the API takes them. */
const materialFields = (values: MaterialValues) => ({
  title: values.title,
  titleEn: orNull(values.titleEn),
  kind: values.kind,
  printRun: values.printRun ?? null,
});

function MaterialsCard({ campaignId, unitId }: Props) {
  const { t, formatNumber } = useI18n();
  const [form] = Form.useForm<MaterialValues>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<Material>();
  const materials = useApiQuery(['unitAdminApi.materials', campaignId, unitId], (signal) =>
    unitAdminApi.materials(campaignId, unitId, signal),
  );
  const add = async (values: MaterialValues) => {
    const body: MaterialBody = { campaignId, unitId, ...materialFields(values) };
    if (await run(() => unitAdminApi.addMaterial(body, key))) {
      form.resetFields();
      setKey(newId());
      materials.reload();
    }
  };
  const remove = (id: string) =>
    void run(() => unitAdminApi.removeMaterial(id), t('unitAdmin.deleted')).then((ok) => ok && materials.reload());
  return (
    <Card size="small" title={<h2 className="card-title">{t('plan.materials')}</h2>}>
      <ErrorNote error={materials.error} />
      <Table<Material>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        loading={materials.loading}
        dataSource={materials.data?.items ?? []}
        locale={{ emptyText: t('unitAdmin.empty') }}
        columns={[
          { title: t('plan.materialTitle'), dataIndex: 'title' },
          { title: t('plan.nameEn'), dataIndex: 'titleEn', render: (title: string | null) => title ?? '' },
          { title: t('plan.materialKind'), dataIndex: 'kind', render: (k: Material['kind']) => t(`materialKind.${k}`) },
          {
            title: t('plan.printRun'),
            dataIndex: 'printRun',
            render: (n: number | null) => (n === null ? t('common.none') : formatNumber(n)),
          },
          { title: t('plan.distributed'), dataIndex: 'distributed', render: (n: number) => formatNumber(n) },
          {
            title: t('unitAdmin.actions'),
            key: 'actions',
            render: (_: unknown, material) => (
              <RowActions
                name={material.title}
                onEdit={() => setEditing(material)}
                onDelete={() => remove(material.id)}
              />
            ),
          },
        ]}
      />
      <Form<MaterialValues>
        form={form}
        layout="vertical"
        onFinish={add}
        name="add-material"
        initialValues={{ kind: 'leaflet' }}
        style={{ marginTop: 12 }}
      >
        <MaterialFields />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('plan.addMaterial')}
        </Button>
      </Form>
      {editing && (
        <EditDialog<MaterialValues>
          title={`${t('unitAdmin.edit')} · ${editing.title}`}
          okText={t('unitAdmin.save')}
          name={`edit-material-${editing.id}`}
          initialValues={{
            title: editing.title,
            titleEn: editing.titleEn ?? '',
            kind: editing.kind,
            printRun: editing.printRun,
          }}
          send={(values) => unitAdminApi.updateMaterial(editing.id, materialFields(values))}
          onClose={closedThen(setEditing, materials.reload)}
        >
          <MaterialFields />
        </EditDialog>
      )}
    </Card>
  );
}
