import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { newId } from '../../api/client.ts';
import { describeError } from '../../api/error-text.ts';
import type { Case, CaseAction, CaseDetail, PublicationPreview, ReturnVisitBody } from '../../api/types.ts';
import { RATING_CHOICES } from '../../shared/choices.ts';
import { casesApi, type ActionBody } from './api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { transferTarget, useTransferReceivers } from '../../shared/transfer-receivers.ts';
import { PublicationPreviewFields } from '../../shared/publication-preview.tsx';

/** Where each action posts. */
/** The button and dialog title of each action. */
export const ACTION_LABEL: Record<CaseAction, MessageKey> = {
  reply: 'cases.reply',
  transfer: 'cases.transfer',
  extend: 'cases.extend',
  close: 'cases.close',
  return_visit: 'cases.returnVisit',
  erase: 'cases.erase',
  publish: 'cases.publish',
  unpublish: 'cases.unpublish',
};

/** Today in China, the default day of a return visit. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The form's values as each action's body. */
/** The body of each action, from the dialog's fields (each checked against the API's schema of its action). */
function bodyOf(action: CaseAction, values: Record<string, unknown>): object | undefined {
  switch (action) {
    case 'reply':
      return { reply: String(values.reply) } satisfies ActionBody<'reply'>;
    case 'transfer':
      return { ...transferTarget(String(values.to)), reason: String(values.reason) } satisfies ActionBody<'transfer'>;
    case 'extend':
      return { days: Number(values.days), reason: String(values.reason) } satisfies ActionBody<'extend'>;
    case 'close':
      return (values.reason ? { reason: String(values.reason) } : {}) satisfies ActionBody<'close'>;
    case 'return_visit':
      return {
        visitedOn: String(values.visitedOn),
        reached: Boolean(values.reached),
        rating: values.reached && values.rating ? (values.rating as ReturnVisitBody['rating']) : null,
        words: values.words ? String(values.words) : null,
      } satisfies ActionBody<'return_visit'>;
    case 'erase':
      return {
        confirm: true,
        requester: String(values.requester),
        ...(values.note ? { note: String(values.note) } : {}),
      } satisfies ActionBody<'erase'>;
    case 'publish':
      return {
        publicQuestion: String(values.publicQuestion),
        publicAnswer: String(values.publicAnswer),
      } satisfies ActionBody<'publish'>;
    case 'unpublish':
      return undefined;
  }
}

/**
 * The dialog of one action on a case. Replying may publish to the Q&A at once: the preview masks
 * what looks like personal data, the responder checks and confirms, then the reply is sent and
 * the texts published. Every success is said; every refusal is shown in the reader's words.
 */
export function CaseActionDialog(props: {
  campaignId: string;
  item: Case;
  action: CaseAction;
  onClose: (done: boolean) => void;
}) {
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const { item, action, campaignId } = props;
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [alsoPublish, setAlsoPublish] = useState(false);
  const [preview, setPreview] = useState<PublicationPreview>();
  // One key per dialog and step: a double click or a retry after a lost answer does it once.
  const [keys] = useState(() => ({ action: newId(), publish: newId() }));
  const receivers = useTransferReceivers({ campaignId, fromUnitId: item.unitId, enabled: action === 'transfer' });
  const publishing = action === 'publish' || (action === 'reply' && alsoPublish);

  const makePreview = async () => {
    const reply = action === 'reply' ? String(form.getFieldValue('reply') ?? '').trim() : '';
    const body = reply ? { publicAnswer: reply } : {};
    const answer = await casesApi.publicationPreview(item.id, body);
    // In one render with the preview: the button that now says 答复 is never drawn still busy.
    setBusy(false);
    setPreview(answer);
    form.setFieldsValue({ publicQuestion: answer.publicQuestion, publicAnswer: answer.publicAnswer, confirmed: false });
  };

  const submit = async () => {
    setError(undefined);
    // The form is checked before the button shows it is busy, so a refusal on the device never
    // touches it. Busy, it is disabled rather than "loading": AntD's loading state could outlive a
    // quick busy spell, and a loading button ignores clicks and changes its accessible name.
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return;
    }
    setBusy(true);
    try {
      if (publishing && !preview) {
        await makePreview();
        return;
      }
      let after: CaseDetail | undefined;
      if (action !== 'publish')
        after = await casesApi.act(item.id, action, bodyOf(action, values) as ActionBody<typeof action>, keys.action);
      if (publishing)
        await casesApi.act(item.id, 'publish', bodyOf('publish', values) as ActionBody<'publish'>, keys.publish);
      const done = publishing && action === 'reply' ? 'publish' : action;
      void message.success(
        t(`cases.success.${done}`, { reference: item.reference, dueOn: after?.dueOn ? formatDate(after.dueOn) : '' }),
      );
      props.onClose(true);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('cases.fieldRequired') }];
  const okText = publishing && !preview ? t('publish.makePreview') : t(ACTION_LABEL[action]);
  return (
    <Modal
      open
      title={`${t(ACTION_LABEL[action])} · ${item.reference}`}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: busy }}
      onOk={() => void submit()}
      onCancel={() => props.onClose(false)}
    >
      <Typography.Paragraph>{item.question}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ visitedOn: chinaToday(), reached: true }}>
        {action === 'reply' && (
          <>
            <Form.Item name="reply" label={t('cases.replyText')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 4 }} maxLength={8000} onChange={() => setPreview(undefined)} />
            </Form.Item>
            <Form.Item>
              <Checkbox
                checked={alsoPublish}
                onChange={(e) => {
                  setAlsoPublish(e.target.checked);
                  setPreview(undefined);
                }}
              >
                {t('publish.toggle')}
              </Checkbox>
            </Form.Item>
          </>
        )}
        {action === 'transfer' && (
          <Form.Item
            name="to"
            label={t('cases.toUnit')}
            extra={receivers.hint}
            rules={[{ required: true, message: t('cases.fieldRequired') }]}
          >
            <Select showSearch optionFilterProp="label" loading={receivers.loading} options={receivers.options} />
          </Form.Item>
        )}
        {action === 'extend' && (
          <Form.Item
            name="days"
            label={t('cases.days')}
            rules={[{ required: true, message: t('cases.fieldRequired') }]}
          >
            <InputNumber min={1} max={365} />
          </Form.Item>
        )}
        {action === 'return_visit' && (
          <>
            <Form.Item name="visitedOn" label={t('cases.visitedOn')} rules={required}>
              <Input type="date" max={chinaToday()} />
            </Form.Item>
            <Form.Item name="reached" label={t('cases.reached')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="rating" label={t('cases.visitRating')}>
              <Select allowClear options={RATING_CHOICES.map((r) => ({ value: r, label: t(`rating.${r}`) }))} />
            </Form.Item>
            <Form.Item name="words" label={t('cases.visitWords')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('cases.returnVisitHint')}</Typography.Paragraph>
          </>
        )}
        {action === 'erase' && (
          <>
            <Alert type="warning" title={t('cases.eraseWarning')} />
            <Form.Item name="requester" label={t('cases.requester')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label={t('cases.requestNote')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'unpublish' && <Alert type="warning" title={t('publish.unpublishHint')} />}
        {(action === 'transfer' || action === 'extend') && (
          <Form.Item name="reason" label={t('cases.reason')} rules={required}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
        )}
        {action === 'close' && (
          <Form.Item name="reason" label={t('cases.reason')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
        )}
        {publishing && preview && <PublicationPreviewFields preview={preview} />}
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
