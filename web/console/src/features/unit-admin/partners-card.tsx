import { Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { unitAdminApi } from './api.ts';
import {
  EditDialog,
  ErrorNote,
  orNull,
  requiredRule,
  NameWithEnglish,
  RowActions,
  useWrite,
} from '../../shared/ui.tsx';
import { PARTNER_KINDS } from '../../shared/choices.ts';
import type { Partner, PartnerBody, PartnerPatch, Unit } from './types.ts';

interface PartnerValues {
  unitId?: string;
  name?: string;
  nameEn?: string;
  kind: Partner['kind'];
  contact?: string;
}

/** The campaign's partner organisations, for the plan's desks: loaded once, reloaded after a change. */
export function usePartners(campaignId: string) {
  return useApiQuery(['unitAdminApi.partners', campaignId], (signal) => unitAdminApi.partners(campaignId, signal));
}

/**
 * The units a partner may be: the campaign's other participants and this unit's own sub-units (the
 * heating companies under the Heating Office). A partner that is a unit can receive cases.
 */
function usePartnerUnits(campaignId: string, unitId: string) {
  return useApiQuery(['unitAdmin.partnerUnits', campaignId, unitId], async (signal) => {
    const [participants, children] = await Promise.all([
      unitAdminApi.campaignUnits(campaignId, signal),
      unitAdminApi.subUnits(unitId, signal),
    ]);
    const units = new Map<string, Unit>();
    for (const unit of [...children.items, ...participants.items]) if (unit.id !== unitId) units.set(unit.id, unit);
    return [...units.values()];
  });
}

/** The fields of a partner, for adding one and for changing one. */
function PartnerFields({
  taken,
  units,
  onUnit,
}: {
  /** The names of the campaign's other partners: entered once, a name is refused a second time. */
  taken: string[];
  units?: Unit[];
  onUnit?: (unit: Unit | undefined) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Space wrap align="start">
      {units && (
        <Form.Item name="unitId" label={t('partners.unit')} extra={t('partners.unitHint')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 240 }}
            onChange={(id: string | undefined) => onUnit?.(units.find((u) => u.id === id))}
            options={units.map((u) => ({ value: u.id, label: (locale === 'en-US' && u.nameEn) || u.name }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="name"
        label={t('partners.name')}
        rules={[
          ...requiredRule(t('unitAdmin.required')),
          {
            validator: (_, value: string | undefined) =>
              value && taken.includes(value.trim())
                ? Promise.reject(new Error(t('partners.exists')))
                : Promise.resolve(),
          },
        ]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('plan.nameEn')} extra={t('plan.nameEnHint')}>
        <Input maxLength={300} autoComplete="off" lang="en" />
      </Form.Item>
      <Form.Item name="kind" label={t('partners.kind')}>
        <Select
          style={{ minWidth: 160 }}
          options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partnerKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="contact" label={t('partners.contact')}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
    </Space>
  );
}

/**
 * 联合设台: the organisations running the unit's desks with it. Entered once for the whole campaign
 * (a unit of the campaign picked from the list, or an outside organisation), then named at desks.
 */
export function PartnersCard({
  campaignId,
  unitId,
  partners,
  onChanged,
}: {
  campaignId: string;
  unitId: string;
  partners: Partner[];
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<PartnerValues>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<Partner>();
  const units = usePartnerUnits(campaignId, unitId);
  const add = async (values: PartnerValues) => {
    const body: PartnerBody = {
      unitId: values.unitId ?? null,
      name: values.name!.trim(),
      nameEn: orNull(values.nameEn),
      kind: values.kind,
      contact: orNull(values.contact),
    };
    if (await run(() => unitAdminApi.addPartner(campaignId, unitId, body, key), t('partners.added'))) {
      form.resetFields();
      setKey(newId());
      onChanged();
    }
  };
  const remove = (id: string) =>
    void run(() => unitAdminApi.removePartner(id), t('unitAdmin.deleted')).then((ok) => ok && onChanged());
  return (
    <Card size="small" title={<h2 className="card-title">{t('partners.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('partners.hint')}</Typography.Paragraph>
      <ErrorNote error={units.error} />
      <List<Partner>
        dataSource={partners}
        locale={{ emptyText: t('unitAdmin.empty') }}
        aria-label={t('partners.title')}
        renderItem={(partner) => (
          <List.Item
            key={partner.id}
            actions={
              partner.enteredByUnitId === unitId
                ? [
                    <RowActions
                      key="actions"
                      name={partner.name}
                      onEdit={() => setEditing(partner)}
                      onDelete={() => remove(partner.id)}
                    />,
                  ]
                : [
                    <Typography.Text key="other" type="secondary">
                      {t('partners.enteredByOther')}
                    </Typography.Text>,
                  ]
            }
          >
            <List.Item.Meta
              title={<NameWithEnglish name={partner.name} nameEn={partner.nameEn} />}
              description={
                <Space size={[4, 4]} wrap>
                  <Tag>{t(`partnerKind.${partner.kind}`)}</Tag>
                  <Tag>{partner.unitId ? t('partners.isUnit') : t('partners.isOutside')}</Tag>
                  {partner.contact && <span>{t('partners.contactLine', { contact: partner.contact })}</span>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <h3 className="card-title" style={{ marginTop: 16 }}>
        {t('partners.add')}
      </h3>
      <Form<PartnerValues>
        form={form}
        layout="vertical"
        onFinish={add}
        name="add-partner"
        initialValues={{ kind: 'enterprise' }}
      >
        <PartnerFields
          taken={partners.map((p) => p.name)}
          units={units.data ?? []}
          onUnit={(unit) => form.setFieldsValue({ name: unit?.name ?? '', nameEn: unit?.nameEn ?? '' })}
        />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('partners.add')}
        </Button>
      </Form>
      {editing && (
        <EditPartner
          partner={editing}
          taken={partners.filter((p) => p.id !== editing.id).map((p) => p.name)}
          onClose={(changed) => {
            setEditing(undefined);
            if (changed) onChanged();
          }}
        />
      )}
    </Card>
  );
}

function EditPartner({
  partner,
  taken,
  onClose,
}: {
  partner: Partner;
  taken: string[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useI18n();
  const send = (values: PartnerValues) => {
    const patch: PartnerPatch = {
      name: values.name!.trim(),
      nameEn: orNull(values.nameEn),
      kind: values.kind,
      contact: orNull(values.contact),
    };
    return unitAdminApi.updatePartner(partner.id, patch);
  };
  return (
    <EditDialog<PartnerValues>
      title={`${t('unitAdmin.edit')} · ${partner.name}`}
      okText={t('partners.save')}
      name="edit-partner"
      initialValues={{
        name: partner.name,
        nameEn: partner.nameEn ?? '',
        kind: partner.kind,
        contact: partner.contact ?? '',
      }}
      send={send}
      onClose={onClose}
    >
      <PartnerFields taken={taken} />
    </EditDialog>
  );
}
