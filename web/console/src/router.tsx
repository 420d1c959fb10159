import { useEffect, useState, type MouseEvent } from 'react';

/** The console lives under /console/ (import.meta.env.BASE_URL); its screens are paths below it. */
export const BASE = import.meta.env.BASE_URL;
export const SCREENS = [
  'home',
  'intake',
  'cases',
  'dashboard',
  'campaigns',
  'directory',
  'unit',
  'account',
  'login',
] as const;
export type Screen = (typeof SCREENS)[number];

function currentScreen(): Screen {
  const rest = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '';
  const first = rest.split('/')[0] ?? '';
  return (SCREENS as readonly string[]).includes(first) ? (first as Screen) : 'home';
}

export function hrefOf(screen: Screen): string {
  return screen === 'home' ? BASE : `${BASE}${screen}`;
}

export function navigate(screen: Screen, replace = false): void {
  const href = hrefOf(screen);
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useScreen(): Screen {
  const [screen, setScreen] = useState(currentScreen);
  useEffect(() => {
    const update = () => setScreen(currentScreen());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return screen;
}

/** For links: a plain click moves within the app; ctrl/middle clicks open a tab as usual. */
export function followLink(event: MouseEvent, screen: Screen): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(screen);
}
