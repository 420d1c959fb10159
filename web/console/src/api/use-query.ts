import { useCallback, useEffect, useRef, useState } from 'react';
import { NetworkError } from './client.ts';

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** The data shown is the copy kept on this device: the server could not be reached. */
  stale: boolean;
  reload: () => void;
}

/**
 * Fetches on mount and on reload; with `cacheKey` the last answer is kept in localStorage and
 * shown when the network is gone, so a desk opened offline still knows its desk and materials.
 */
export function useQuery<T>(
  fetcher: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  options: { cacheKey?: string; refreshMs?: number; enabled?: boolean } = {},
): Query<T> {
  const { cacheKey, refreshMs, enabled = true } = options;
  const cached = () => {
    if (!cacheKey) return undefined;
    const text = localStorage.getItem(cacheKey);
    return text ? (JSON.parse(text) as T) : undefined;
  };
  const [data, setData] = useState<T | undefined>(cached);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(enabled);
  const [stale, setStale] = useState(false);
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setLoading(true);
    fetcherRef
      .current(controller.signal)
      .then((value) => {
        if (cacheKey) localStorage.setItem(cacheKey, JSON.stringify(value));
        setData(value);
        setError(undefined);
        setStale(false);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const kept = cached();
        if (e instanceof NetworkError && kept !== undefined) {
          setData(kept);
          setStale(true);
        } else setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, tick, enabled, cacheKey]);

  useEffect(() => {
    if (!refreshMs || !enabled) return;
    const timer = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, enabled]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading: loading && data === undefined, stale, reload };
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
