import { Button, Card, List, Typography } from 'antd';
import { newId } from '../../api/client.ts';
import type { CampaignDesk, DistributionBody, Material } from '../../api/types.ts';
import { useApiQuery } from '../../api/query.ts';
import { intakeApi } from './api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useOutbox } from './outbox-panel.tsx';

/** A tap per copy handed out; sent through the same outbox, so it counts offline too. */
export function MaterialsCounter({ campaignId, desk }: { campaignId: string; desk: CampaignDesk }) {
  const { t } = useI18n();
  const { outbox: box, state } = useOutbox();
  const materials = useApiQuery(
    // Asked again when the outbox has sent something: the counts include it then.
    ['materials', campaignId, desk.unitId, state.sent[0]?.key],
    (signal) => intakeApi.materials(campaignId, desk.unitId, signal),
    { cacheKey: `openday.cache.materials.${campaignId}.${desk.unitId}` },
  );
  const pending = (materialId: string) =>
    state.waiting.filter((w) => w.kind === 'distribution' && w.path === `/materials/${materialId}/distributions`)
      .length;
  const handOut = (material: Material) => {
    const body: DistributionBody = { copies: 1, deskId: desk.id };
    void box.add({
      key: newId(),
      kind: 'distribution',
      path: `/materials/${material.id}/distributions`,
      body,
      label: material.title,
    });
  };
  const items = materials.data?.items ?? [];
  return (
    <Card size="small" title={t('materials.title')}>
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('materials.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(material) => (
            <List.Item
              actions={[
                <Button
                  key="hand-out"
                  onClick={() => handOut(material)}
                  aria-label={`${t('materials.handOut')} · ${material.title}`}
                >
                  {t('materials.handOut')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={material.title}
                description={
                  <span aria-live="polite">
                    {t('materials.distributed', { count: material.distributed + pending(material.id) })}
                    {material.printRun !== null && <> · {t('materials.printRun', { count: material.printRun })}</>}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
