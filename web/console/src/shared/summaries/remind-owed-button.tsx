import { Button, Popconfirm } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, useWrite } from '../ui.tsx';
import { summaries } from './api.ts';

/** One click reminds the admins of every unit that still owes its summary (shown only when some do). */
export function RemindOwedButton({ campaignId, owed }: { campaignId: string; owed: number }) {
  const { t } = useI18n();
  const { run, error, busy } = useWrite();
  if (owed === 0) return null;
  const remind = () => void run(() => summaries.remindOwed(campaignId), t('summaries.reminded', { count: owed }));
  return (
    <div>
      <Popconfirm
        title={t('summaries.remindConfirm', { count: owed })}
        okText={t('summaries.remind', { count: owed })}
        cancelText={t('common.cancel')}
        onConfirm={remind}
      >
        <Button loading={busy}>{t('summaries.remind', { count: owed })}</Button>
      </Popconfirm>
      <ErrorNote error={error} />
    </div>
  );
}
