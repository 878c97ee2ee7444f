/**
 * The composition root of MCP_HTTP_AUTH=oauth (called by app.ts): the OAuth broker (src/auth/) on
 * a store in memory or, with REDIS_URL, in Redis (replicas share sign-ins, refresh locks and
 * journals), and the per-portal / per-person services of team.ts. No static HubSpot credential.
 */
import { join } from 'node:path';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Identity } from './auth/records.js';
import { createBroker } from './auth/router.js';
import { createMemoryAuthStore } from './auth/store.js';
import type { Config } from './config.js';
import type { JobStore } from './domain/jobs/types.js';
import { createFileJournal } from './domain/journal/fileJournal.js';
import type { JournalStore } from './domain/journal/store.js';
import { createSharedLimiter } from './hubspot/sharedThrottle.js';
import type { Limiter } from './hubspot/throttle.js';
import type { Logger } from './logger.js';
import { createTeam, type Person, type Team } from './team.js';
import { oauthScopes } from './tools/scopes.js';

export interface TeamApp {
  broker: ReturnType<typeof createBroker>;
  team: Team;
  /** The person a verified request carries (AuthInfo.extra), or undefined. */
  identity(auth: AuthInfo | undefined): Identity | undefined;
  /** For /readyz: Redis reachable (with REDIS_URL). */
  readiness(): Promise<{ ready: boolean; [detail: string]: unknown }>;
  close(): Promise<void>;
}

/** `stateDir`: where each portal's journal file lives without REDIS_URL (`<stateDir>/portals/<hubId>/`). */
export async function createTeamApp(config: Config, logger: Logger, stateDir: string): Promise<TeamApp> {
  const oauth = config.http.oauth!;
  let store = createMemoryAuthStore();
  let journalFor = (hubId: number): JournalStore =>
    createFileJournal(join(stateDir, 'portals', String(hubId)));
  let budgetFor: ((hubId: number) => Limiter) | undefined;
  let jobsFor: ((person: Person) => JobStore) | undefined;
  let closeRedis = async () => {};
  let ping: (() => Promise<number>) | undefined;
  if (config.hubspot.redisUrl) {
    const [
      { connectRedis },
      { createRedisAuthStore },
      { createRedisJournal },
      { redisKeys },
      { createRedisBudgetStore },
      { createRedisJobStore },
    ] = await Promise.all([
      import('./redis/connect.js'),
      import('./redis/authStore.js'),
      import('./redis/journalStore.js'),
      import('./redis/keys.js'),
      import('./redis/budgetStore.js'),
      import('./redis/jobStore.js'),
    ]);
    const redis = await connectRedis(config.hubspot.redisUrl, { cluster: config.hubspot.redisCluster });
    store = createRedisAuthStore(redis.client);
    // One budget and one journal per HubSpot app and portal, whatever replica or person uses them.
    const keysOf = (hubId: number) => redisKeys(`${config.hubspot.baseUrl}\n${oauth.clientId}\n${hubId}`);
    journalFor = (hubId) => createRedisJournal(redis.client, keysOf(hubId));
    // Jobs per person (owner: hubId:userId:clientId, hashed into the key like everything else):
    // any replica answers get_job / cancel_job for them, and only to the person who started them.
    jobsFor = (person) =>
      createRedisJobStore(
        redis.client,
        redisKeys(`${config.hubspot.baseUrl}\n${oauth.clientId}\n${person.hubId}\nowner:${person.owner}`),
      );
    const windowMs = config.hubspot.rateWindowMs;
    const leaseMs = windowMs + 2_000;
    budgetFor = (hubId) =>
      createSharedLimiter({
        perWindow: typeof config.hubspot.rateLimit === 'number' ? config.hubspot.rateLimit : 100,
        windowMs,
        leaseMs,
        store: createRedisBudgetStore(redis, keysOf(hubId).budget, { windowMs, leaseMs }),
        onTrouble: (error) =>
          logger.warning('the shared HubSpot budget is unavailable; requests wait for Redis', { error }),
      });
    closeRedis = () => redis.close();
    ping = () => redis.ping();
  }
  const broker = createBroker({
    publicUrl: oauth.publicUrl,
    key: oauth.key,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    apiBase: config.hubspot.baseUrl,
    authorizeUrl: oauth.authorizeUrl,
    hubspotScopes: oauth.scopes ?? oauthScopes(config.readOnly),
    store,
    logger,
  });
  const team = createTeam({
    baseUrl: config.hubspot.baseUrl,
    apiVersion: config.hubspot.apiVersion,
    rateLimit: typeof config.hubspot.rateLimit === 'number' ? config.hubspot.rateLimit : 100,
    windowMs: config.hubspot.rateWindowMs,
    token: (id) => broker.grants.token(id),
    invalidate: (id, token) => broker.grants.invalidate(id, token),
    journalFor,
    ...(budgetFor ? { budgetFor } : {}),
    ...(jobsFor ? { jobsFor } : {}),
    // As in app.ts: a failed job-store write is logged (the job goes on).
    services: {
      // HUBSPOT_LABEL_CACHE_MS for each person's label cache, as in the single-credential mode.
      labels: { maxAgeMs: config.labelCacheMs },
      jobs: { onError: (what, error) => logger.warning(`jobs: ${what} failed`, { error }) },
    },
  });
  return {
    broker,
    team,
    identity: (auth) => {
      const extra = auth?.extra as Partial<Identity> | undefined;
      return typeof extra?.grantId === 'string' && typeof extra.owner === 'string'
        ? (extra as Identity)
        : undefined;
    },
    async readiness() {
      if (!ping) return { ready: true, auth: 'oauth' };
      try {
        return { ready: true, auth: 'oauth', redis: { reachable: true, pingMs: await ping() } };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ready: false, auth: 'oauth', redis: { reachable: false, error: reason } };
      }
    },
    async close() {
      await team.close();
      await closeRedis();
    },
  };
}
