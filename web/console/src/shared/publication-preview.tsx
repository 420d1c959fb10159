import { Button, Checkbox, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import type { PublicationPreview } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { WarnTag } from '../features/cases/due-text.tsx';

/**
 * The texts to publish in the public Q&A as the server's preview gave them, personal data masked,
 * with what was masked, to check, edit and confirm: fields publicQuestion, publicAnswer and
 * confirmed of the form around it. A replied case and an answer given on the spot use the same.
 */
export function PublicationPreviewFields({ preview }: { preview: PublicationPreview }) {
  const { t } = useI18n();
  const required = [{ required: true, whitespace: true, message: t('cases.fieldRequired') }];
  return (
    <section aria-label={t('publish.preview')}>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('publish.preview')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('publish.previewHint')}</Typography.Paragraph>
      <Space size={4} wrap style={{ marginBottom: 12 }}>
        {preview.found.length === 0 ? (
          <Tag>{t('publish.none')}</Tag>
        ) : (
          <>
            <span>{t('publish.found')}</span>
            {preview.found.map((f, i) => (
              <WarnTag key={i}>
                {t(`publish.kind.${f.kind}`)}：{f.text}
              </WarnTag>
            ))}
          </>
        )}
      </Space>
      <Form.Item name="publicQuestion" label={t('publish.question')} rules={required}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="publicAnswer" label={t('publish.answer')} rules={required}>
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={8000} />
      </Form.Item>
      <Form.Item
        name="confirmed"
        valuePropName="checked"
        rules={[
          {
            validator: (_, value) =>
              value ? Promise.resolve() : Promise.reject(new Error(t('publish.confirmRequired'))),
          },
        ]}
      >
        <Checkbox>{t('publish.confirm')}</Checkbox>
      </Form.Item>
    </section>
  );
}

/** "撤销公开" for one published item, named with its question; asks first, saying what it does. */
export function UnpublishButton({ question, onConfirm }: { question: string; onConfirm: () => void }) {
  const { t } = useI18n();
  return (
    <Popconfirm title={t('records.unpublish')} description={t('publish.unpublishHint')} onConfirm={onConfirm}>
      <Button size="small" aria-label={`${t('records.unpublish')} ${question}`}>
        {t('records.unpublish')}
      </Button>
    </Popconfirm>
  );
}
