import { useEffect, useState, type MouseEvent } from 'react';
import { BASE } from '../router.tsx';

/** The organizer's screens live below /console/campaigns: the list, a form, a unit progress table, a unit's summary. */
export type OrganizerView =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'edit'; id: string }
  | { kind: 'progress'; id: string }
  | { kind: 'summary'; id: string; unitId: string };

const ROOT = `${BASE}campaigns`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseView(pathname: string): OrganizerView {
  const parts = pathname.startsWith(ROOT) ? pathname.slice(ROOT.length).split('/').filter(Boolean) : [];
  if (parts[0] === 'new') return { kind: 'new' };
  if (parts[0] && UUID.test(parts[0])) {
    if (parts[1] === 'units' && parts[2] && UUID.test(parts[2]) && parts[3] === 'summary')
      return { kind: 'summary', id: parts[0], unitId: parts[2] };
    return parts[1] === 'progress' ? { kind: 'progress', id: parts[0] } : { kind: 'edit', id: parts[0] };
  }
  return { kind: 'list' };
}

export function hrefOfView(view: OrganizerView): string {
  switch (view.kind) {
    case 'list':
      return ROOT;
    case 'new':
      return `${ROOT}/new`;
    case 'edit':
      return `${ROOT}/${view.id}`;
    case 'progress':
      return `${ROOT}/${view.id}/progress`;
    case 'summary':
      return `${ROOT}/${view.id}/units/${view.unitId}/summary`;
  }
}

export function goTo(view: OrganizerView): void {
  window.history.pushState(null, '', hrefOfView(view));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** For links: a plain click moves within the app; ctrl/middle clicks open a tab as usual. */
export function followView(event: MouseEvent, view: OrganizerView): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  goTo(view);
}

export function useView(): OrganizerView {
  const [view, setView] = useState(() => parseView(window.location.pathname));
  useEffect(() => {
    const update = () => setView(parseView(window.location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return view;
}
