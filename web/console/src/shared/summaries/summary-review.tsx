import { Alert, Button, Card, Flex, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { followView, hrefOfView } from '../organizer-views.ts';
import { ErrorNote, useWrite } from '../ui.tsx';
import { summaries } from './api.ts';
import { FigureChanges, SummaryFacts, SummaryPreview } from './summary-parts.tsx';

/**
 * The organizer's review of one unit's summary, opened from the progress table: where it stands,
 * what changed, the typeset page in either language, and — for a submitted summary — approve, or
 * return it with a comment saying what to change.
 */
export function SummaryReview({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t, locale } = useI18n();
  const unit = useApiQuery(['unit', unitId], (signal) => summaries.unit(unitId, signal));
  const query = useApiQuery(['summary', campaignId, unitId, locale], (signal) =>
    summaries.find(campaignId, unitId, locale, signal),
  );
  const { run, error, busy } = useWrite();
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false);
  const summary = query.data;
  const unitName = unit.data ? (locale === 'en-US' && unit.data.nameEn) || unit.data.name : '';
  const back = { kind: 'progress', id: campaignId } as const;

  const approve = () =>
    void run(async () => {
      await summaries.approve(campaignId, unitId, locale, comment);
      setComment('');
      query.reload();
    }, t('summaries.review.approved'));
  const giveBack = () => {
    if (!comment.trim()) {
      setCommentMissing(true);
      return;
    }
    void run(async () => {
      await summaries.return(campaignId, unitId, locale, comment.trim());
      setComment('');
      query.reload();
    }, t('summaries.review.returned'));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={1} className="screen-title">
          {t('summaries.review.title', { unit: unitName })}
        </Typography.Title>
        <Button href={hrefOfView(back)} onClick={(e) => followView(e, back)}>
          {t('summaries.review.back')}
        </Button>
      </Flex>
      <ErrorNote error={query.error ?? unit.error} />
      {query.loading ? (
        <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>
      ) : summary === undefined ? (
        <Alert type="info" showIcon title={t('summaries.review.notYet')} />
      ) : (
        <>
          <SummaryFacts summary={summary} />
          {summary.status === 'submitted' ? (
            <Card size="small" title={<h2 className="card-title">{t('summaries.review.comment')}</h2>}>
              <Form layout="vertical" name="review">
                <Form.Item
                  label={t('summaries.review.comment')}
                  htmlFor="review-comment"
                  extra={t('summaries.review.commentHint')}
                  validateStatus={commentMissing ? 'error' : undefined}
                  help={commentMissing ? t('summaries.review.commentRequired') : undefined}
                >
                  <Input.TextArea
                    id="review-comment"
                    value={comment}
                    maxLength={2000}
                    autoSize={{ minRows: 3, maxRows: 8 }}
                    onChange={(e) => {
                      setComment(e.target.value);
                      setCommentMissing(false);
                    }}
                  />
                </Form.Item>
                <ErrorNote error={error} />
                <Flex wrap gap="small">
                  <Button type="primary" loading={busy} onClick={approve}>
                    {t('summaries.review.approve')}
                  </Button>
                  <Button danger loading={busy} onClick={giveBack}>
                    {t('summaries.review.return')}
                  </Button>
                </Flex>
              </Form>
            </Card>
          ) : (
            <Typography.Paragraph>{t('summaries.review.onlySubmitted')}</Typography.Paragraph>
          )}
          <FigureChanges summary={summary} />
          <SummaryPreview summary={summary} />
        </>
      )}
    </Space>
  );
}
