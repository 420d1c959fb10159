import { Button, Card, Checkbox, Flex, Form, Input, Popconfirm, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { newId } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../shared/session.tsx';
import { unitAdminApi, uploadPhoto } from './api.ts';
import { ErrorNote, FileField, useWrite } from '../../shared/ui.tsx';
import { PHOTO_KINDS } from '../../shared/choices.ts';
import type { Photo } from './types.ts';

interface Props {
  campaignId: string;
  unitId: string;
}

interface Values {
  kind: Photo['kind'];
  caption?: string;
}

/** Photos of the day: uploaded from the phone's camera roll, stored resized and without location data. */
export function PhotosCard({ campaignId, unitId }: Props) {
  const { t, formatNumber } = useI18n();
  const { session } = useSession();
  const [form] = Form.useForm<Values>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const { run, error, busy } = useWrite();
  const [key, setKey] = useState(newId);
  const photos = useApiQuery(['unitAdminApi.photos', campaignId, unitId], (signal) =>
    unitAdminApi.photos(campaignId, unitId, signal),
  );
  const upload = async (values: Values) => {
    if (!file) return;
    const done = await run(
      () =>
        uploadPhoto({
          campaignId,
          unitId,
          kind: values.kind,
          caption: values.caption?.trim() || undefined,
          file,
          csrfToken: session?.csrfToken ?? '',
          idempotencyKey: key,
        }),
      t('photos.uploaded'),
    );
    if (done) {
      form.resetFields();
      setFile(undefined);
      if (fileInput.current) fileInput.current.value = '';
      setKey(newId());
      photos.reload();
    }
  };
  // The photos chosen here appear, with their captions, after section 六 of the unit's summary.
  const choose = (id: string, inSummary: boolean) =>
    void run(
      () => unitAdminApi.updatePhoto(id, { inSummary }),
      t(inSummary ? 'photos.chosen' : 'photos.unchosen'),
    ).then((ok) => ok && photos.reload());
  const remove = (id: string) =>
    void run(() => unitAdminApi.removePhoto(id), t('unitAdmin.deleted')).then((ok) => ok && photos.reload());
  const items = photos.data?.items ?? [];
  return (
    <Card size="small" title={<h2 className="card-title">{t('photos.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('photos.hint')}</Typography.Paragraph>
      <ErrorNote error={photos.error} />
      {items.length === 0 && !photos.loading && <Typography.Paragraph>{t('photos.none')}</Typography.Paragraph>}
      <Flex wrap gap="middle" className="unit-photos">
        {items.map((photo) => (
          <figure key={photo.id} style={{ margin: 0, width: 200 }}>
            <img
              src={photo.imageUrl}
              alt={t('photos.alt', { kind: t(`photoKind.${photo.kind}`), caption: photo.caption ?? '' })}
              width={200}
              height={Math.round((200 * photo.height) / photo.width)}
              loading="lazy"
              style={{ objectFit: 'cover', display: 'block', maxWidth: '100%', height: 'auto' }}
            />
            <figcaption>
              <Typography.Text strong>{t(`photoKind.${photo.kind}`)}</Typography.Text>
              {photo.caption && <Typography.Paragraph style={{ margin: 0 }}>{photo.caption}</Typography.Paragraph>}
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('photos.size', {
                  width: photo.width,
                  height: photo.height,
                  kb: formatNumber(Math.round(photo.bytes / 1024)),
                })}
              </Typography.Paragraph>
              <Checkbox
                checked={photo.inSummary}
                disabled={busy}
                onChange={(event) => choose(photo.id, event.target.checked)}
              >
                {t('photos.inSummary')}
              </Checkbox>
              <br />
              <Popconfirm title={t('unitAdmin.deleteConfirm')} onConfirm={() => remove(photo.id)}>
                <Button size="small">{t('unitAdmin.delete')}</Button>
              </Popconfirm>
            </figcaption>
          </figure>
        ))}
      </Flex>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={upload}
        name="upload-photo"
        initialValues={{ kind: 'banner' }}
        style={{ marginTop: 12 }}
      >
        <Space wrap align="start">
          <FileField
            id="unit-photo-file"
            label={t('photos.file')}
            inputRef={fileInput}
            accept="image/jpeg,image/png,image/webp"
            onChange={setFile}
          />
          <Form.Item name="kind" label={t('photos.kind')}>
            <Select
              style={{ minWidth: 140 }}
              options={PHOTO_KINDS.map((k) => ({ value: k, label: t(`photoKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="caption" label={t('photos.caption')}>
            <Input maxLength={500} />
          </Form.Item>
        </Space>
        <ErrorNote error={error} />
        <Button htmlType="submit" type="primary" loading={busy} disabled={!file}>
          {busy ? t('photos.uploading') : t('photos.upload')}
        </Button>
      </Form>
    </Card>
  );
}
