import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { newId } from '../../api/client.ts';
import { describeError } from '../../api/error-text.ts';
import type { Region, RegionBody, Unit, UnitBody, User, UserBody } from '../../api/types.ts';
import { useApiQuery } from '../../api/query.ts';
import { REGION_LEVELS as LEVELS, ROLES, UNIT_KINDS } from '../../shared/choices.ts';
import { directoryApi } from './api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

/**
 * The organizer's directory: the regions of their region, the units in them and the staff
 * accounts, each listed with a form to add one. After a first run without the demo, this is where
 * the organizer sets up everything a campaign needs.
 */
export default function DirectoryPage() {
  const { t } = useI18n();
  const regions = useApiQuery(['directoryApi.regions'], directoryApi.regions);
  const units = useApiQuery(['directoryApi.units'], directoryApi.units);
  const users = useApiQuery(['directoryApi.users'], directoryApi.users);
  const regionName = (id: string) => regions.data?.items.find((r) => r.id === id)?.name ?? '';
  const unitName = (id: string) => units.data?.items.find((u) => u.id === id)?.name ?? '';
  const failed = [regions.error, units.error, users.error].find((e) => e !== undefined);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="screen-title">
          {t('directory.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('directory.intro')}</Typography.Paragraph>
      </div>
      {failed !== undefined && <Alert type="error" title={describeError(failed, t)} />}

      <Card title={<h2 className="card-heading">{t('directory.regions')}</h2>}>
        <Table<Region>
          rowKey="id"
          size="small"
          loading={regions.loading}
          dataSource={regions.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('directory.empty') }}
          columns={[
            { title: t('directory.name'), dataIndex: 'name', render: (name: string, r) => indent(r.path, name) },
            { title: t('directory.code'), dataIndex: 'code' },
            { title: t('directory.level'), dataIndex: 'level', render: (l: Region['level']) => t(`level.${l}`) },
            { title: t('directory.nameEn'), dataIndex: 'nameEn' },
          ]}
        />
        <AddForm<RegionBody, Region>
          title={t('directory.addRegion')}
          create={directoryApi.addRegion}
          saved={(r) => t('directory.saved.region', { name: r.name })}
          onSaved={regions.reload}
          toBody={(v) => ({
            parentId: v.parentId as string,
            code: String(v.code).trim(),
            name: String(v.name).trim(),
            nameEn: text(v.nameEn),
            level: v.level as RegionBody['level'],
          })}
        >
          <Form.Item name="parentId" label={t('directory.parentRegion')} rules={required(t)}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(regions.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('directory.name')} rules={required(t)}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('directory.code')}
            rules={[...required(t), { pattern: /^[0-9A-Za-z]{1,20}$/, message: t('directory.code') }]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="level" label={t('directory.level')} rules={required(t)}>
            <Select options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('directory.nameEn')} extra={t('directory.nameEnHelp')}>
            <Input maxLength={200} />
          </Form.Item>
        </AddForm>
      </Card>

      <Card title={<h2 className="card-heading">{t('directory.units')}</h2>}>
        <Table<Unit>
          rowKey="id"
          size="small"
          loading={units.loading}
          dataSource={units.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: t('directory.empty') }}
          columns={[
            { title: t('directory.name'), dataIndex: 'name' },
            { title: t('directory.kind'), dataIndex: 'kind', render: (k: Unit['kind']) => t(`unitKind.${k}`) },
            { title: t('directory.region'), dataIndex: 'regionId', render: (id: string) => regionName(id) },
            { title: t('directory.nameEn'), dataIndex: 'nameEn' },
          ]}
        />
        <AddForm<UnitBody, Unit>
          title={t('directory.addUnit')}
          create={directoryApi.addUnit}
          saved={(u) => t('directory.saved.unit', { name: u.name })}
          onSaved={units.reload}
          toBody={(v) => ({
            name: String(v.name).trim(),
            nameEn: text(v.nameEn),
            kind: v.kind as UnitBody['kind'],
            regionId: v.regionId as string,
            parentId: (v.parentId as string | undefined) ?? null,
          })}
        >
          <Form.Item name="name" label={t('directory.name')} rules={required(t)}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label={t('directory.kind')} rules={required(t)}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="regionId" label={t('directory.region')} rules={required(t)}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(regions.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
          <Form.Item name="parentId" label={t('directory.parentUnit')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="nameEn" label={t('directory.nameEn')} extra={t('directory.nameEnHelp')}>
            <Input maxLength={300} />
          </Form.Item>
        </AddForm>
      </Card>

      <Card title={<h2 className="card-heading">{t('directory.accounts')}</h2>}>
        <Table<User>
          rowKey="id"
          size="small"
          loading={users.loading}
          dataSource={users.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: t('directory.empty') }}
          columns={[
            { title: t('directory.displayName'), dataIndex: 'displayName' },
            { title: t('directory.username'), dataIndex: 'username' },
            {
              title: t('directory.role'),
              key: 'memberships',
              render: (_: unknown, u) => (
                <>
                  {u.memberships.map((m) => (
                    <div key={`${m.unitId}/${m.role}`}>
                      {t('directory.roleAt', { role: t(`role.${m.role}`), unit: unitName(m.unitId) })}
                    </div>
                  ))}
                  {u.disabledAt && <Tag>{t('directory.disabled')}</Tag>}
                </>
              ),
            },
          ]}
        />
        <AddForm<UserBody, User>
          title={t('directory.addAccount')}
          create={directoryApi.addUser}
          saved={(u) => t('directory.saved.account', { name: u.displayName })}
          onSaved={users.reload}
          initialValues={{ language: 'zh-CN' }}
          toBody={(v) => ({
            username: String(v.username).trim(),
            displayName: String(v.displayName).trim(),
            password: String(v.password),
            role: v.role as UserBody['role'],
            unitId: v.unitId as string,
            language: v.language as UserBody['language'],
            ...(text(v.email) && { email: text(v.email)! }),
          })}
        >
          <Form.Item name="displayName" label={t('directory.displayName')} rules={required(t)}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('directory.username')}
            extra={t('directory.usernameHelp')}
            rules={required(t)}
          >
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('directory.password')}
            extra={t('directory.passwordHelp')}
            rules={[...required(t), { min: 12, message: t('directory.passwordHelp') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" label={t('directory.role')} rules={required(t)}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('directory.unit')} rules={required(t)}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="language" label={t('directory.language')}>
            <Select
              options={[
                { value: 'zh-CN', label: t('lang.zh-CN') },
                { value: 'en-US', label: t('lang.en-US') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('directory.email')}
            rules={[{ type: 'email', message: t('directory.email') }]}
          >
            <Input maxLength={254} autoComplete="off" />
          </Form.Item>
        </AddForm>
      </Card>
    </Space>
  );
}

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;
const required = (t: Translate) => [{ required: true, whitespace: true, message: t('directory.fieldRequired') }];
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** A region's name indented by its depth in the tree (the path holds one code per level). */
function indent(path: string, name: string): ReactNode {
  const depth = path.split('/').filter(Boolean).length - 1;
  return <span style={{ paddingInlineStart: depth * 16 }}>{name}</span>;
}

/**
 * A form that adds one record: opened with its button, sent once (one idempotency key per
 * opening, so a double tap or a retry after a lost answer adds it once), said when done.
 */
function AddForm<B, R>(props: {
  title: string;
  /** Sends the new record under the form's Idempotency-Key. */
  create: (body: B, key: string) => Promise<R>;
  toBody: (values: Record<string, unknown>) => B;
  /** What the success message says of the record the API answered with. */
  saved: (record: R) => string;
  onSaved: () => void;
  initialValues?: Record<string, unknown>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [key, setKey] = useState(newId);

  const submit = async () => {
    setError(undefined);
    try {
      const values = (await form.validateFields()) as Record<string, unknown>;
      setBusy(true);
      const record = await props.create(props.toBody(values), key);
      void message.success(props.saved(record));
      form.resetFields();
      setKey(newId());
      setOpen(false);
      props.onSaved();
    } catch (e) {
      if (!(e && typeof e === 'object' && 'errorFields' in e)) setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <Button style={{ marginTop: 16 }} onClick={() => setOpen(true)}>
        {props.title}
      </Button>
    );
  return (
    <section aria-label={props.title} style={{ marginTop: 16, maxWidth: 560 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {props.title}
      </Typography.Title>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={props.initialValues}
        onFinish={() => void submit()}
      >
        {props.children}
        {error && <Alert type="error" title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('directory.add')}
          </Button>
          <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </section>
  );
}
