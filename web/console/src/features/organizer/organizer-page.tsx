import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { CampaignForm } from './campaign-form.tsx';
import { CampaignList } from './campaign-list.tsx';
import { ProgressPage } from './progress-page.tsx';
import { SummaryReview } from '../../shared/summaries/summary-review.tsx';
import { useView } from '../../shared/organizer-views.ts';

// Links, help texts and secondary text dark enough for 4.5:1 contrast on white (WCAG 1.4.3).
const THEME = {
  token: {
    colorLink: '#0958d9',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
  },
};

export default function OrganizerPage() {
  const view = useView();
  let screen: ReactNode;
  switch (view.kind) {
    case 'list':
      screen = <CampaignList />;
      break;
    case 'new':
      screen = <CampaignForm key="new" />;
      break;
    case 'edit':
      screen = <CampaignForm key={view.id} id={view.id} />;
      break;
    case 'progress':
      screen = <ProgressPage key={view.id} id={view.id} />;
      break;
    case 'summary':
      screen = <SummaryReview key={`${view.id}/${view.unitId}`} campaignId={view.id} unitId={view.unitId} />;
      break;
  }
  return <ConfigProvider theme={THEME}>{screen}</ConfigProvider>;
}
