import { Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/index.tsx';

// Loaded only when an organizer opens it: the desk phone never downloads these screens.
const OrganizerPage = lazy(() => import('./organizer-page.tsx'));

/** The organizer's campaign set-up and unit progress, below /console/campaigns. */
export function OrganizerScreen() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>}>
      <OrganizerPage />
    </Suspense>
  );
}
