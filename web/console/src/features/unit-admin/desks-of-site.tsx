import { Button, Form, Input, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
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
import type { Desk, DeskBody, DeskPatch, Partner, SiteWithDesks } from './types.ts';

interface DeskValues {
  name: string;
  nameEn?: string | null;
  topics?: string[];
  partnerIds?: string[];
}

/** A partner as a person reads it in this language: the English name where one was entered. */
function usePartnerName() {
  const { locale } = useI18n();
  return (partner: Partner) => (locale === 'en-US' && partner.nameEn) || partner.name;
}

/** The desk's fields, for adding a desk and for changing one: its partners among them (联合设台). */
function DeskFields({ partners }: { partners: Partner[] }) {
  const { t } = useI18n();
  const partnerName = usePartnerName();
  return (
    <Space wrap align="start">
      <Form.Item name="name" label={t('plan.deskName')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('plan.nameEn')}>
        <Input maxLength={200} lang="en" />
      </Form.Item>
      <Form.Item name="topics" label={t('plan.topics')} extra={t('plan.topicsHint')}>
        <Select mode="tags" style={{ minWidth: 240 }} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      <Form.Item
        name="partnerIds"
        label={t('plan.deskPartners')}
        extra={partners.length ? t('plan.deskPartnersHint') : t('plan.deskPartnersNone')}
      >
        <Select
          mode="multiple"
          allowClear
          optionFilterProp="label"
          style={{ minWidth: 240 }}
          disabled={partners.length === 0}
          options={partners.map((p) => ({ value: p.id, label: partnerName(p) }))}
        />
      </Form.Item>
    </Space>
  );
}

/** A site's desks: listed with their topics and partners, added, changed and deleted. */
export function DesksOfSite({
  site,
  partners,
  onChanged,
}: {
  site: SiteWithDesks;
  partners: Partner[];
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const partnerName = usePartnerName();
  const [form] = Form.useForm<DeskValues>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<Desk>();
  const add = async (values: DeskValues) => {
    const body: DeskBody = {
      name: values.name,
      nameEn: orNull(values.nameEn),
      topics: values.topics ?? [],
      partnerIds: values.partnerIds ?? [],
    };
    if (await run(() => unitAdminApi.addDesk(site.id, body, key))) {
      form.resetFields();
      setKey(newId());
      onChanged();
    }
  };
  const remove = (deskId: string) =>
    void run(() => unitAdminApi.removeDesk(deskId), t('unitAdmin.deleted')).then((ok) => ok && onChanged());
  const named = (ids: string[]) =>
    ids.map((id) => {
      const partner = partners.find((p) => p.id === id);
      return partner ? (
        <Tag key={id} color="blue">
          {partnerName(partner)}
        </Tag>
      ) : null;
    });
  return (
    <>
      <h4 className="card-title">{t('plan.desks')}</h4>
      <List<Desk>
        dataSource={site.desks}
        locale={{ emptyText: t('plan.noDesks') }}
        aria-label={`${t('plan.desks')} · ${site.name}`}
        renderItem={(desk) => (
          <List.Item
            key={desk.id}
            actions={[
              <RowActions
                key="actions"
                name={desk.name}
                onEdit={() => setEditing(desk)}
                onDelete={() => remove(desk.id)}
              />,
            ]}
          >
            <List.Item.Meta
              title={<NameWithEnglish name={desk.name} nameEn={desk.nameEn} />}
              description={
                <Space direction="vertical" size={4}>
                  {desk.topics.length > 0 && (
                    <Space size={[4, 4]} wrap>
                      {t('plan.topicsLabel')}
                      {desk.topics.map((topic) => (
                        <Tag key={topic}>{topic}</Tag>
                      ))}
                    </Space>
                  )}
                  {desk.partnerIds.length > 0 && (
                    <Space size={[4, 4]} wrap>
                      {t('plan.deskPartnersLabel')}
                      {named(desk.partnerIds)}
                    </Space>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Form<DeskValues>
        form={form}
        layout="vertical"
        onFinish={add}
        name={`add-desk-${site.id}`}
        style={{ marginTop: 12 }}
      >
        <DeskFields partners={partners} />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('plan.addDesk')}
        </Button>
      </Form>
      {editing && (
        <EditDesk
          desk={editing}
          partners={partners}
          onClose={(changed) => {
            setEditing(undefined);
            if (changed) onChanged();
          }}
        />
      )}
    </>
  );
}

function EditDesk({
  desk,
  partners,
  onClose,
}: {
  desk: Desk;
  partners: Partner[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useI18n();
  const send = (values: DeskValues) => {
    const patch: DeskPatch = {
      name: values.name,
      nameEn: orNull(values.nameEn),
      topics: values.topics ?? [],
      partnerIds: values.partnerIds ?? [],
    };
    return unitAdminApi.updateDesk(desk.id, patch);
  };
  return (
    <EditDialog<DeskValues>
      title={`${t('unitAdmin.edit')} · ${desk.name}`}
      okText={t('plan.saveDesk')}
      name={`edit-desk-${desk.id}`}
      initialValues={{ name: desk.name, nameEn: desk.nameEn ?? '', topics: desk.topics, partnerIds: desk.partnerIds }}
      send={send}
      onClose={onClose}
    >
      <DeskFields partners={partners} />
    </EditDialog>
  );
}
