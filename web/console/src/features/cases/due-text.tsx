import { Space, Tag } from 'antd';
import type { Case } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';

/** A case's due date with what a reader needs at a glance: working days left or late, extended, unconfirmed. */
export function DueText({ item }: { item: Case }) {
  const { t, formatDate } = useI18n();
  const left = item.workingDaysLeft;
  return (
    <Space size={4} wrap>
      <span>{formatDate(item.dueOn)}</span>
      {left !== null && left > 0 && !item.overdue && (
        <Tag color={left <= 2 ? 'orange' : 'default'}>{t('cases.daysLeft', { n: left })}</Tag>
      )}
      {left === 0 && !item.overdue && <Tag color="orange">{t('cases.dueToday')}</Tag>}
      {item.overdue && <Tag color="red">{t('cases.lateBy', { n: Math.max(1, -(left ?? 0)) })}</Tag>}
      {item.extensionDays !== null && <Tag color="blue">{t('cases.extended')}</Tag>}
      {item.dueUnconfirmed && <Tag color="gold">{t('cases.unconfirmed')}</Tag>}
    </Space>
  );
}
