import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { unitAdminApi } from './api.ts';
import { closedThen, EditDialog, ErrorNote, orNull, RowActions, useWrite } from '../../shared/ui.tsx';
import { MEDIA, MEDIA_KINDS, ONLINE_MEDIA } from '../../shared/choices.ts';
import type { PublicityBody, PublicityItem } from './types.ts';

interface Props {
  campaignId: string;
  unitId: string;
}

type MediaKind = (typeof MEDIA_KINDS)[number];
type Medium = (typeof MEDIA)[number];

interface Values {
  kind: MediaKind;
  medium?: Medium;
  outlet?: string;
  outletEn?: string;
  shownFrom?: string;
  text?: string;
  url?: string;
  reach?: number | null;
}

const HTTP_URL = /^https?:\/\/\S+$/;

/** A report or post as a person names it: its headline, else its address. */
const nameOf = (item: PublicityItem) => item.text ?? item.url ?? '';

/** The form's values as the API takes them. */
const mediaFields = (values: Values) => ({
  kind: values.kind,
  medium: values.medium ?? null,
  outlet: orNull(values.outlet),
  outletEn: orNull(values.outletEn),
  shownFrom: orNull(values.shownFrom),
  text: orNull(values.text),
  url: orNull(values.url),
  reach: values.reach ?? null,
});

/** A stored item as the form's values. */
const valuesOf = (item: PublicityItem): Values => ({
  kind: item.kind as MediaKind,
  medium: item.medium ?? undefined,
  outlet: item.outlet ?? undefined,
  outletEn: item.outletEn ?? undefined,
  shownFrom: item.shownFrom ?? undefined,
  text: item.text ?? undefined,
  url: item.url ?? undefined,
  reach: item.reach,
});

/**
 * A report's or post's fields, for adding one and for changing one: a media report needs its
 * medium, outlet and headline; an online post its address, on an online medium.
 */
function MediaFields() {
  const { t } = useI18n();
  const kind = Form.useWatch<MediaKind | undefined>('kind');
  const report = kind === 'media_report';
  const required = [{ required: true, whitespace: true, message: t('unitAdmin.required') }];
  const media: readonly Medium[] = report || !kind ? MEDIA : ONLINE_MEDIA;
  return (
    <>
      <Space wrap align="start">
        <Form.Item name="kind" label={t('media.kind')}>
          <Select
            style={{ minWidth: 140 }}
            options={MEDIA_KINDS.map((k) => ({ value: k, label: t(`publicityKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="medium"
          label={t('media.medium')}
          rules={report ? [{ required: true, message: t('unitAdmin.required') }] : []}
        >
          <Select
            style={{ minWidth: 160 }}
            allowClear
            options={media.map((m) => ({ value: m, label: t(`medium.${m}`) }))}
          />
        </Form.Item>
        <Form.Item name="outlet" label={t('media.outlet')} rules={report ? required : []}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="outletEn" label={t('media.outletEn')}>
          <Input maxLength={100} lang="en" />
        </Form.Item>
        <Form.Item name="shownFrom" label={t('media.date')}>
          <Input type="date" />
        </Form.Item>
      </Space>
      <Form.Item name="text" label={t('media.headline')} rules={report ? required : []}>
        <Input maxLength={500} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item
          name="url"
          label={t('media.url')}
          rules={[
            ...(report ? [] : [{ required: true, message: t('unitAdmin.required') }]),
            { pattern: HTTP_URL, message: t('media.urlInvalid') },
          ]}
        >
          <Input type="url" maxLength={2000} style={{ minWidth: 280 }} />
        </Form.Item>
        <Form.Item name="reach" label={t('media.reach')}>
          <InputNumber min={0} max={2147483647} precision={0} />
        </Form.Item>
      </Space>
    </>
  );
}

/** 媒体报道和网络发布: outside outlets' reports on the day and the unit's own posts, with their reach. */
export function MediaCard({ campaignId, unitId }: Props) {
  const { t, locale, formatNumber, formatDate } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<PublicityItem>();
  const items = useApiQuery(['unitAdmin.media', campaignId, unitId], async (signal) => {
    const pages = await Promise.all(
      MEDIA_KINDS.map((k) => unitAdminApi.publicity({ campaignId, unitId, kind: k }, signal)),
    );
    return pages
      .flatMap((p) => p.items)
      .sort((a, b) => (b.shownFrom ?? '').localeCompare(a.shownFrom ?? '') || b.createdAt.localeCompare(a.createdAt));
  });
  const add = async (values: Values) => {
    const body: PublicityBody = { campaignId, unitId, ...mediaFields(values) };
    if (await run(() => unitAdminApi.addPublicity(body, key))) {
      form.resetFields();
      setKey(newId());
      items.reload();
    }
  };
  const remove = (id: string) =>
    void run(() => unitAdminApi.removePublicity(id), t('unitAdmin.deleted')).then((ok) => ok && items.reload());
  return (
    <Card size="small" title={<h2 className="card-title">{t('media.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('media.hint')}</Typography.Paragraph>
      <ErrorNote error={items.error} />
      <Table<PublicityItem>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 760 }}
        loading={items.loading}
        dataSource={items.data ?? []}
        locale={{ emptyText: t('unitAdmin.empty') }}
        columns={[
          {
            title: t('media.kind'),
            dataIndex: 'kind',
            render: (k: PublicityItem['kind']) => t(`publicityKind.${k}`),
          },
          {
            title: t('media.medium'),
            dataIndex: 'medium',
            render: (m: Medium | null) => (m ? t(`medium.${m}`) : ''),
          },
          {
            title: t('media.outlet'),
            key: 'outlet',
            render: (_: unknown, item) => (locale === 'zh-CN' ? item.outlet : (item.outletEn ?? item.outlet)),
          },
          {
            title: t('media.date'),
            dataIndex: 'shownFrom',
            render: (d: string | null) => (d ? formatDate(d) : ''),
          },
          {
            title: t('media.headline'),
            key: 'text',
            width: 240,
            render: (_: unknown, item) =>
              item.url ? (
                <a href={item.url} target="_blank" rel="noreferrer noopener">
                  {item.text ?? item.url}
                </a>
              ) : (
                item.text
              ),
          },
          {
            title: t('media.reach'),
            dataIndex: 'reach',
            align: 'right',
            render: (n: number | null) => (n === null ? '' : formatNumber(n)),
          },
          {
            title: t('unitAdmin.actions'),
            key: 'actions',
            render: (_: unknown, item) => (
              <RowActions name={nameOf(item)} onEdit={() => setEditing(item)} onDelete={() => remove(item.id)} />
            ),
          },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={add}
        name="media"
        initialValues={{ kind: 'media_report' }}
        style={{ marginTop: 12 }}
      >
        <MediaFields />
        <ErrorNote error={error} />
        <Button htmlType="submit" type="primary" loading={busy}>
          {t('media.add')}
        </Button>
      </Form>
      {editing && (
        <EditDialog<Values>
          title={`${t('unitAdmin.edit')} · ${nameOf(editing)}`}
          okText={t('unitAdmin.save')}
          name={`edit-media-${editing.id}`}
          initialValues={valuesOf(editing)}
          send={(values) => unitAdminApi.updatePublicity(editing.id, mediaFields(values))}
          onClose={closedThen(setEditing, items.reload)}
        >
          <MediaFields />
        </EditDialog>
      )}
    </Card>
  );
}
