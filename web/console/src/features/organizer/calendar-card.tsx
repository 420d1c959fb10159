import { Alert, App, Button, Card, Form, Input, Segmented, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { organizerApi } from './api.ts';
import { describeError } from '../../api/error-text.ts';
import type { CalendarYearBody, CalendarYearEdit, ScheduleDay } from '../../api/types.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';

/**
 * The holiday schedule due dates count on: which years have none yet (their due dates are
 * Monday–Friday and "unconfirmed"), and a form to enter a year's schedule, day by day or pasted as
 * text. Saving recomputes the due dates of open cases and shows which moved.
 */
export function CalendarCard() {
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const years = useApiQuery(['organizerApi.calendarYears'], organizerApi.calendarYears);
  const [form] = Form.useForm();
  const [mode, setMode] = useState<'list' | 'text'>('text');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<CalendarYearEdit>();
  const missing = years.data?.missing ?? [];
  const thisYear = new Date().getFullYear();
  const choices = [...new Set([...missing, thisYear, thisYear + 1])].sort();

  const save = async () => {
    setError(undefined);
    try {
      const values = (await form.validateFields()) as { year: number; text?: string; days?: ScheduleDay[] };
      setBusy(true);
      const body: CalendarYearBody = mode === 'text' ? { text: values.text ?? '' } : { days: values.days ?? [] };
      const edit = await organizerApi.saveCalendarYear(values.year, body);
      setResult(edit);
      void message.success(t('calendar.saved', { year: String(edit.year.year), n: edit.changes.length }));
      years.reload();
    } catch (e) {
      if (!(e && typeof e === 'object' && 'errorFields' in e)) setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('cases.fieldRequired') }];
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('calendar.title')}</h2>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {years.error !== undefined && <Alert type="error" title={describeError(years.error, t)} />}
        {years.data &&
          (missing.length > 0 ? (
            <Alert type="warning" title={t('calendar.missing', { years: missing.join('、') })} />
          ) : (
            <Alert type="success" title={t('calendar.allKnown')} />
          ))}
        {years.data && (
          <Typography.Text>
            {t('calendar.known', { years: years.data.confirmed.map((y) => y.year).join('、') })}
          </Typography.Text>
        )}
        <Form form={form} layout="vertical" initialValues={{ year: missing[0] ?? thisYear + 1, days: [] }}>
          <Form.Item name="year" label={t('calendar.year')} rules={[{ required: true }]}>
            <Select style={{ maxWidth: 160 }} options={choices.map((y) => ({ value: y, label: String(y) }))} />
          </Form.Item>
          <Segmented
            value={mode}
            onChange={(value) => setMode(value as 'list' | 'text')}
            options={[
              { label: t('calendar.asText'), value: 'text' },
              { label: t('calendar.asList'), value: 'list' },
            ]}
            style={{ marginBottom: 12 }}
          />
          {mode === 'text' ? (
            <Form.Item name="text" label={t('calendar.text')} extra={t('calendar.textHint')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 6 }} maxLength={20_000} />
            </Form.Item>
          ) : (
            <Form.List name="days">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((field) => (
                    <Space key={field.key} wrap align="end">
                      <Form.Item name={[field.name, 'day']} label={t('calendar.day')} rules={required}>
                        <Input type="date" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'kind']}
                        label={t('calendar.kind')}
                        initialValue="holiday"
                        rules={[{ required: true }]}
                      >
                        <Select
                          style={{ minWidth: 140 }}
                          options={[
                            { value: 'holiday', label: t('calendar.kind.holiday') },
                            { value: 'workday', label: t('calendar.kind.workday') },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'name']} label={t('calendar.name')} rules={required}>
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item>
                        <Button onClick={() => remove(field.name)}>{t('calendar.removeDay')}</Button>
                      </Form.Item>
                    </Space>
                  ))}
                  <Button onClick={() => add()}>{t('calendar.addDay')}</Button>
                </Space>
              )}
            </Form.List>
          )}
          <Button type="primary" loading={busy} onClick={() => void save()} style={{ marginTop: 12 }}>
            {t('calendar.save')}
          </Button>
        </Form>
        {error && <Alert type="error" title={error} />}
        {result && (
          <section aria-labelledby="calendar-changes">
            <Typography.Title level={3} id="calendar-changes" style={{ fontSize: 15 }}>
              {t('calendar.changes')}
            </Typography.Title>
            {result.changes.length === 0 ? (
              <Typography.Text>{t('calendar.noChanges')}</Typography.Text>
            ) : (
              <Table
                rowKey="caseId"
                size="small"
                dataSource={result.changes}
                pagination={false}
                columns={[
                  { title: t('cases.reference'), dataIndex: 'reference', render: (r: string) => <code>{r}</code> },
                  { title: t('calendar.dueBefore'), key: 'from', render: (_: unknown, c) => formatDate(c.from) },
                  { title: t('calendar.dueAfter'), key: 'to', render: (_: unknown, c) => formatDate(c.to) },
                ]}
              />
            )}
          </section>
        )}
      </Space>
    </Card>
  );
}
