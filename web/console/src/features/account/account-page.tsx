import { Alert, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { accountApi } from './api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, useFormatDateTime, useWrite } from '../../shared/ui.tsx';
import type { ApiToken } from '../../api/types.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
}

interface TokenValues {
  name: string;
  scope: 'read' | 'write';
  expiresInDays: number;
}

/** One's own password: the other sessions end when it changes, this one goes on. */
function PasswordCard() {
  const { t } = useI18n();
  const [form] = Form.useForm<PasswordValues>();
  const { run, error, busy } = useWrite();
  const [ended, setEnded] = useState<number>();
  const change = async (values: PasswordValues) => {
    let count = 0;
    const done = await run(async () => {
      count = (await accountApi.changePassword(values)).sessionsEnded;
    });
    if (done) {
      form.resetFields();
      setEnded(count);
    }
  };
  return (
    <Card size="small" title={<h2 className="card-title">{t('account.password.title')}</h2>}>
      <Form<PasswordValues> form={form} layout="vertical" name="change-password" onFinish={change}>
        <Form.Item
          name="currentPassword"
          label={t('account.password.current')}
          rules={[{ required: true, message: t('account.required') }]}
        >
          <Input.Password maxLength={256} autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.password.new')}
          rules={[{ required: true, min: 12, message: t('account.required') }]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <ErrorNote error={error} />
        {ended !== undefined && (
          <Alert type="success" showIcon role="status" title={t('account.password.done', { count: ended })} />
        )}
        <Button htmlType="submit" type="primary" loading={busy} style={{ marginTop: 8 }}>
          {t('account.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** One's own API tokens: made with an expiry, listed without the secret, revoked at once. */
function TokensCard() {
  const { t } = useI18n();
  const formatDateTime = useFormatDateTime();
  const [form] = Form.useForm<TokenValues>();
  const { run, error, busy } = useWrite();
  const [created, setCreated] = useState<string>();
  const tokens = useApiQuery(['accountApi.tokens'], accountApi.tokens);
  const create = async (values: TokenValues) => {
    let token = '';
    const done = await run(async () => {
      token = (await accountApi.createToken({ ...values, name: values.name.trim() })).token;
    });
    if (done) {
      setCreated(token);
      form.resetFields();
      tokens.reload();
    }
  };
  const revoke = async (id: string) => {
    if (await run(() => accountApi.revokeToken(id), t('account.tokens.revoked'))) tokens.reload();
  };
  return (
    <Card size="small" title={<h2 className="card-title">{t('account.tokens.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('account.tokens.hint')}</Typography.Paragraph>
      <ErrorNote error={tokens.error} />
      <Table<ApiToken>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        loading={tokens.loading}
        dataSource={tokens.data?.items ?? []}
        locale={{ emptyText: t('account.tokens.empty') }}
        columns={[
          { title: t('account.tokens.name'), dataIndex: 'name' },
          {
            title: t('account.tokens.scope'),
            key: 'scope',
            render: (_: unknown, r) => t(`account.tokens.scope.${r.scope}`),
          },
          {
            title: t('account.tokens.state'),
            key: 'state',
            render: (_: unknown, r) => <Tag>{t(`account.tokens.state.${r.state}`)}</Tag>,
          },
          {
            title: t('account.tokens.expires'),
            key: 'expiresAt',
            render: (_: unknown, r) => (r.expiresAt ? formatDateTime(r.expiresAt) : '—'),
          },
          {
            title: t('staff.actions'),
            key: 'actions',
            render: (_: unknown, r) =>
              r.state === 'active' && (
                <Popconfirm
                  title={t('account.tokens.revokeConfirm')}
                  okText={t('account.confirm')}
                  cancelText={t('account.cancel')}
                  onConfirm={() => revoke(r.id)}
                >
                  <Button size="small" aria-label={`${t('account.tokens.revoke')} ${r.name}`}>
                    {t('account.tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Form<TokenValues>
        form={form}
        layout="vertical"
        name="create-token"
        onFinish={create}
        initialValues={{ scope: 'read', expiresInDays: 90 }}
        style={{ marginTop: 12 }}
        autoComplete="off"
      >
        <Space wrap align="start">
          <Form.Item
            name="name"
            label={t('account.tokens.name')}
            rules={[{ required: true, whitespace: true, message: t('account.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="scope" label={t('account.tokens.scope')}>
            <Select
              style={{ minWidth: 140 }}
              options={(['read', 'write'] as const satisfies readonly ApiToken['scope'][]).map((s) => ({
                value: s,
                label: t(`account.tokens.scope.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('account.tokens.days')}
            rules={[{ required: true, message: t('account.required') }]}
          >
            <InputNumber min={1} max={3650} precision={0} />
          </Form.Item>
        </Space>
        <ErrorNote error={error} />
        {created && (
          <Alert
            type="warning"
            showIcon
            role="status"
            title={t('account.tokens.created')}
            description={
              <Typography.Text code copyable className="token-once">
                {created}
              </Typography.Text>
            }
            style={{ marginBottom: 8 }}
          />
        )}
        <Button htmlType="submit" loading={busy}>
          {t('account.tokens.create')}
        </Button>
      </Form>
    </Card>
  );
}

/** The signed-in user's own account: password and API tokens. */
export function AccountPage() {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} className="screen-title">
        {t('account.title')}
      </Typography.Title>
      <PasswordCard />
      <TokensCard />
    </Space>
  );
}
