import { Button, Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { unitAdminApi } from './api.ts';
import { closedThen, EditDialog, ErrorNote, requiredRule, RowActions, useWrite } from '../../shared/ui.tsx';
import { DISCLOSURE_KINDS } from '../../shared/choices.ts';
import type { Disclosure, DisclosureBody } from './types.ts';

interface Props {
  campaignId: string;
  unitId: string;
}

interface Values {
  kind: Disclosure['kind'];
  title: string;
  body?: string;
  sort?: number | null;
}

/** A disclosure's fields, for adding one and for changing one. */
function DisclosureFields() {
  const { t } = useI18n();
  return (
    <>
      <Space wrap align="start">
        <Form.Item name="kind" label={t('disclosures.kind')}>
          <Select
            style={{ minWidth: 200 }}
            options={DISCLOSURE_KINDS.map((k) => ({ value: k, label: t(`disclosureKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('disclosures.itemTitle')} rules={requiredRule(t('unitAdmin.required'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="sort" label={t('disclosures.sort')}>
          <InputNumber min={-100000} max={100000} precision={0} />
        </Form.Item>
      </Space>
      <Form.Item name="body" label={t('disclosures.body')}>
        <Input.TextArea rows={4} maxLength={20000} />
      </Form.Item>
    </>
  );
}

/** The form's values as the API takes them. */
const disclosureFields = (values: Values) => ({
  kind: values.kind,
  title: values.title.trim(),
  body: values.body ?? '',
  sort: values.sort ?? 0,
});

/** 公开事项: functions, service matters and procedures, the service guide and phone numbers. */
export function DisclosuresPanel({ campaignId, unitId }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<Disclosure>();
  const items = useApiQuery(['unitAdminApi.disclosures', campaignId, unitId], (signal) =>
    unitAdminApi.disclosures(campaignId, unitId, signal),
  );
  const add = async (values: Values) => {
    const body: DisclosureBody = { campaignId, unitId, ...disclosureFields(values) };
    if (await run(() => unitAdminApi.addDisclosure(body, key))) {
      form.resetFields();
      setKey(newId());
      items.reload();
    }
  };
  const remove = (id: string) =>
    void run(() => unitAdminApi.removeDisclosure(id), t('unitAdmin.deleted')).then((ok) => ok && items.reload());
  return (
    <Card size="small" title={<h2 className="card-title">{t('disclosures.title')}</h2>}>
      <ErrorNote error={items.error} />
      <Table<Disclosure>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        loading={items.loading}
        dataSource={items.data?.items ?? []}
        locale={{ emptyText: t('unitAdmin.empty') }}
        columns={[
          {
            title: t('disclosures.kind'),
            dataIndex: 'kind',
            render: (k: Disclosure['kind']) => t(`disclosureKind.${k}`),
          },
          { title: t('disclosures.itemTitle'), dataIndex: 'title' },
          { title: t('disclosures.body'), dataIndex: 'body', ellipsis: true },
          { title: t('disclosures.sort'), dataIndex: 'sort' },
          {
            title: t('unitAdmin.actions'),
            key: 'actions',
            render: (_: unknown, item) => (
              <RowActions name={item.title} onEdit={() => setEditing(item)} onDelete={() => remove(item.id)} />
            ),
          },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={add}
        name="add-disclosure"
        initialValues={{ kind: 'functions', sort: 0 }}
        style={{ marginTop: 12 }}
      >
        <DisclosureFields />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('disclosures.add')}
        </Button>
      </Form>
      {editing && (
        <EditDialog<Values>
          title={`${t('unitAdmin.edit')} · ${editing.title}`}
          okText={t('unitAdmin.save')}
          name={`edit-disclosure-${editing.id}`}
          initialValues={{ kind: editing.kind, title: editing.title, body: editing.body, sort: editing.sort }}
          send={(values) => unitAdminApi.updateDisclosure(editing.id, disclosureFields(values))}
          onClose={closedThen(setEditing, items.reload)}
        >
          <DisclosureFields />
        </EditDialog>
      )}
    </Card>
  );
}
