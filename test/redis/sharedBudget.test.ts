import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHubSpot, type HubSpot } from '../../src/hubspot/index.js';
import { resolveObjectType } from '../../src/hubspot/objectTypes.js';
import { createRedisBudgetStore } from '../../src/redis/budgetStore.js';
import { connectRedis, type RedisHandle } from '../../src/redis/connect.js';
import { redisKeys } from '../../src/redis/keys.js';
import { arrivals, maxInWindow } from '../helpers/arrivals.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';

const contacts = resolveObjectType('contacts');
const companies = resolveObjectType('companies');
const WINDOW = 1_000;
const BUDGET = 20;

/** The most requests HubSpot (the sandbox) saw arrive in any rolling window. */
const most = (sandbox: Sandbox, windowMs = WINDOW, filter?: (operation: string) => boolean) =>
  maxInWindow(arrivals(sandbox, 0, Number.POSITIVE_INFINITY, filter), windowMs);

describe('one HubSpot budget shared by replicas through Redis (real redis-server)', () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  const handles: RedisHandle[] = [];
  let replicas: HubSpot[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    redis.cli('FLUSHALL');
    sandbox = await startSandbox({ seed: true, rateLimit: BUDGET, windowMs: WINDOW });
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await Promise.all(handles.splice(0).map((h) => h.close()));
    replicas = [];
    await sandbox.close();
  });

  /** A replica: its own client, limiter and Redis connection, the same budget keys. */
  async function replica(rateLimit: number | 'auto' = BUDGET): Promise<HubSpot> {
    const handle = await connectRedis(redis.url);
    handles.push(handle);
    const leaseMs = WINDOW + 2_000;
    const keys = redisKeys(sandbox.token);
    const hubspot = createHubSpot({
      baseUrl: sandbox.url,
      token: sandbox.token,
      rateLimit,
      retry: { timeScale: 0.01 },
      limiter: { windowMs: WINDOW },
      shared: { store: createRedisBudgetStore(handle, keys.budget, { windowMs: WINDOW, leaseMs }), leaseMs },
    });
    replicas.push(hubspot);
    return hubspot;
  }

  const burst = (hubspot: HubSpot, n: number) =>
    Promise.all(Array.from({ length: n }, () => hubspot.labels.list(contacts, companies)));

  it('three replicas keep together to one budget: no 429, never more than the budget in any window', async () => {
    const three = await Promise.all([replica(), replica(), replica()]);
    await Promise.all(three.map((r) => burst(r, 30)));
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(sandbox.log.entries).toHaveLength(90);
    expect(most(sandbox)).toBeLessThanOrEqual(BUDGET);
  });

  it('shares the search budget (5 a second) and spends general slots for it too', async () => {
    const three = await Promise.all([replica(), replica(), replica()]);
    await Promise.all(
      three.map((r) =>
        Promise.all(
          Array.from({ length: 8 }, () => r.objects.search(contacts, { filterGroups: [], limit: 1 })),
        ),
      ),
    );
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(most(sandbox, 1_000, (op) => op.includes('search'))).toBeLessThanOrEqual(5);
  });

  it('auto: replicas follow X-HubSpot-RateLimit-Max as an absolute value (it never adds up)', async () => {
    sandbox.portal.setRateLimit(10, WINDOW);
    const three = await Promise.all([replica('auto'), replica('auto'), replica('auto')]);
    await three[0]!.labels.list(contacts, companies); // one answer tells the budget to all of them
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all(three.map((r) => burst(r, 15)));
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(most(sandbox)).toBeLessThanOrEqual(10);
    const keys = redisKeys(sandbox.token);
    expect(redis.cli('HGET', keys.budget[2]!, 'limit')).toBe('10');
  });

  it('Redis losing every key mid-run (FLUSHALL): state is rebuilt, no 429, every request answered', async () => {
    const three = await Promise.all([replica(), replica(), replica()]);
    const running = Promise.all(three.map((r) => burst(r, 25)));
    await new Promise((r) => setTimeout(r, 700));
    redis.cli('FLUSHALL');
    const results = await running;
    expect(results.flat()).toHaveLength(75);
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(most(sandbox)).toBeLessThanOrEqual(BUDGET);
  });

  it('Redis restarted empty mid-run: requests wait for it, then go on; nothing is lost or refused', async () => {
    const two = await Promise.all([replica(), replica()]);
    const running = Promise.all(two.map((r) => burst(r, 30)));
    await new Promise((r) => setTimeout(r, 600));
    await redis.restart();
    const results = await running;
    expect(results.flat()).toHaveLength(60);
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(most(sandbox)).toBeLessThanOrEqual(BUDGET);
  });

  it('a replica stopped cleanly mid-run keeps its slots counted; the others go on at the full budget', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const stopped = burst(a!, 40).catch(() => 'stopped');
    await new Promise((r) => setTimeout(r, 300));
    replicas = replicas.filter((r) => r !== a);
    await a!.close();
    await stopped;
    const before = sandbox.log.entries.length;
    await burst(b!, 40);
    expect(sandbox.log.entries.length - before).toBe(40);
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(most(sandbox)).toBeLessThanOrEqual(BUDGET);
  });
});
