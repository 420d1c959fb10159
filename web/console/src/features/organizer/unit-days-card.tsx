import { Button, Card, Col, Form, Input, Popconfirm, Row, Select, Table, Typography } from 'antd';
import { organizerApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, requiredRule, useWrite } from '../../shared/ui.tsx';
import type { UnitDays, UnitProgress } from './types.ts';

interface Values {
  unitId: string;
  from: string;
  to: string;
  reason: string;
}

/**
 * 另定活动日期: the units whose open day the organizer agreed on other dates than the campaign's
 * window; their summaries state the dates as agreed instead of naming them a problem.
 */
export function UnitDaysCard({
  campaignId,
  window,
  units,
}: {
  campaignId: string;
  window: { startsOn: string; endsOn: string };
  units: readonly UnitProgress[];
}) {
  const { t, locale, formatDate } = useI18n();
  const [form] = Form.useForm<Values>();
  const agreed = useApiQuery(['organizerApi.unitDays', campaignId], (signal) =>
    organizerApi.unitDays(campaignId, signal),
  );
  const { run, error, busy } = useWrite();
  const nameOf = (unitId: string) => {
    const unit = units.find((u) => u.unitId === unitId);
    return !unit ? unitId : locale === 'en-US' && unit.unitNameEn ? unit.unitNameEn : unit.unitName;
  };
  const agree = (values: Values) =>
    void run(
      () =>
        organizerApi.agreeUnitDays(campaignId, values.unitId, {
          from: values.from,
          to: values.to,
          reason: values.reason.trim(),
        }),
      t('organizer.unitDays.agreed'),
    ).then((ok) => {
      if (!ok) return;
      form.resetFields();
      agreed.reload();
    });
  const withdraw = (unitId: string) =>
    void run(() => organizerApi.withdrawUnitDays(campaignId, unitId), t('organizer.unitDays.withdrawn')).then(
      (ok) => ok && agreed.reload(),
    );
  const period = (from: string, to: string) =>
    from === to ? formatDate(from) : t('organizer.campaigns.range', { from: formatDate(from), to: formatDate(to) });

  return (
    <Card size="small" title={<h2 className="card-title">{t('organizer.unitDays.title')}</h2>} data-testid="unit-days">
      <Typography.Paragraph type="secondary">
        {t('organizer.unitDays.hint', { window: period(window.startsOn, window.endsOn) })}
      </Typography.Paragraph>
      <Table<UnitDays>
        rowKey="unitId"
        size="small"
        pagination={false}
        loading={agreed.loading}
        dataSource={agreed.data?.items ?? []}
        locale={{ emptyText: t('organizer.unitDays.none') }}
        columns={[
          { title: t('organizer.unitDays.unit'), dataIndex: 'unitId', render: (id: string) => nameOf(id) },
          {
            title: t('organizer.unitDays.dates'),
            key: 'dates',
            render: (_: unknown, row) => period(row.from, row.to),
          },
          { title: t('organizer.unitDays.reason'), dataIndex: 'reason' },
          {
            title: t('organizer.unitDays.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Popconfirm title={t('organizer.unitDays.withdrawConfirm')} onConfirm={() => withdraw(row.unitId)}>
                <Button size="small" danger aria-label={`${t('organizer.unitDays.withdraw')}: ${nameOf(row.unitId)}`}>
                  {t('organizer.unitDays.withdraw')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form<Values> form={form} layout="vertical" name="unit-days" requiredMark={false} onFinish={agree}>
        <Row gutter={12} style={{ marginTop: 12 }}>
          <Col xs={24} md={8}>
            <Form.Item
              name="unitId"
              label={t('organizer.unitDays.unit')}
              rules={requiredRule(t('organizer.unitDays.unitRequired'))}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={units.map((u) => ({ value: u.unitId, label: nameOf(u.unitId) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="from"
              label={t('organizer.unitDays.from')}
              rules={requiredRule(t('organizer.unitDays.dateRequired'))}
            >
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="to"
              label={t('organizer.unitDays.to')}
              rules={requiredRule(t('organizer.unitDays.dateRequired'))}
            >
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="reason"
              label={t('organizer.unitDays.reason')}
              rules={requiredRule(t('organizer.unitDays.reasonRequired'))}
            >
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <ErrorNote error={error} />
        <Button htmlType="submit" disabled={busy}>
          {t('organizer.unitDays.agree')}
        </Button>
      </Form>
    </Card>
  );
}
