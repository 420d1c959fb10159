import { Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { Case } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';

// AntD's orange and gold tags fall short of 4.5:1; a darker text on the same tint does not (WCAG 1.4.3).
const WARN_STYLE = { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' };

/** A tag that asks for attention: due soon, unconfirmed, personal data masked. */
export function WarnTag({ children }: { children: ReactNode }) {
  return <Tag style={WARN_STYLE}>{children}</Tag>;
}

/** A case's due date with what a reader needs at a glance: working days left or late, extended, unconfirmed. */
export function DueText({ item }: { item: Case }) {
  const { t, formatDate } = useI18n();
  const left = item.workingDaysLeft;
  return (
    <Space size={4} wrap>
      <span>{formatDate(item.dueOn)}</span>
      {left !== null &&
        left > 0 &&
        !item.overdue &&
        (left <= 2 ? (
          <WarnTag>{t('cases.daysLeft', { n: left })}</WarnTag>
        ) : (
          <Tag>{t('cases.daysLeft', { n: left })}</Tag>
        ))}
      {left === 0 && !item.overdue && <WarnTag>{t('cases.dueToday')}</WarnTag>}
      {item.overdue && <Tag color="red">{t('cases.lateBy', { n: Math.max(1, -(left ?? 0)) })}</Tag>}
      {item.extensionDays !== null && <Tag color="blue">{t('cases.extended')}</Tag>}
      {item.dueUnconfirmed && <WarnTag>{t('cases.unconfirmed')}</WarnTag>}
    </Space>
  );
}
