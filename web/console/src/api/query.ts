import { keepPreviousData, QueryClient, useQuery, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { NetworkError } from './client.ts';

/**
 * The console's query cache (TanStack Query). As the console always asked: no retries and no
 * refetch on focus; and requests go out whatever navigator.onLine says, since a village desk is
 * often "offline" by the browser's account while its server, on the local network, is there.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, networkMode: 'always' },
    mutations: { retry: false, networkMode: 'always' },
  },
});

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** The data shown is the copy kept on this device: the server could not be reached. */
  stale: boolean;
  reload: () => void;
}

export interface QueryOptions {
  /** The last answer is kept in localStorage under this key and shown when the network is gone. */
  cacheKey?: string;
  /** Asks again every so many milliseconds (the dashboard's live figures). */
  refreshMs?: number;
  enabled?: boolean;
}

interface Held<T> {
  value: T;
}

function kept<T>(cacheKey: string | undefined): T | undefined {
  if (!cacheKey) return undefined;
  const text = localStorage.getItem(cacheKey);
  return text ? (JSON.parse(text) as T) : undefined;
}

/**
 * One query of the API (TanStack Query underneath): asked on mount, when its key changes (the last
 * answer stays on screen meanwhile) and on reload. With `cacheKey` the answer is kept on this device
 * (the desk's own desk, materials and channel points): a desk opened offline shows that copy, `stale`.
 */
export function useApiQuery<T>(
  key: QueryKey,
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: QueryOptions = {},
): Query<T> {
  const { cacheKey, refreshMs, enabled = true } = options;
  const query = useQuery({
    queryKey: key,
    // Held as { value }: an answer may be undefined (a summary not generated yet), which TanStack
    // Query does not take as data.
    queryFn: async ({ signal }): Promise<Held<T>> => {
      const value = await fetcher(signal);
      if (cacheKey && value !== undefined) localStorage.setItem(cacheKey, JSON.stringify(value));
      return { value };
    },
    enabled,
    placeholderData: keepPreviousData,
    // The kept copy is shown at once and asked for again straight away.
    initialData: () => {
      const copy = kept<T>(cacheKey);
      return copy === undefined ? undefined : { value: copy };
    },
    initialDataUpdatedAt: 0,
    refetchInterval: refreshMs && enabled ? refreshMs : false,
    refetchIntervalInBackground: true,
  });
  const data = query.data?.value;
  const stale = Boolean(cacheKey) && query.error instanceof NetworkError && data !== undefined;
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data,
    // TanStack Query says null where the screens expect undefined: no error.
    error: stale ? undefined : (query.error ?? undefined),
    loading: query.isLoading,
    stale,
    reload,
  };
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}
