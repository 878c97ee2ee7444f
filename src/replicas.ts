import { type Config, ConfigError } from './config.js';
import type { JobStore } from './domain/jobs/types.js';
import type { JournalStore } from './domain/journal/store.js';
import type { HubSpotOptions } from './hubspot/index.js';
import { createLimiter } from './hubspot/throttle.js';
import type { Logger } from './logger.js';
import { createRedisBudgetStore } from './redis/budgetStore.js';
import { connectRedis, type RedisHandle, RedisUnreachableError, redisAddress } from './redis/connect.js';
import { createRedisJobStore } from './redis/jobStore.js';
import { createRedisJournal } from './redis/journalStore.js';
import { redisKeys } from './redis/keys.js';

/** What /readyz answers: 503 unless `ready`. */
export interface Readiness {
  ready: boolean;
  [detail: string]: unknown;
}

/** REDIS_URL wired: the shared budget, the shared journal and their health, for one HubSpot app. */
export interface Replicas {
  /** Budget options for createHubSpot (the limit is divided when degraded at start). */
  hubspot: Pick<HubSpotOptions, 'rateLimit' | 'shared'> & { limiter?: { searchPerSecond: number } };
  /** The journal every replica shares; unset when degraded (the local journal is used). */
  journal?: JournalStore;
  /** Jobs every replica answers for (get_job, cancel_job, tasks/*); unset when degraded. */
  jobs?: JobStore;
  /** Set when Redis was unreachable at start and REDIS_FAILURE=degrade. */
  notice?: string;
  readiness(budget: { perWindow: number; windowMs: number; notice?: string }): Promise<Readiness>;
  close(): Promise<void>;
}

/** One replica's share when Redis cannot be used: HubSpot's budgets split evenly, at least 1. */
function share(config: Config) {
  const replicas = config.hubspot.replicas ?? 1;
  const limit = typeof config.hubspot.rateLimit === 'number' ? config.hubspot.rateLimit : 100;
  return {
    perWindow: Math.max(1, Math.floor(limit / replicas)),
    searchPerSecond: Math.max(1, Math.floor(5 / replicas)),
  };
}

/**
 * Connects to REDIS_URL for the app and portal that `credential` names (whatever URL HubSpot is
 * reached through: the budget belongs to the app and portal). Unreachable: a
 * ConfigError naming REDIS_URL (cli.ts: one line, exit 2), or with REDIS_FAILURE=degrade a local
 * share of the budget, said in the log and in every tool result.
 */
export async function connectReplicas(
  config: Config,
  logger: Logger,
  app: { credential: string },
): Promise<Replicas> {
  const url = config.hubspot.redisUrl!;
  const log = logger.child('redis');
  const windowMs = config.hubspot.rateWindowMs;
  const mine = share(config);
  let redis: RedisHandle;
  try {
    redis = await connectRedis(url, {
      cluster: config.hubspot.redisCluster,
      onDown: (error) => log.warning(`Redis at ${redisAddress(url)} unreachable: ${error.message}`),
      onUp: () => log.info(`Redis at ${redisAddress(url)} is back`),
    });
  } catch (error) {
    if (!(error instanceof RedisUnreachableError)) throw error;
    if (config.hubspot.redisFailure !== 'degrade')
      throw new ConfigError(
        `REDIS_URL: ${error.message}; start Redis, correct REDIS_URL, or set REDIS_FAILURE=degrade (with HUBSPOT_REPLICAS) to run on a local share`,
      );
    const notice = `Redis (REDIS_URL) was unreachable at start: this replica keeps to a local share of the HubSpot budget (${mine.perWindow} per window, 1/${config.hubspot.replicas}) and its own journal`;
    log.warning(notice);
    return {
      hubspot: { rateLimit: mine.perWindow, limiter: { searchPerSecond: mine.searchPerSecond } },
      notice,
      readiness: async (budget) => ({ ready: true, degraded: true, redis: { reachable: false }, budget }),
      close: async () => {},
    };
  }

  const keys = redisKeys(app.credential);
  // A live replica renews its leases; a killed one's slots return within lease + window.
  const leaseMs = windowMs + 2_000;
  const store = createRedisBudgetStore(redis, keys.budget, { windowMs, leaseMs });
  const degrade = config.hubspot.redisFailure === 'degrade';
  return {
    hubspot: {
      rateLimit: config.hubspot.rateLimit,
      shared: {
        store,
        leaseMs,
        ...(degrade
          ? {
              fallback: createLimiter({
                perWindow: mine.perWindow,
                windowMs,
                searchPerSecond: mine.searchPerSecond,
              }),
            }
          : {}),
        onTrouble: (error) =>
          log.warning('the shared HubSpot budget is unavailable; requests wait for Redis', { error }),
        onRecovered: () => log.info('the shared HubSpot budget is available again'),
      },
    },
    journal: createRedisJournal(redis.client, keys),
    jobs: createRedisJobStore(redis.client, keys),
    async readiness(budget) {
      try {
        const pingMs = await redis.ping();
        const shared = await store.state();
        return { ready: true, redis: { reachable: true, pingMs }, budget: { ...budget, shared } };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // Degrade mode keeps serving on its local share, so it stays in the load balancer.
        return { ready: degrade, redis: { reachable: false, error: reason }, budget };
      }
    },
    close: () => redis.close(),
  };
}
