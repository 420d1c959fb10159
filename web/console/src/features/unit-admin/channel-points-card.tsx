import { Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { unitAdminApi } from './api.ts';
import {
  EditDialog,
  ErrorNote,
  NameWithEnglish,
  orNull,
  requiredRule,
  RowActions,
  useWrite,
} from '../../shared/ui.tsx';
import { CHANNEL_POINT_KINDS } from '../../shared/choices.ts';
import type { ChannelPoint, ChannelPointBody, ChannelPointPatch } from './types.ts';
import { useVillages, VillageSelect } from '../../shared/villages.tsx';

interface Values {
  kind: ChannelPoint['kind'];
  name?: string;
  nameEn?: string;
  regionId?: string | null;
  address?: string;
  number?: string;
}

const toBody = (values: Values): ChannelPointPatch & Pick<ChannelPointBody, 'kind' | 'name'> => ({
  kind: values.kind,
  name: values.name!.trim(),
  nameEn: orNull(values.nameEn),
  regionId: values.regionId ?? null,
  address: orNull(values.address),
  number: orNull(values.number),
});

/** The fields of a hotline or mailbox: a hotline needs its number, a mailbox its village or address. */
function ChannelPointFields({ tree }: { tree: ReturnType<typeof useVillages>['tree'] }) {
  const { t } = useI18n();
  return (
    <Space wrap align="start">
      <Form.Item name="kind" label={t('channelPoints.kind')}>
        <Select
          style={{ minWidth: 120 }}
          options={CHANNEL_POINT_KINDS.map((k) => ({ value: k, label: t(`channelPointKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('channelPoints.name')} rules={requiredRule(t('unitAdmin.required'))}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('plan.nameEn')} extra={t('plan.nameEnHint')}>
        <Input maxLength={200} autoComplete="off" lang="en" />
      </Form.Item>
      <Form.Item name="regionId" label={t('channelPoints.village')}>
        <VillageSelect tree={tree} />
      </Form.Item>
      <Form.Item name="address" label={t('channelPoints.address')}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="number"
        label={t('channelPoints.number')}
        dependencies={['kind']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              getFieldValue('kind') === 'hotline' && !value?.trim()
                ? Promise.reject(new Error(t('channelPoints.numberRequired')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input maxLength={25} autoComplete="off" inputMode="tel" />
      </Form.Item>
    </Space>
  );
}

/** 热线和意见箱: the unit's hotlines and mailboxes of the campaign, each with its village, address or number. */
export function ChannelPointsCard({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const [editing, setEditing] = useState<ChannelPoint>();
  const points = useApiQuery(['unitAdminApi.channelPoints', campaignId, unitId], (signal) =>
    unitAdminApi.channelPoints(campaignId, unitId, signal),
  );
  const villages = useVillages(unitId);
  const add = async (values: Values) => {
    if (
      await run(() => unitAdminApi.addChannelPoint(campaignId, unitId, toBody(values), key), t('channelPoints.added'))
    ) {
      form.resetFields();
      setKey(newId());
      points.reload();
    }
  };
  const remove = (id: string) =>
    void run(() => unitAdminApi.removeChannelPoint(id), t('unitAdmin.deleted')).then((ok) => ok && points.reload());
  return (
    <Card size="small" title={<h2 className="card-title">{t('channelPoints.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('channelPoints.hint')}</Typography.Paragraph>
      <ErrorNote error={points.error ?? villages.error} />
      <List<ChannelPoint>
        dataSource={points.data?.items ?? []}
        loading={points.loading}
        locale={{ emptyText: t('unitAdmin.empty') }}
        aria-label={t('channelPoints.title')}
        renderItem={(point) => (
          <List.Item
            key={point.id}
            actions={[
              <RowActions
                key="actions"
                name={point.name}
                onEdit={() => setEditing(point)}
                onDelete={() => remove(point.id)}
              />,
            ]}
          >
            <List.Item.Meta
              title={<NameWithEnglish name={point.name} nameEn={point.nameEn} />}
              description={
                <Space size={[4, 4]} wrap>
                  <Tag>{t(`channelPointKind.${point.kind}`)}</Tag>
                  {point.regionId && <Tag>{villages.nameOf(point.regionId) ?? t('channelPoints.village')}</Tag>}
                  {point.address && <span>{point.address}</span>}
                  {point.number && <span>{t('channelPoints.numberLine', { number: point.number })}</span>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <h3 className="card-title" style={{ marginTop: 16 }}>
        {t('channelPoints.add')}
      </h3>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={add}
        name="add-channel-point"
        initialValues={{ kind: 'mailbox' }}
      >
        <ChannelPointFields tree={villages.tree} />
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('channelPoints.add')}
        </Button>
      </Form>
      {editing && (
        <EditChannelPoint
          point={editing}
          tree={villages.tree}
          onClose={(changed) => {
            setEditing(undefined);
            if (changed) points.reload();
          }}
        />
      )}
    </Card>
  );
}

function EditChannelPoint({
  point,
  tree,
  onClose,
}: {
  point: ChannelPoint;
  tree: ReturnType<typeof useVillages>['tree'];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <EditDialog<Values>
      title={`${t('channelPoints.edit')} · ${point.name}`}
      okText={t('channelPoints.save')}
      name="edit-channel-point"
      initialValues={{
        kind: point.kind,
        name: point.name,
        nameEn: point.nameEn ?? '',
        regionId: point.regionId,
        address: point.address ?? '',
        number: point.number ?? '',
      }}
      send={(values) => unitAdminApi.updateChannelPoint(point.id, toBody(values))}
      onClose={onClose}
    >
      <ChannelPointFields tree={tree} />
    </EditDialog>
  );
}
