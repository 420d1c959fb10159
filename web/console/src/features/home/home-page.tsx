import { Card, List, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';
import { useCampaigns } from '../../shared/campaign.ts';

/** The signed-in user, their units and roles, and the campaign the console works on. */
export function HomePage() {
  const { t, formatDate, locale } = useI18n();
  const { session, memberships } = useSession();
  const { campaign } = useCampaigns();
  return (
    <>
      <Typography.Title level={1} className="screen-title">
        {t('home.welcome', { name: session?.user.displayName ?? '' })}
      </Typography.Title>
      <Card title={<h2 className="card-title">{t('home.campaign')}</h2>} size="small" style={{ marginBottom: 16 }}>
        {campaign ? (
          <>
            <Typography.Paragraph strong>
              {locale === 'en-US' && campaign.titleEn ? campaign.titleEn : campaign.title}
            </Typography.Paragraph>
            <Typography.Paragraph>{campaign.theme}</Typography.Paragraph>
            <Typography.Paragraph>{t('home.openDay', { date: formatDate(campaign.openDay) })}</Typography.Paragraph>
          </>
        ) : (
          <Typography.Text type="secondary">{t('home.noCampaign')}</Typography.Text>
        )}
      </Card>
      <Card title={<h2 className="card-title">{t('home.units')}</h2>} size="small">
        <List
          dataSource={memberships}
          renderItem={(m) => (
            <List.Item>
              <List.Item.Meta
                title={(locale === 'en-US' && m.unit?.nameEn) || m.unit?.name || m.unitId}
                description={t(`role.${m.role}`)}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
