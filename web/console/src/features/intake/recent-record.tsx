import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm } from 'antd';
import { useState } from 'react';
import { ApiError, newId } from '../../api/client.ts';
import { describeError } from '../../api/error-text.ts';

import { useApiQuery } from '../../api/query.ts';
import { intakeApi } from './api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { outbox, type SentItem } from './outbox.ts';

/** The day of a moment on China's clock, as the server counts "today" for corrections. */
const chinaDay = (at: string | Date) => new Date(at).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

/** Why the server would not let the desk change the record, in the desk's words. */
const REFUSAL: Record<string, MessageKey> = {
  createdBy: 'intake.refused.createdBy',
  createdAt: 'intake.refused.createdAt',
  caseReference: 'intake.refused.caseMovedOn',
};

function useRefusalText() {
  const { t } = useI18n();
  return (error: unknown) => {
    const field = error instanceof ApiError ? error.details.find((d) => REFUSAL[d.field])?.field : undefined;
    return field ? t(REFUSAL[field]!) : describeError(error, t);
  };
}

/** May this sent record still be corrected or withdrawn from the desk: recorded here today. */
export function isCorrectable(item: SentItem): boolean {
  return item.kind === 'consultation' && Boolean(item.consultationId) && chinaDay(item.sentAt) === chinaDay(new Date());
}

/** Correct or withdraw a record this desk sent today (the server checks it is the staff's own). */
export function RecentRecordActions({ item }: { item: SentItem }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const [editing, setEditing] = useState(false);
  const withdraw = async () => {
    try {
      await intakeApi.withdraw(item.consultationId!);
      await outbox().forget(item.key);
      void message.success(t('intake.withdrawn'));
    } catch (error) {
      void message.error(refusal(error));
    }
  };
  return (
    <Flex gap="small">
      <Button size="small" onClick={() => setEditing(true)}>
        {t('intake.edit')}
        <span className="visually-hidden">{item.label}</span>
      </Button>
      <Popconfirm
        title={t('intake.withdrawConfirm')}
        okText={t('intake.withdraw')}
        cancelText={t('common.cancel')}
        onConfirm={() => withdraw()}
      >
        <Button size="small" danger>
          {t('intake.withdraw')}
          <span className="visually-hidden">{item.label}</span>
        </Button>
      </Popconfirm>
      {editing && <CorrectRecordDialog item={item} onClose={() => setEditing(false)} />}
    </Flex>
  );
}

function CorrectRecordDialog({ item, onClose }: { item: SentItem; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const [form] = Form.useForm<{ question: string; answer: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newId);
  const record = useApiQuery(['consultation', item.consultationId], (signal) =>
    intakeApi.consultation(item.consultationId!, signal),
  );
  const save = async () => {
    let values: { question: string; answer: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const question = values.question.trim();
      await intakeApi.correct(item.consultationId!, { question, answer: values.answer?.trim() || null }, key);
      await outbox().relabel(item.key, question);
      void message.success(t('intake.corrected'));
      onClose();
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('intake.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: busy || !record.data }}
      onOk={() => void save()}
      onCancel={onClose}
    >
      {record.error !== undefined && <Alert type="error" title={refusal(record.error)} />}
      {record.data && (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ question: record.data.question ?? '', answer: record.data.answer ?? '' }}
        >
          <Form.Item
            name="question"
            label={t('intake.question')}
            rules={[{ required: true, whitespace: true, message: t('intake.questionRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
          </Form.Item>
          <Form.Item name="answer" label={t('intake.answer')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={8000} />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
