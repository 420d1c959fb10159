import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';

/**
 * The visitor's slip: the tracking code in large characters, shown the moment the record is saved —
 * network or not, the phone made the code (ADR 26) — with the portal's tracking address, to read
 * out, copy, print or photograph.
 */
export function TrackingSlip({ code, replaced }: { code: string; replaced?: string | undefined }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const address = `${window.location.origin}/track`;
  const copy = async () => {
    await navigator.clipboard.writeText(code);
    void message.success(t('intake.slip.copied'));
  };
  return (
    <Card size="small" className="tracking-slip" data-testid="tracking-slip">
      <Typography.Text strong>{t('intake.slip.title')}</Typography.Text>
      <p className="tracking-slip-code" data-testid="tracking-code">
        {code}
      </p>
      {replaced && <Alert type="warning" title={t('intake.slip.replaced', { old: replaced })} />}
      <Typography.Paragraph>{t('intake.slip.where', { address })}</Typography.Paragraph>
      <Flex gap="small" wrap className="tracking-slip-actions">
        {window.isSecureContext && 'clipboard' in navigator && (
          <Button onClick={() => void copy()}>{t('intake.slip.copy')}</Button>
        )}
        <Button onClick={() => window.print()}>{t('intake.slip.print')}</Button>
      </Flex>
    </Card>
  );
}
