import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';
import { unitAdminApi } from './api.ts';
import { ErrorNote, useWrite } from '../../shared/ui.tsx';
import { STAFF_ROLES } from '../../shared/choices.ts';
import type { User, UserBody } from './types.ts';

interface Values {
  username: string;
  displayName: string;
  password: string;
  role: (typeof STAFF_ROLES)[number];
}

/**
 * A new password for a staff member, set by the unit admin: their sessions end, and they sign in
 * again with it.
 */
function ResetPasswordDialog({ user, onClose }: { user: User | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const { run, error, busy } = useWrite();
  const name = user?.displayName ?? '';
  const reset = async ({ password }: { password: string }) => {
    if (!user) return;
    if (await run(() => unitAdminApi.resetPassword(user.id, password), t('staff.resetDone', { name }))) {
      form.resetFields();
      onClose();
    }
  };
  return (
    <Modal
      open={user !== undefined}
      title={t('staff.resetTitle', { name })}
      okText={t('staff.resetPassword')}
      cancelText={t('account.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="reset-password" onFinish={reset} autoComplete="off">
        <Form.Item
          name="password"
          label={t('staff.newPassword')}
          rules={[{ required: true, min: 12, message: t('unitAdmin.required') }]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <ErrorNote error={error} />
      </Form>
    </Modal>
  );
}

/** The unit's staff accounts: desk staff and responders the unit admin signs up, disables and enables. */
export function StaffPanel({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, error, busy } = useWrite();
  const account = useWrite();
  const session = useSession();
  const [resetting, setResetting] = useState<User>();
  const setDisabled = async (user: User, disabled: boolean) => {
    const name = user.displayName;
    const done = await account.run(
      () => (disabled ? unitAdminApi.disableUser(user.id) : unitAdminApi.enableUser(user.id)),
      t(disabled ? 'staff.disabledDone' : 'staff.enabledDone', { name }),
    );
    if (done) users.reload();
  };
  const [key, setKey] = useState(newId);
  const users = useApiQuery(['unitAdminApi.users', unitId], (signal) => unitAdminApi.users(unitId, signal));
  const add = async (values: Values) => {
    const body: UserBody = {
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      role: values.role,
      unitId,
    };
    if (await run(() => unitAdminApi.addUser(body, key))) {
      form.resetFields();
      setKey(newId());
      users.reload();
    }
  };
  return (
    <Card size="small" title={<h2 className="card-title">{t('staff.title')}</h2>}>
      <ErrorNote error={users.error} />
      <Table<User>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        locale={{ emptyText: t('unitAdmin.empty') }}
        columns={[
          { title: t('staff.username'), dataIndex: 'username' },
          { title: t('staff.displayName'), dataIndex: 'displayName' },
          {
            title: t('staff.roles'),
            key: 'roles',
            render: (_: unknown, user) =>
              user.memberships
                .filter((m) => m.unitId === unitId)
                .map((m) => <Tag key={m.role}>{t(`role.${m.role}`)}</Tag>),
          },
          {
            title: t('staff.status'),
            key: 'status',
            render: (_: unknown, user) =>
              user.disabledAt ? <Tag>{t('staff.disabled')}</Tag> : <Tag>{t('staff.active')}</Tag>,
          },
          {
            title: t('staff.actions'),
            key: 'actions',
            render: (_: unknown, user) =>
              user.id === session.session?.user.id ? null : (
                <Space size="small" wrap>
                  {user.disabledAt ? (
                    <Button size="small" onClick={() => void setDisabled(user, false)}>
                      {t('staff.enable')} <span className="visually-hidden">{user.displayName}</span>
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('staff.disableConfirm', { name: user.displayName })}
                      okText={t('account.confirm')}
                      cancelText={t('account.cancel')}
                      onConfirm={() => setDisabled(user, true)}
                    >
                      <Button size="small">
                        {t('staff.disable')} <span className="visually-hidden">{user.displayName}</span>
                      </Button>
                    </Popconfirm>
                  )}
                  <Button size="small" onClick={() => setResetting(user)}>
                    {t('staff.resetPassword')} <span className="visually-hidden">{user.displayName}</span>
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <ErrorNote error={account.error} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(undefined)} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={add}
        name="add-user"
        initialValues={{ role: 'desk_staff' }}
        style={{ marginTop: 12 }}
        autoComplete="off"
      >
        <Space wrap align="start">
          <Form.Item
            name="username"
            label={t('staff.username')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, message: t('unitAdmin.required') }]}
          >
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('staff.displayName')}
            rules={[{ required: true, whitespace: true, message: t('unitAdmin.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('staff.password')}
            rules={[{ required: true, min: 12, message: t('unitAdmin.required') }]}
          >
            <Input.Password maxLength={128} autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" label={t('staff.role')}>
            <Select style={{ minWidth: 160 }} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
        </Space>
        <ErrorNote error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('staff.add')}
        </Button>
      </Form>
    </Card>
  );
}
