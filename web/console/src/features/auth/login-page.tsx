import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, NetworkError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';

export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(values.username, values.password);
      onSignedIn();
    } catch (e) {
      setError(
        e instanceof NetworkError
          ? t('login.offline')
          : e instanceof ApiError && e.status === 401
            ? t('login.failed')
            : e instanceof Error
              ? e.message
              : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="login-card">
      <Typography.Title level={1} className="screen-title">
        {t('login.title')}
      </Typography.Title>
      <Form
        layout="vertical"
        onFinish={(values) => void submit(values as { username: string; password: string })}
        requiredMark={false}
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}
        >
          <Input autoComplete="username" size="large" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
        >
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        {error && <Alert type="error" title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
    </Card>
  );
}
