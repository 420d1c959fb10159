import { Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';
import { useCampaigns } from '../../shared/campaign.ts';
import { DisclosuresPanel } from './disclosures-panel.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { PublicityPanel } from './publicity-panel.tsx';
import { RecordsPanel } from './records-panel.tsx';
import { StaffPanel } from './staff-panel.tsx';
import { ImportsPanel } from '../../shared/imports/imports-panel.tsx';
import { SummaryPanel } from '../../shared/summaries/summary-panel.tsx';

const TABS = ['plan', 'publicity', 'disclosures', 'staff', 'records', 'imports', 'summary'] as const;
type Tab = (typeof TABS)[number];

/** The tab named in the address (#records), so a tab can be linked to and survives a reload. */
function tabOfHash(): Tab {
  const hash = window.location.hash.slice(1);
  return (TABS as readonly string[]).includes(hash) ? (hash as Tab) : 'plan';
}

/**
 * The unit admin's screen: the unit's plan, publicity and photos, disclosures, staff, records, imports of
 * filled-in forms, and summary.
 */
export function UnitAdminPage() {
  const { t, locale } = useI18n();
  const { memberships } = useSession();
  const { campaign } = useCampaigns();
  const adminOf = memberships.filter((m) => m.role === 'unit_admin');
  const [unitId, setUnitId] = useState(adminOf[0]?.unitId);
  const [tab, setTab] = useState<Tab>(tabOfHash);
  useEffect(() => {
    const update = () => setTab(tabOfHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  const choose = (next: Tab) => {
    window.history.replaceState(null, '', `#${next}`);
    setTab(next);
  };

  const title = (
    <Typography.Title level={1} className="screen-title">
      {t('unitAdmin.title')}
    </Typography.Title>
  );
  if (!unitId) {
    return (
      <>
        {title}
        <Typography.Paragraph>{t('unitAdmin.noUnit')}</Typography.Paragraph>
      </>
    );
  }
  if (!campaign) {
    return (
      <>
        {title}
        <Typography.Paragraph>{t('unitAdmin.noCampaign')}</Typography.Paragraph>
      </>
    );
  }
  const unitName = (id: string) => {
    const unit = adminOf.find((m) => m.unitId === id)?.unit;
    return (locale === 'en-US' && unit?.nameEn) || unit?.name || id;
  };
  const context = { campaignId: campaign.id, unitId };
  const panels: Record<Tab, ReactNode> = {
    plan: <PlanEditor {...context} />,
    publicity: <PublicityPanel {...context} />,
    disclosures: <DisclosuresPanel {...context} />,
    staff: <StaffPanel unitId={unitId} />,
    records: <RecordsPanel {...context} />,
    imports: <ImportsPanel {...context} />,
    summary: <SummaryPanel {...context} />,
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {title}
      <Space wrap>
        <Typography.Text>
          {t('unitAdmin.campaign', { title: (locale === 'en-US' && campaign.titleEn) || campaign.title })}
        </Typography.Text>
        {adminOf.length > 1 ? (
          <Select
            aria-label={t('unitAdmin.unit')}
            value={unitId}
            onChange={setUnitId}
            options={adminOf.map((m) => ({ value: m.unitId, label: unitName(m.unitId) }))}
          />
        ) : (
          <Typography.Text strong>{unitName(unitId)}</Typography.Text>
        )}
      </Space>
      <Tabs
        className="wrapping-tabs"
        activeKey={tab}
        onChange={(key) => choose(key as Tab)}
        destroyOnHidden
        items={TABS.map((key) => ({ key, label: t(`unitAdmin.tab.${key}`), children: panels[key] }))}
      />
    </Space>
  );
}
