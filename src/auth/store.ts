/**
 * Where the broker keeps clients, consents, transactions, codes, tokens and grants: keys hold JSON,
 * tokens and codes appear only as their sha256 (keys.ts). In memory for one process; in Redis
 * (src/redis/authStore.ts) for replicas. `take` is a get-and-delete (single use), `lock` a SET NX PX.
 */
export interface AuthStore {
  put(key: string, value: unknown, ttlMs?: number): Promise<void>;
  get<T>(key: string): Promise<T | undefined>;
  take<T>(key: string): Promise<T | undefined>;
  del(key: string): Promise<void>;
  /** True when this caller now holds the lock (until `ttlMs` or `del`). */
  lock(key: string, ttlMs: number): Promise<boolean>;
  /** Adds one and returns the new count. */
  incr(key: string): Promise<number>;
}

export function createMemoryAuthStore(now: () => number = Date.now): AuthStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entries.get(key);
  };
  const put = (key: string, value: unknown, ttlMs?: number) => {
    entries.set(key, {
      value: JSON.stringify(value),
      expiresAt: ttlMs ? now() + ttlMs : Number.POSITIVE_INFINITY,
    });
  };
  return {
    put: async (key, value, ttlMs) => put(key, value, ttlMs),
    get: async (key) => {
      const entry = live(key);
      return entry ? JSON.parse(entry.value) : undefined;
    },
    take: async (key) => {
      const entry = live(key);
      entries.delete(key);
      return entry ? JSON.parse(entry.value) : undefined;
    },
    del: async (key) => {
      entries.delete(key);
    },
    lock: async (key, ttlMs) => {
      if (live(key)) return false;
      put(key, 1, ttlMs);
      return true;
    },
    incr: async (key) => {
      const next = Number(live(key) ? JSON.parse(live(key)!.value) : 0) + 1;
      put(key, next);
      return next;
    },
  };
}
