import { startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDailyBudget } from '../../src/domain/account/dailyBudget.js';
import { createHubSpot, type HubSpot } from '../../src/hubspot/index.js';
import { resolveObjectType } from '../../src/hubspot/objectTypes.js';
import { createRedisBudgetStore } from '../../src/redis/budgetStore.js';
import { connectRedis, type RedisHandle } from '../../src/redis/connect.js';
import { redisKeys } from '../../src/redis/keys.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';

const WINDOW = 1_000;

/** HubSpot's daily budget is the account's: what one replica learns, every replica keeps to. */
describe('the daily budget shared through Redis (real redis-server)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('a replica that sent nothing yet refuses a job the budget cannot hold, and a spent day is not sent', async () => {
    const sandbox = await startSandbox({ seed: false, rateLimit: 1_000, windowMs: WINDOW, dailyLimit: 8 });
    const handles: RedisHandle[] = [];
    const replicas: HubSpot[] = [];
    const replica = async () => {
      const handle = await connectRedis(redis.url);
      handles.push(handle);
      const keys = redisKeys(sandbox.token);
      const leaseMs = WINDOW + 2_000;
      const hubspot = createHubSpot({
        baseUrl: sandbox.url,
        token: sandbox.token,
        rateLimit: 1_000,
        retry: { timeScale: 0.01 },
        limiter: { windowMs: WINDOW },
        shared: {
          store: createRedisBudgetStore(handle, keys.budget, { windowMs: WINDOW, leaseMs }),
          leaseMs,
        },
      });
      replicas.push(hubspot);
      return hubspot;
    };
    try {
      const contacts = resolveObjectType('contacts');
      const companies = resolveObjectType('companies');
      const [a, b] = [await replica(), await replica()];
      for (let i = 0; i < 5; i++) await a!.labels.list(contacts, companies);
      // B has sent nothing: it knows what A learned (8 - 5 = 3 left).
      expect(await b!.client.dailyRemaining()).toBe(3);
      await expect(ensureDailyBudget(b!, 4, { field: 'pairs', what: 'linking 4,000 pairs' })).rejects.toThrow(
        /pairs: linking 4,000 pairs takes at least 4 HubSpot requests .* has 3 left/,
      );
      await ensureDailyBudget(b!, 3, { field: 'pairs', what: 'a small job' });
      for (let i = 0; i < 3; i++) await b!.labels.list(contacts, companies);
      // The day is spent: the next request is refused before it is sent (no 429 from HubSpot).
      const sent = sandbox.log.count();
      await expect(a!.labels.list(contacts, companies)).rejects.toThrow(/daily/);
      expect(sandbox.log.count()).toBe(sent);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
      await Promise.all(handles.map((h) => h.close()));
      await sandbox.close();
    }
  });
});
