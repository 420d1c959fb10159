import { Alert, Button, Card, Flex, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, useWrite } from '../ui.tsx';
import { summaries, SUMMARY_LANGUAGES, type OwnText, type Summary, type SummaryLanguage } from './api.ts';
import { FigureChanges, SummaryFacts, SummaryPreview } from './summary-parts.tsx';

interface Props {
  campaignId: string;
  unitId: string;
}

const EDITABLE = new Set<Summary['status']>(['draft', 'returned']);

/**
 * The unit admin's summary: generate it from the records (again, when they change, seeing which
 * figures moved), write the unit's own text in each language, preview the typeset page, download
 * it, and submit it to the organizer; a returned summary shows the organizer's comment.
 */
export function SummaryPanel({ campaignId, unitId }: Props) {
  const { t, locale } = useI18n();
  const query = useApiQuery(['summary', campaignId, unitId, locale], (signal) =>
    summaries.find(campaignId, unitId, locale, signal),
  );
  const { run, error, busy } = useWrite();
  const summary = query.data;
  const editable = summary === undefined || EDITABLE.has(summary.status);

  const generate = () =>
    void run(
      async () => {
        const generated = await summaries.generate(campaignId, unitId, locale);
        query.reload();
        return generated;
      },
      t('summaries.generated', { version: (summary?.version ?? 0) + 1 }),
    );
  const submit = () =>
    void run(async () => {
      await summaries.submit(campaignId, unitId, locale);
      query.reload();
    }, t('summaries.submitted'));

  if (query.loading) return <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} className="section-title">
        {t('summaries.title')}
      </Typography.Title>
      <ErrorNote error={query.error} />
      <ErrorNote error={error} />
      {summary === undefined ? (
        <Typography.Paragraph>{t('summaries.notGenerated')}</Typography.Paragraph>
      ) : (
        <SummaryFacts summary={summary} />
      )}
      {summary?.status === 'returned' && <Alert type="warning" showIcon title={t('summaries.returnedHint')} />}
      {!editable && <Alert type="info" showIcon title={t('summaries.readOnly')} />}
      {editable && (
        <Flex wrap gap="small">
          <Button type={summary ? 'default' : 'primary'} loading={busy} onClick={generate}>
            {summary ? t('summaries.regenerate') : t('summaries.generate')}
          </Button>
          {summary && (
            <Popconfirm
              title={t('summaries.submitConfirm')}
              okText={t('summaries.submit')}
              cancelText={t('common.cancel')}
              onConfirm={submit}
              disabled={!summary.ownText['zh-CN'].nextSteps.trim()}
            >
              <Button type="primary" loading={busy} disabled={!summary.ownText['zh-CN'].nextSteps.trim()}>
                {t('summaries.submit')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
      {summary && editable && !summary.ownText['zh-CN'].nextSteps.trim() && (
        <Typography.Text>{t('summaries.nextStepsRequired')}</Typography.Text>
      )}
      {summary && <FigureChanges summary={summary} />}
      {summary && (
        <Card size="small" title={<h2 className="card-title">{t('summaries.ownText')}</h2>}>
          <Typography.Paragraph>{t('summaries.ownTextHint')}</Typography.Paragraph>
          {!summary.ownTextPerLanguage && <Typography.Paragraph>{t('summaries.ownTextShared')}</Typography.Paragraph>}
          <Flex wrap gap="middle">
            {SUMMARY_LANGUAGES.map((language) => (
              // One form per language for the life of the panel: a new version (the other language
              // saved) changes only the fields whose text changed, never what is being typed here.
              <OwnTextForm
                key={language}
                summary={summary}
                language={language}
                disabled={!editable}
                onSaved={query.reload}
              />
            ))}
          </Flex>
        </Card>
      )}
      {summary && <SummaryPreview summary={summary} />}
    </Space>
  );
}

/** Section 六 and the remarks in one language, saved as a new version of the summary. */
function OwnTextForm({
  summary,
  language,
  disabled,
  onSaved,
}: {
  summary: Summary;
  language: SummaryLanguage;
  disabled: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<OwnText>();
  const { run, error, busy } = useWrite();
  // The fields follow the record only when its text really changes: a reload of the summary (after
  // the other language's save) must not take away what is being typed here.
  const { nextSteps, remarks } = summary.ownText[language];
  useEffect(() => form.setFieldsValue({ nextSteps, remarks }), [form, nextSteps, remarks]);
  const languageName = t(`summaries.language.${language}`);
  const save = (values: OwnText) =>
    void run(
      async () => {
        await summaries.saveOwnText(
          summary.campaignId,
          summary.unitId,
          language,
          { nextSteps: values.nextSteps ?? '', remarks: values.remarks ?? '' },
          summary.ownTextPerLanguage,
        );
        onSaved();
      },
      t('summaries.ownTextSaved', { language: languageName }),
    );
  return (
    <Form<OwnText>
      form={form}
      name={`own-text-${language}`}
      layout="vertical"
      className="summary-own-text"
      initialValues={{ nextSteps, remarks }}
      disabled={disabled}
      onFinish={save}
    >
      <Form.Item name="nextSteps" label={t('summaries.nextSteps', { language: languageName })}>
        <Input.TextArea lang={language} autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20_000} />
      </Form.Item>
      <Form.Item name="remarks" label={t('summaries.remarks', { language: languageName })}>
        <Input.TextArea lang={language} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20_000} />
      </Form.Item>
      <ErrorNote error={error} />
      {!disabled && (
        <Button htmlType="submit" loading={busy}>
          {t('summaries.saveOwnText', { language: languageName })}
        </Button>
      )}
    </Form>
  );
}
