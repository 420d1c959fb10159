import { Alert, App } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { ApiError, NetworkError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';

/** A failed request as a person reads it: the fields at fault and why. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === undefined) return null;
  const message =
    error instanceof ApiError
      ? error.details.length
        ? error.details.map((d) => `${d.field}: ${d.reason}`).join('; ')
        : error.message
      : error instanceof NetworkError
        ? t('common.networkError')
        : String(error);
  return <Alert type="error" role="alert" showIcon title={t('common.error', { message })} />;
}

/** Runs a write, tells "saved" or keeps the error to show; `busy` while it runs. */
export function useWrite() {
  const { message } = App.useApp();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (write: () => Promise<unknown>, done?: string): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        await write();
        void message.success(done ?? t('unitAdmin.saved'));
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message, t],
  );
  return { run, error, busy };
}

/** A moment as a date and time on the open day's clock (China), in the reader's language. */
export function useFormatDateTime(): (instant: string) => string {
  const { locale } = useI18n();
  const format = useMemo(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }),
    [locale],
  );
  return (instant) => format.format(new Date(instant));
}
