import type { Cluster, Redis } from 'ioredis';
import { BUDGET_LUA } from './budgetScript.js';

export interface RedisHandle {
  /** One server, or a Redis Cluster (REDIS_CLUSTER): every key of an app shares one hash slot. */
  client: Redis | Cluster;
  /** Runs the budget script (defined once; ioredis sends EVALSHA and falls back to EVAL after a restart). */
  budget(keys: string[], args: Array<string | number>): Promise<unknown>;
  /** Calls `listener` each time the connection is ready again after it was lost (not at start). */
  onReconnect(listener: () => void): void;
  /** Round trip in ms, or the error. */
  ping(): Promise<number>;
  close(): Promise<void>;
}

export interface RedisOptions {
  /** Bounds every command: a stalled Redis delays a request this long at most per attempt. */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Told once when the connection is lost, once when it is back. */
  onDown?: (error: Error) => void;
  onUp?: () => void;
  /** The URL names one node of a Redis Cluster; the client finds the others and follows MOVED. */
  cluster?: boolean;
}

/** host:port of a Redis URL, never its password, for messages. */
export function redisAddress(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 6379}`;
}

/** A cluster's seed node, from a redis:// or rediss:// URL. */
function nodeOf(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379) };
}

/** What a cluster's nodes are told from the URL: the user, password and TLS; the db is not used. */
function credentialsOf(url: string) {
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** A Redis the server cannot reach at start (cli.ts turns it into one line and exit 2). */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

/**
 * Connects and pings once, or fails at once with what went wrong. ioredis is imported here, on
 * demand: a server without REDIS_URL never loads it. Afterwards commands fail fast while the
 * connection is down (no offline queue) and ioredis reconnects in the background; the callers
 * decide how to wait.
 */
export async function connectRedis(url: string, options: RedisOptions = {}): Promise<RedisHandle> {
  // Bundled (esbuild), the CommonJS module arrives as the default export; under Node, as named ones.
  const loaded = await import('ioredis');
  const ioredis = (loaded.Redis ? loaded : (loaded.default as unknown as typeof loaded)) as typeof loaded;
  const common = {
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    maxRetriesPerRequest: 1,
  };
  const client: Redis | Cluster = options.cluster
    ? new ioredis.Cluster([nodeOf(url)], {
        lazyConnect: true,
        enableOfflineQueue: false,
        clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
        redisOptions: { ...common, ...credentialsOf(url) },
      })
    : new ioredis.Redis(url, {
        ...common,
        lazyConnect: true,
        enableOfflineQueue: false,
        retryStrategy: (times) => Math.min(100 * times, 2_000),
      });
  client.defineCommand('hubspotBudget', { numberOfKeys: 4, lua: BUDGET_LUA });
  let down = false;
  let started = false;
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error;
    // At start the failure is reported once, below; afterwards once per outage.
    if (started && !down) options.onDown?.(error);
    down = true;
  });
  const reconnected = new Set<() => void>();
  client.on('ready', () => {
    if (down) options.onUp?.();
    down = false;
    // A quick restart may never fail a command here, but a restarted Redis is empty all the same.
    if (started) for (const listener of reconnected) listener();
  });
  try {
    await client.connect();
    await client.ping();
    started = true;
    down = false;
  } catch (error) {
    client.disconnect();
    const cause = lastError ?? error;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new RedisUnreachableError(`cannot reach Redis at ${redisAddress(url)} (${why})`);
  }
  const run = (client as unknown as Record<string, (...args: Array<string | number>) => Promise<unknown>>)
    .hubspotBudget!;
  return {
    client,
    budget: (keys, args) => run.call(client, ...keys, ...args),
    onReconnect: (listener) => {
      reconnected.add(listener);
    },
    async ping() {
      const started = performance.now();
      await client.ping();
      return Math.round((performance.now() - started) * 100) / 100;
    },
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
