import { Alert, Badge, Button, Card, Flex, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useOnline } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import { outbox, type OutboxState } from './outbox.ts';
import { isCorrectable, RecentRecordActions } from './recent-record.tsx';

export function useOutbox() {
  const box = outbox();
  const [state, setState] = useState<OutboxState>({ waiting: [], sent: [], syncing: false, needsSignIn: false });
  useEffect(() => box.subscribe(setState), [box]);
  return { outbox: box, state };
}

/** A record's line: when it was made, the visitor's code, and whether that code had to change. */
function RecordLine(props: { createdAt: string; code?: string | null | undefined; replaced?: string | undefined }) {
  const { t, formatTime } = useI18n();
  return (
    <>
      {formatTime(props.createdAt)}
      {props.code && <> · {t('intake.trackingCode', { code: props.code })}</>}
      {props.replaced && (
        <Typography.Text type="danger"> · {t('intake.codeReplaced', { old: props.replaced })}</Typography.Text>
      )}
    </>
  );
}

/** What this device still has to send ("waiting to sync"), and what it sent last. */
export function OutboxPanel() {
  const { t } = useI18n();
  const online = useOnline();
  const { outbox: box, state } = useOutbox();
  const waiting = state.waiting.length;
  return (
    <Card
      size="small"
      title={
        <Flex gap="small" align="center">
          <Badge status={online ? 'success' : 'default'} />
          <span>{online ? t('status.online') : t('status.offline')}</span>
        </Flex>
      }
      extra={
        <Button size="small" onClick={() => void box.sync()} loading={state.syncing} disabled={waiting === 0}>
          {state.syncing ? t('queue.syncing') : t('queue.syncNow')}
        </Button>
      }
    >
      <Typography.Paragraph role="status" data-testid="outbox-status">
        {waiting === 0 ? t('queue.empty') : t('queue.waiting', { count: waiting })}
      </Typography.Paragraph>
      {state.needsSignIn && <Alert type="warning" title={t('queue.signIn')} />}
      {waiting > 0 && (
        <List
          size="small"
          dataSource={state.waiting}
          renderItem={(item) => (
            <List.Item
              actions={
                item.rejected
                  ? [
                      <Button key="discard" size="small" danger onClick={() => void box.discard(item.key)}>
                        {t('queue.discard')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={t(`queue.item.${item.kind}`, { text: item.label })}
                description={
                  item.rejected ? (
                    <Typography.Text type="danger">{t('queue.rejected', { message: item.rejected })}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">
                      <RecordLine createdAt={item.createdAt} code={item.trackingCode} replaced={item.codeReplaced} />
                    </Typography.Text>
                  )
                }
              />
            </List.Item>
          )}
        />
      )}
      {state.sent.length > 0 && (
        <>
          <Typography.Title level={2} className="section-title">
            {t('intake.recent')}
          </Typography.Title>
          <List
            size="small"
            dataSource={state.sent.slice(0, 5)}
            renderItem={(item) => (
              <List.Item
                data-testid="recent-record"
                actions={isCorrectable(item) ? [<RecentRecordActions key="actions" item={item} />] : []}
              >
                <List.Item.Meta
                  title={t(`queue.item.${item.kind}`, { text: item.label })}
                  description={
                    <RecordLine createdAt={item.createdAt} code={item.trackingCode} replaced={item.codeReplaced} />
                  }
                />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
