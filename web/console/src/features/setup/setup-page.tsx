import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { describeError } from '../../api/error-text.ts';
import type { SetupRequest } from '../../api/types.ts';
import { REGION_LEVELS as LEVELS } from '../../shared/choices.ts';
import { setupApi } from './api.ts';
import { useI18n } from '../../i18n/index.tsx';

/**
 * The first run without the demo: shown instead of the sign-in while no account exists. With the
 * set-up code the server printed, it makes the root region, the coordinating office and the first
 * organizer; then the organizer signs in and adds the rest under 机构与账号.
 */
export function SetupPage({ onDone }: { onDone: (username: string) => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const required = [{ required: true, whitespace: true, message: t('directory.fieldRequired') }];

  const submit = async () => {
    setError(undefined);
    try {
      const v = (await form.validateFields()) as Record<string, string | undefined>;
      setBusy(true);
      const body: SetupRequest = {
        setupCode: v.setupCode!.trim(),
        region: {
          code: v.regionCode!.trim(),
          name: v.regionName!.trim(),
          nameEn: v.regionNameEn?.trim() || null,
          level: v.level as SetupRequest['region']['level'],
        },
        office: { name: v.officeName!.trim(), nameEn: v.officeNameEn?.trim() || null },
        organizer: {
          username: v.username!.trim(),
          displayName: v.displayName!.trim(),
          password: v.password!,
          language: locale,
        },
      };
      const done = await setupApi.setUp(body);
      onDone(done.username);
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      setError(
        e instanceof ApiError && e.status === 403
          ? t('setup.wrongCode')
          : e instanceof ApiError && e.status === 409
            ? t('setup.already')
            : describeError(e, t),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="setup-card">
      <Typography.Title level={1} className="screen-title">
        {t('setup.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ level: 'province' }}
        onFinish={() => void submit()}
      >
        <Form.Item name="setupCode" label={t('setup.code')} extra={t('setup.codeHelp')} rules={required}>
          <Input autoComplete="off" size="large" autoFocus />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('setup.region')}
        </Typography.Title>
        <Form.Item name="regionName" label={t('directory.name')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('directory.code')}
          rules={[...required, { pattern: /^[0-9A-Za-z]{1,20}$/, message: t('directory.code') }]}
        >
          <Input maxLength={20} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="level" label={t('directory.level')} rules={required}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="regionNameEn" label={t('directory.nameEn')} extra={t('directory.nameEnHelp')}>
          <Input maxLength={200} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('setup.office')}
        </Typography.Title>
        <Form.Item name="officeName" label={t('directory.name')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="officeNameEn" label={t('directory.nameEn')} extra={t('directory.nameEnHelp')}>
          <Input maxLength={300} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('setup.organizer')}
        </Typography.Title>
        <Form.Item name="displayName" label={t('directory.displayName')} rules={required}>
          <Input maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item name="username" label={t('directory.username')} extra={t('directory.usernameHelp')} rules={required}>
          <Input maxLength={64} autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[...required, { min: 12, message: t('directory.passwordHelp') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('setup.submit')}
        </Button>
      </Form>
    </Card>
  );
}
