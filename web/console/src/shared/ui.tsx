import { Alert, App, Button, Form, Modal, Popconfirm, Space } from 'antd';
import { useCallback, useState, type ReactNode, type RefObject } from 'react';
import { describeError } from '../api/error-text.ts';
import { useI18n } from '../i18n/index.tsx';

/** A text field's value as the API takes it: trimmed, or null when empty. */
export const orNull = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);

/** A form rule: the field must hold more than spaces. */
export const requiredRule = (message: string) => [{ required: true, whitespace: true, message }];

/** A failed request as a person reads it, in their language: what went wrong, what to do, the fields at fault. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === undefined) return null;
  return <Alert type="error" role="alert" showIcon title={describeError(error, t)} />;
}

/** Runs a write, tells "saved" or keeps the error to show; `busy` while it runs. */
export function useWrite() {
  const { message } = App.useApp();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (write: () => Promise<unknown>, done?: string): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        await write();
        void message.success(done ?? t('unitAdmin.saved'));
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message, t],
  );
  return { run, error, busy };
}

/** A moment as a date and time on the open day's clock (China), in the reader's language. */
export function useFormatDateTime(): (instant: string) => string {
  return useI18n().formatDateTime;
}

/** A dialog changing one thing: its fields, saved by `send`; "saved" is said, or the error shown in it. */
export function EditDialog<V extends object>(props: {
  title: string;
  okText: string;
  name: string;
  initialValues: V;
  children: ReactNode;
  send: (values: V) => Promise<unknown>;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const { run, error, busy } = useWrite();
  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (values && (await run(() => props.send(values)))) props.onClose(true);
  };
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={() => props.onClose(false)}
    >
      <Form<V> form={form} layout="vertical" name={props.name} initialValues={props.initialValues}>
        {props.children}
      </Form>
      <ErrorNote error={error} />
    </Modal>
  );
}

/**
 * The edit and delete buttons of one thing in a list, each named with the thing for a screen
 * reader ("修改 第一咨询点"); delete asks first.
 */
export function RowActions({
  name,
  onEdit,
  onDelete,
  deleteConfirm,
}: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
  /** What deleting takes with it, when more than the thing itself. */
  deleteConfirm?: string;
}) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Button size="small" onClick={onEdit} aria-label={`${t('unitAdmin.edit')} ${name}`}>
        {t('unitAdmin.edit')}
      </Button>
      <Popconfirm title={deleteConfirm ?? t('unitAdmin.deleteConfirm')} onConfirm={onDelete}>
        <Button size="small" aria-label={`${t('unitAdmin.delete')} ${name}`}>
          {t('unitAdmin.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** What an edit dialog's onClose does: the dialog goes away, and a change reloads what it changed. */
export const closedThen =
  (close: (nothing: undefined) => void, reload: () => void) =>
  (changed: boolean): void => {
    close(undefined);
    if (changed) reload();
  };

/** A name with its English name after it, where one was entered. */
export function NameWithEnglish({ name, nameEn }: { name: string; nameEn: string | null }) {
  return (
    <>
      {name}
      {nameEn && <span lang="en"> · {nameEn}</span>}
    </>
  );
}

/** A form's required file field: the device's own picker (a phone offers its camera roll and files). */
export function FileField(props: {
  id: string;
  label: string;
  accept: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange: (file: File | undefined) => void;
}) {
  return (
    <Form.Item label={props.label} htmlFor={props.id} required>
      <input
        id={props.id}
        ref={props.inputRef}
        type="file"
        accept={props.accept}
        onChange={(event) => props.onChange(event.target.files?.[0])}
      />
    </Form.Item>
  );
}
