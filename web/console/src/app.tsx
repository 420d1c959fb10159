import { Alert, App as AntApp, Button, ConfigProvider, Flex, Layout, Menu, Select, Typography } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useApiQuery } from './api/query.ts';
import { setupApi } from './features/setup/api.ts';
import { SetupPage } from './features/setup/setup-page.tsx';
import { useSession } from './shared/session.tsx';
import { LoginPage } from './features/auth/login-page.tsx';
import { AccountPage } from './features/account/account-page.tsx';
import { CasesPage } from './features/cases/cases-page.tsx';
import { HomePage } from './features/home/home-page.tsx';
import { UnitAdminPage } from './features/unit-admin/unit-admin-page.tsx';
import { IntakePage } from './features/intake/intake-page.tsx';
import { OrganizerScreen } from './features/organizer/organizer-screen.tsx';
import { outbox } from './features/intake/outbox.ts';
import { LOCALES, useI18n, type Locale } from './i18n/index.tsx';
import { followLink, hrefOf, navigate, useScreen, type Screen } from './router.tsx';

// ECharts is loaded only when the dashboard is opened: the desk phone never downloads it.
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page.tsx'));
const DirectoryPage = lazy(() => import('./features/directory/directory-page.tsx'));

export function App() {
  const { locale, setLocale, t } = useI18n();
  const session = useSession();
  const screen = useScreen();
  // A first run without the demo: no account exists, so the set-up screen comes before the sign-in.
  const setup = useApiQuery(['setupApi.state'], setupApi.state, {
    enabled: session.status === 'signedOut',
  });
  const [setUpAs, setSetUpAs] = useState<string>();

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  useEffect(() => {
    if (session.status === 'signedOut' && screen !== 'login') navigate('login', true);
    if (session.status === 'signedIn' && screen === 'login') navigate('home', true);
  }, [session.status, screen]);

  const roles = session.roles;
  const screens: Screen[] = ['home'];
  if (roles.has('desk_staff') || roles.has('unit_admin')) screens.push('intake');
  if (roles.size > 0) screens.push('cases', 'dashboard');
  if (roles.has('unit_admin')) screens.push('unit');
  if (roles.has('organizer')) screens.push('campaigns', 'directory');
  screens.push('account');

  const content =
    session.status === 'loading' ? (
      <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>
    ) : (screen === 'login' || session.status === 'signedOut') && setup.loading && !setup.data ? (
      <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>
    ) : (screen === 'login' || session.status === 'signedOut') && setup.data?.needed && !setUpAs ? (
      <SetupPage onDone={setSetUpAs} />
    ) : screen === 'login' || session.status === 'signedOut' ? (
      <>
        {setUpAs && (
          <Alert type="success" role="status" title={t('setup.done', { username: setUpAs })} className="login-card" />
        )}
        <LoginPage
          onSignedIn={() => {
            outbox().resumeAfterSignIn();
            navigate('home', true);
          }}
        />
      </>
    ) : screen === 'intake' ? (
      <IntakePage />
    ) : screen === 'campaigns' ? (
      <OrganizerScreen />
    ) : screen === 'unit' ? (
      <UnitAdminPage />
    ) : screen === 'directory' ? (
      <Suspense fallback={<Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>}>
        <DirectoryPage />
      </Suspense>
    ) : screen === 'account' ? (
      <AccountPage />
    ) : screen === 'cases' ? (
      <CasesPage />
    ) : screen === 'dashboard' ? (
      <Suspense fallback={<Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>}>
        <DashboardPage />
      </Suspense>
    ) : (
      <HomePage />
    );

  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCNAntd : enUSAntd}
      theme={{
        token: {
          fontSize: 16,
          colorPrimary: '#0958d9',
          // Hovered and pressed primary buttons darken instead of lightening, so their white text
          // keeps a 4.5:1 contrast (WCAG 1.4.3) in every state a test or a person meets them in.
          colorPrimaryHover: '#003eb3',
          colorPrimaryActive: '#002c8c',
          // Links in tables and texts (a report's title) as dark as the primary colour: 4.5:1 on white.
          colorLink: '#0958d9',
          // Danger buttons (撤回, 删除) and error text at 4.5:1 on white, darkening when hovered or pressed.
          colorError: '#cf1322',
          colorErrorHover: '#a8071a',
          colorErrorActive: '#820014',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
        },
      }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <Layout className="shell">
          <Layout.Header className="shell-header">
            <Flex align="center" gap="middle" wrap className="shell-bar">
              <a className="brand" href={hrefOf('home')} onClick={(e) => followLink(e, 'home')}>
                {t('app.title')}
              </a>
              {session.status === 'signedIn' && (
                <nav aria-label={t('app.title')} className="shell-nav">
                  <Menu
                    mode="horizontal"
                    theme="dark"
                    selectedKeys={[screen]}
                    disabledOverflow
                    items={screens.map((s) => ({
                      key: s,
                      label: (
                        <a href={hrefOf(s)} onClick={(e) => followLink(e, s)}>
                          {t(`nav.${s}` as 'nav.home')}
                        </a>
                      ),
                    }))}
                  />
                </nav>
              )}
              <Flex gap="small" align="center" className="shell-tools">
                <Select<Locale>
                  aria-label={t('nav.language')}
                  size="small"
                  value={locale}
                  onChange={setLocale}
                  options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
                />
                {session.status === 'signedIn' && (
                  <Button size="small" onClick={() => void session.signOut()}>
                    {t('nav.logout')}
                  </Button>
                )}
              </Flex>
            </Flex>
          </Layout.Header>
          <Layout.Content id="main" tabIndex={-1} className="shell-main">
            {content}
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
