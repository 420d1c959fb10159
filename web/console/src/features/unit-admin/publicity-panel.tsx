import { Button, Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { unitAdminApi } from './api.ts';
import { MediaCard } from './media-card.tsx';
import { PhotosCard } from './photos-card.tsx';
import { closedThen, EditDialog, ErrorNote, orNull, RowActions, useWrite } from '../../shared/ui.tsx';
import { MEDIA_KINDS, PUBLICITY_KINDS } from '../../shared/choices.ts';
import type { PublicityBody, PublicityItem } from './types.ts';
import { useVillages, VillageSelect } from '../../shared/villages.tsx';

interface Props {
  campaignId: string;
  unitId: string;
}

/** 宣传: the unit's publicity items, its media coverage and online posts, and the photos of its day. */
export function PublicityPanel(props: Props) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PublicityCard {...props} />
      <MediaCard {...props} />
      <PhotosCard {...props} />
    </Space>
  );
}

interface Values {
  kind: (typeof PUBLICITY_KINDS)[number];
  quantity?: number;
  text?: string;
  location?: string;
  regionId?: string | null;
  shownFrom?: string;
}

/** A publicity item's fields, for adding one and for changing one; an LED slogan needs its text. */
function PublicityFields({ villages }: { villages: ReturnType<typeof useVillages> }) {
  const { t } = useI18n();
  const kind = Form.useWatch<Values['kind'] | undefined>('kind');
  return (
    <Space wrap align="start">
      <Form.Item name="kind" label={t('publicity.kind')}>
        <Select
          style={{ minWidth: 160 }}
          options={PUBLICITY_KINDS.map((k) => ({ value: k, label: t(`publicityKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="quantity" label={t('publicity.quantity')}>
        <InputNumber min={1} max={2147483647} precision={0} />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('publicity.text')}
        rules={kind === 'led_slogan' ? [{ required: true, whitespace: true, message: t('unitAdmin.required') }] : []}
      >
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="location" label={t('publicity.location')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="regionId" label={t('publicity.village')}>
        <VillageSelect tree={villages.tree} />
      </Form.Item>
      <Form.Item name="shownFrom" label={t('publicity.shownFrom')}>
        <Input type="date" />
      </Form.Item>
    </Space>
  );
}

/** The form's values as the API takes them. */
const publicityFields = (values: Values) => ({
  kind: values.kind,
  quantity: values.quantity ?? 1,
  text: orNull(values.text),
  location: orNull(values.location),
  regionId: values.regionId ?? null,
  shownFrom: orNull(values.shownFrom),
});

function PublicityCard({ campaignId, unitId }: Props) {
  const { t, formatNumber, formatDate } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<PublicityItem>();
  const villages = useVillages(unitId);
  const items = useApiQuery(['unitAdminApi.publicity', campaignId, unitId], (signal) =>
    unitAdminApi.publicity({ campaignId, unitId }, signal),
  );
  const add = async (values: Values) => {
    const body: PublicityBody = { campaignId, unitId, ...publicityFields(values) };
    if (await run(() => unitAdminApi.addPublicity(body, key))) {
      form.resetFields();
      setKey(newId());
      items.reload();
    }
  };
  const remove = (id: string) =>
    void run(() => unitAdminApi.removePublicity(id), t('unitAdmin.deleted')).then((ok) => ok && items.reload());
  return (
    <Card size="small" title={<h2 className="card-title">{t('publicity.title')}</h2>}>
      <ErrorNote error={items.error} />
      <Table<PublicityItem>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        loading={items.loading}
        dataSource={(items.data?.items ?? []).filter((i) => !(MEDIA_KINDS as readonly string[]).includes(i.kind))}
        locale={{ emptyText: t('unitAdmin.empty') }}
        columns={[
          {
            title: t('publicity.kind'),
            dataIndex: 'kind',
            render: (k: PublicityItem['kind']) => t(`publicityKind.${k}`),
          },
          { title: t('publicity.quantity'), dataIndex: 'quantity', render: (n: number) => formatNumber(n) },
          {
            title: t('publicity.text'),
            key: 'text',
            render: (_: unknown, item) =>
              item.url ? (
                <a href={item.url} target="_blank" rel="noreferrer noopener">
                  {item.text ?? item.url}
                </a>
              ) : (
                item.text
              ),
          },
          { title: t('publicity.location'), dataIndex: 'location' },
          {
            title: t('publicity.village'),
            dataIndex: 'regionId',
            render: (id: string | null) => villages.nameOf(id) ?? '',
          },
          {
            title: t('publicity.shownFrom'),
            dataIndex: 'shownFrom',
            render: (d: string | null) => (d ? formatDate(d) : ''),
          },
          {
            title: t('unitAdmin.actions'),
            key: 'actions',
            render: (_: unknown, item) => (
              <RowActions
                name={item.text ?? t(`publicityKind.${item.kind}`)}
                onEdit={() => setEditing(item)}
                onDelete={() => remove(item.id)}
              />
            ),
          },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={add}
        name="add-publicity"
        initialValues={{ kind: 'banner', quantity: 1 }}
        style={{ marginTop: 12 }}
      >
        <PublicityFields villages={villages} />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('publicity.add')}
        </Button>
      </Form>
      {editing && (
        <EditDialog<Values>
          title={`${t('unitAdmin.edit')} · ${editing.text ?? t(`publicityKind.${editing.kind}`)}`}
          okText={t('unitAdmin.save')}
          name={`edit-publicity-${editing.id}`}
          initialValues={{
            kind: editing.kind as Values['kind'],
            quantity: editing.quantity,
            text: editing.text ?? '',
            location: editing.location ?? '',
            regionId: editing.regionId ?? null,
            shownFrom: editing.shownFrom ?? '',
          }}
          send={(values) => unitAdminApi.updatePublicity(editing.id, publicityFields(values))}
          onClose={closedThen(setEditing, items.reload)}
        >
          <PublicityFields villages={villages} />
        </EditDialog>
      )}
    </Card>
  );
}
