import type { Cluster, Redis } from 'ioredis';
import type { AuthStore } from '../auth/store.js';

/**
 * The OAuth broker's store in Redis (MCP_HTTP_AUTH=oauth with REDIS_URL), shared by replicas:
 * `<prefix>:oauth:<kind>:<sha256 or id>` (src/auth/ never hands a raw token or code as a key);
 * `take` is GETDEL, `lock` SET NX PX. Values are JSON; a grant's HubSpot tokens arrive sealed.
 */
export function createRedisAuthStore(
  redis: Redis | Cluster,
  prefix = 'hubspot-associations-mcp:oauth',
): AuthStore {
  const k = (key: string) => `${prefix}:${key}`;
  const parse = <T>(text: string | null): T | undefined =>
    text === null ? undefined : (JSON.parse(text) as T);
  return {
    async put(key, value, ttlMs) {
      const text = JSON.stringify(value);
      if (ttlMs) await redis.set(k(key), text, 'PX', Math.ceil(ttlMs));
      else await redis.set(k(key), text);
    },
    get: async (key) => parse(await redis.get(k(key))),
    take: async (key) => parse(await redis.getdel(k(key))),
    del: async (key) => {
      await redis.del(k(key));
    },
    lock: async (key, ttlMs) => (await redis.set(k(key), '1', 'PX', Math.ceil(ttlMs), 'NX')) === 'OK',
    incr: (key) => redis.incr(k(key)),
  };
}
