import { Alert, Button, Card, Descriptions, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { useFormatDateTime } from '../ui.tsx';
import { OPINION_OUTCOMES, PARTICIPANT_CATEGORIES } from '../choices.ts';
import { summaryFiles, SUMMARY_LANGUAGES, type Summary, type SummaryLanguage } from './api.ts';
import './summaries.css';

// Solid dark tags with white text: AntD's light status tags fall short of 4.5:1 contrast.
const STATUS_COLOR = {
  draft: 'default',
  submitted: '#0958d9',
  approved: '#237804',
  returned: '#ad4e00',
} as const satisfies Record<Summary['status'], string>;

/** Where the summary stands: status, version, when computed, submitted, approved; the organizer's comment. */
export function SummaryFacts({ summary }: { summary: Summary }) {
  const { t } = useI18n();
  const formatDateTime = useFormatDateTime();
  const when = (at: string | null) => (at ? formatDateTime(at) : t('common.none'));
  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        data-testid="summary-facts"
        items={[
          {
            key: 'status',
            label: t('summaries.status'),
            children: <Tag color={STATUS_COLOR[summary.status]}>{t(`summaries.status.${summary.status}`)}</Tag>,
          },
          { key: 'version', label: t('summaries.version'), children: summary.version },
          { key: 'generated', label: t('summaries.generatedAt'), children: formatDateTime(summary.generatedAt) },
          { key: 'submitted', label: t('summaries.submittedAt'), children: when(summary.submittedAt) },
          { key: 'approved', label: t('summaries.approvedAt'), children: when(summary.approvedAt) },
        ]}
      />
      {summary.untranslated.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="summary-untranslated"
          title={t('summaries.untranslated', { names: summary.untranslated.join(t('cases.listSeparator')) })}
        />
      )}
      {summary.reviewComment && (
        <Alert
          type={summary.status === 'returned' ? 'warning' : 'info'}
          showIcon
          title={t('summaries.reviewComment', { comment: summary.reviewComment })}
        />
      )}
    </Space>
  );
}

/** The figures named in the catalogs; the others (per topic, desk, material …) show their key. */
const NAMED_FIGURES = [
  'peopleReceived',
  'consultations',
  'answeredOnSpot',
  'answeredOnSpotRate',
  'handledOnSpot',
  'leaderReceptions',
  'transferred',
  'followUp',
  'suggestions',
  'complaints',
  'laterQuestions',
  'casesDue',
  'repliedOnTime',
  'repliedOnTimeRate',
  'averageReplyDays',
  'rated',
  'satisfactionRate',
  'casesOverdue',
  'casesOpenNotOverdue',
  'desks',
  'staff',
  'materialsPrinted',
  'materialsDistributed',
  'preparationMeetings',
  'symposiums',
  'campaignSatisfactionRate',
] as const;

/** A meeting's figures: meeting:<id>:participants[:<category>], meeting:<id>:opinions[:<outcome>]. */
const MEETING_FIGURE = /^meeting:[^:]+:(participants|opinions)(?::(\w+))?$/;

function useFigureName(): (key: string) => string {
  const { t } = useI18n();
  return (key) => {
    if ((NAMED_FIGURES as readonly string[]).includes(key)) {
      return t(`summaries.figure.${key as (typeof NAMED_FIGURES)[number]}`);
    }
    const meeting = MEETING_FIGURE.exec(key);
    if (!meeting) return key;
    const [, what, part] = meeting;
    if (what === 'participants') {
      const category = PARTICIPANT_CATEGORIES.find((c) => c === part);
      const name = t('summaries.figure.meetingParticipants');
      return category ? `${name}: ${t(`participantCategory.${category}`)}` : name;
    }
    const outcome = OPINION_OUTCOMES.find((o) => o === part);
    const name = t('summaries.figure.meetingOpinions');
    return outcome ? `${name}: ${t(`opinionOutcome.${outcome}`)}` : name;
  };
}

/** The figures that changed at the last generation against the one before it. */
export function FigureChanges({ summary }: { summary: Summary }) {
  const { t, formatNumber, formatPercent } = useI18n();
  const name = useFigureName();
  // Rates are stored as fractions (0.886) and read as percentages (88.6%).
  const value = (n: number | null, row: { key: string }) =>
    n === null ? t('summaries.notRecorded') : /Rate$/.test(row.key) ? formatPercent(n) : formatNumber(n);
  return (
    <Card size="small" title={<h2 className="card-title">{t('summaries.changes')}</h2>}>
      {summary.version === 1 && summary.changes.length === 0 ? (
        <Typography.Text>{t('summaries.changes.first')}</Typography.Text>
      ) : summary.changes.length === 0 ? (
        <Typography.Text>{t('summaries.changes.none')}</Typography.Text>
      ) : (
        <Table
          rowKey="key"
          size="small"
          data-testid="summary-changes"
          pagination={false}
          scroll={{ x: true }}
          dataSource={summary.changes}
          columns={[
            { title: t('summaries.changes.figure'), dataIndex: 'key', render: (key: string) => name(key) },
            { title: t('summaries.changes.before'), dataIndex: 'before', align: 'right', render: value },
            { title: t('summaries.changes.after'), dataIndex: 'after', align: 'right', render: value },
          ]}
        />
      )}
    </Card>
  );
}

/**
 * The typeset summary as the server renders it (its own page, styled by the app's stylesheet
 * under its CSP), in either language, with the page and the DOCX and PDF files to download.
 */
export function SummaryPreview({ summary }: { summary: Summary }) {
  const { t, locale } = useI18n();
  const [language, setLanguage] = useState<SummaryLanguage>(locale);
  const files = summaryFiles(summary.campaignId, summary.unitId, language);
  const languageName = t(`summaries.language.${language}`);
  return (
    <Card size="small" title={<h2 className="card-title">{t('summaries.preview')}</h2>}>
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Flex wrap gap="small" align="center">
          <Segmented<SummaryLanguage>
            aria-label={t('summaries.previewLanguage')}
            value={language}
            onChange={setLanguage}
            options={SUMMARY_LANGUAGES.map((l) => ({ value: l, label: t(`summaries.language.${l}`) }))}
          />
          <Button href={files.page} target="_blank" rel="noopener">
            {t('summaries.openPage')}
          </Button>
          <Button href={files.docx} download>
            {t('summaries.downloadDocx')}
          </Button>
          <Button href={files.pdf} download>
            {t('summaries.downloadPdf')}
          </Button>
        </Flex>
        <iframe
          key={`${language}-${summary.version}-${summary.status}`}
          className="summary-preview"
          title={t('summaries.previewFrame', { language: languageName })}
          src={files.page}
        />
      </Space>
    </Card>
  );
}
