import { Button, Card, Flex, Form, List, Popconfirm, Typography } from 'antd';
import { useRef, useState } from 'react';
import { newId, uploadFile } from '../../api/client.ts';
import { organizerApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, FileField, useWrite } from '../../shared/ui.tsx';
import type { CampaignAttachment } from './types.ts';

/** The types the server takes, read from their bytes there: this only narrows the file picker. */
const ACCEPT =
  '.pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The files that come with the notice (plan template, statistical form): public on the portal's campaign page. */
export function NoticeAttachments({ campaignId }: { campaignId: string }) {
  const { t, formatNumber } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const { run, error, busy } = useWrite();
  // One key per file chosen: a double click or a retry stores it once.
  const [key, setKey] = useState(newId);
  const attachments = useApiQuery(['organizerApi.attachments', campaignId], (signal) =>
    organizerApi.attachments(campaignId, signal),
  );
  const write = async (action: () => Promise<unknown>, done: string) => {
    const ok = await run(action, done);
    if (ok) attachments.reload();
    return ok;
  };
  const upload = async () => {
    if (!file) return;
    const ok = await write(
      () => uploadFile(`/campaigns/${campaignId}/attachments`, file, { idempotencyKey: key }),
      t('organizer.attachments.uploaded'),
    );
    if (ok) {
      setFile(undefined);
      if (fileInput.current) fileInput.current.value = '';
      setKey(newId());
    }
  };
  const remove = (attachment: CampaignAttachment) =>
    void write(() => organizerApi.removeAttachment(campaignId, attachment.id), t('organizer.attachments.removed'));
  const items = attachments.data?.items ?? [];
  return (
    <Card size="small" title={<h2 className="card-title">{t('organizer.attachments.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('organizer.attachments.hint')}</Typography.Paragraph>
      <ErrorNote error={attachments.error} />
      {items.length === 0 && !attachments.loading && (
        <Typography.Paragraph>{t('organizer.attachments.none')}</Typography.Paragraph>
      )}
      {/* Shown only with items: AntD's own empty text is too faint to read (WCAG contrast). */}
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          data-testid="notice-attachments"
          renderItem={(attachment) => (
            <List.Item
              actions={[
                <Popconfirm
                  key="remove"
                  title={t('organizer.attachments.removeConfirm')}
                  onConfirm={() => remove(attachment)}
                >
                  <Button
                    size="small"
                    aria-label={t('organizer.attachments.removeLabel', { name: attachment.fileName })}
                  >
                    {t('organizer.attachments.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Flex wrap gap="small" align="baseline">
                <a href={attachment.downloadUrl} download>
                  {attachment.fileName}
                </a>
                <Typography.Text type="secondary">
                  {t('organizer.attachments.size', {
                    kb: formatNumber(Math.max(1, Math.round(attachment.bytes / 1024))),
                  })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <Form layout="vertical" name="notice-attachment" onFinish={() => void upload()} style={{ marginTop: 12 }}>
        <FileField
          id="notice-attachment-file"
          label={t('organizer.attachments.file')}
          inputRef={fileInput}
          accept={ACCEPT}
          onChange={setFile}
        />
        <ErrorNote error={error} />
        <Button htmlType="submit" type="primary" disabled={!file || busy} style={{ marginTop: 8 }}>
          {busy ? t('organizer.attachments.uploading') : t('organizer.attachments.upload')}
        </Button>
      </Form>
    </Card>
  );
}
