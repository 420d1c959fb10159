import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, NetworkError, setCsrfToken } from '../api/client.ts';
import { queryClient } from '../api/query.ts';
import { sharedApi } from './api.ts';
import type { Role, Session, Unit } from '../api/types.ts';

const STORAGE_KEY = 'openday.session';

export interface Membership {
  unit: Unit | undefined;
  unitId: string;
  role: Role;
}

interface Stored {
  session: Session;
  units: Unit[];
}

export interface SessionState {
  status: 'loading' | 'signedOut' | 'signedIn';
  session?: Session;
  units: Unit[];
  memberships: Membership[];
  /** The session could not be checked (offline): the remembered one is used until it can. */
  unverified: boolean;
  roles: Set<Role>;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Called when the server says the session is gone (401). */
  expire: () => void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

function remembered(): Stored | undefined {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as Stored) : undefined;
  } catch {
    return undefined;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | undefined>(remembered);
  const [status, setStatus] = useState<SessionState['status']>(stored ? 'signedIn' : 'loading');
  const [unverified, setUnverified] = useState(Boolean(stored));

  const keep = useCallback((next: Stored | undefined) => {
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
    // Signed out: the answers held in memory were the last person's; the next one starts afresh.
    if (!next) queryClient.clear();
    setCsrfToken(next?.session.csrfToken ?? '');
    setStored(next);
    setStatus(next ? 'signedIn' : 'signedOut');
  }, []);

  const load = useCallback(
    async (session: Session) => {
      const units = await sharedApi.units().catch(() => ({ items: [] as Unit[] }));
      keep({ session, units: units.items });
      setUnverified(false);
    },
    [keep],
  );

  useEffect(() => {
    const kept = remembered();
    if (kept) setCsrfToken(kept.session.csrfToken);
    sharedApi
      .session()
      .then(load)
      .catch((error: unknown) => {
        if (error instanceof NetworkError && remembered()) return; // offline: keep the remembered session
        keep(undefined);
      });
    // Checked once at start (keep and load never change); later expiries come through expire().
  }, [keep, load]);

  const value = useMemo<SessionState>(() => {
    const units = stored?.units ?? [];
    const memberships = (stored?.session.user.memberships ?? []).map((m) => ({
      unitId: m.unitId,
      role: m.role as Role,
      unit: units.find((u) => u.id === m.unitId),
    }));
    return {
      status,
      session: stored?.session,
      units,
      memberships,
      unverified,
      roles: new Set(memberships.map((m) => m.role)),
      signIn: async (username, password) => {
        const session = await sharedApi.signIn(username, password);
        setCsrfToken(session.csrfToken);
        await load(session);
      },
      signOut: async () => {
        await sharedApi.signOut().catch(() => undefined);
        keep(undefined);
      },
      expire: () => keep(undefined),
    };
  }, [stored, status, unverified, keep, load]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
