import { TreeSelect } from 'antd';
import type { Region } from '../api/types.ts';
import { useApiQuery } from '../api/query.ts';
import { useI18n } from '../i18n/index.tsx';
import { sharedApi } from './api.ts';

interface RegionNode {
  value: string;
  title: string;
  selectable: boolean;
  children?: RegionNode[];
}

/**
 * The villages and communities under the unit's region, as a tree: those right under it, and those
 * of each street or town below it, grouped under their street or town (not chosen themselves).
 * With `cache` the list is kept on the device, for a desk that goes offline.
 */
export function useVillages(unitId: string, { cache = false }: { cache?: boolean } = {}) {
  const { locale } = useI18n();
  const regions = useApiQuery(
    ['villages', unitId],
    async (signal) => {
      const unit = await sharedApi.unit(unitId, signal);
      return (await sharedApi.regionsWithin(unit.regionId, signal)).items;
    },
    // The desk names villages offline too: its list is kept on the device.
    cache ? { cacheKey: `openday.cache.villages.${unitId}` } : {},
  );
  const label = (region: Region) => (locale === 'en-US' && region.nameEn) || region.name;
  const all = regions.data ?? [];
  const villages = all.filter((r) => r.level === 'community');
  const node = (region: Region): RegionNode => ({ value: region.id, title: label(region), selectable: true });
  const tree: RegionNode[] = all.flatMap((region): RegionNode[] => {
    if (region.level === 'community') return [];
    const children = villages.filter((v) => v.parentId === region.id).map(node);
    return children.length ? [{ value: region.id, title: label(region), selectable: false, children }] : [];
  });
  // Villages right under the unit's own region have no street or town of theirs in the list.
  const grouped = new Set(all.map((r) => r.id));
  const direct = villages.filter((v) => !v.parentId || !grouped.has(v.parentId)).map(node);
  const names = new Map(villages.map((v) => [v.id, label(v)] as const));
  return {
    tree: [...direct, ...tree],
    nameOf: (id: string | null) => (id ? names.get(id) : undefined),
    error: regions.error,
  };
}

/** Chooses a village or community of the unit's region tree (a form control: value and onChange). */
export function VillageSelect({
  tree,
  value,
  onChange,
  id,
}: {
  tree: RegionNode[];
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}) {
  return (
    <TreeSelect
      id={id}
      allowClear
      showSearch
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      style={{ minWidth: 200 }}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      treeData={tree}
    />
  );
}
