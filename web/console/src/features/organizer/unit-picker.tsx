import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { organizerApi } from './api.ts';
import { useApiQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Unit } from './types.ts';

export interface UnitPickerProps {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Units already known (the campaign's), so that their names show before any search. */
  known: Unit[];
}

/** Picks the units taking part: types part of a name, the server searches GET /units?q=. */
export function UnitPicker({ id, value = [], onChange, known }: UnitPickerProps) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [names, setNames] = useState<Map<string, Unit>>(new Map());
  // Waits for a pause in typing before asking the server.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useApiQuery(['organizerApi.units', search], (signal) => organizerApi.units(search, signal));
  useEffect(() => {
    setNames((previous) => {
      const next = new Map(previous);
      for (const unit of [...known, ...(found.data?.items ?? [])]) next.set(unit.id, unit);
      return next;
    });
  }, [known, found.data]);
  // The picker's hidden list of choices comes without a name; give it the field's (WCAG 4.1.2).
  useEffect(() => {
    if (id) document.getElementById(`${id}_list`)?.setAttribute('aria-label', t('organizer.field.units'));
  });
  const nameOf = (unit: Unit) => (locale === 'en-US' && unit.nameEn ? unit.nameEn : unit.name);
  const options = [
    ...(found.data?.items ?? []),
    ...value.filter((v) => !found.data?.items.some((u) => u.id === v)).flatMap((v) => names.get(v) ?? []),
  ].map((unit) => ({ value: unit.id, label: nameOf(unit) }));
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      showSearch
      filterOption={false}
      value={value}
      onChange={(next) => onChange?.(next)}
      onSearch={setTyped}
      onBlur={() => setTyped('')}
      onOpenChange={() => requestAnimationFrame(() => setNames((n) => new Map(n)))}
      loading={found.loading}
      options={options}
      placeholder={t('organizer.units.search')}
      notFoundContent={t('organizer.units.none')}
      style={{ width: '100%' }}
    />
  );
}
