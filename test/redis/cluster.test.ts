import { execFileSync } from 'node:child_process';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain/journal/changes.js';
import { createHubSpot, type HubSpot } from '../../src/hubspot/index.js';
import { resolveObjectType } from '../../src/hubspot/objectTypes.js';
import { createRedisBudgetStore } from '../../src/redis/budgetStore.js';
import { connectRedis, type RedisHandle } from '../../src/redis/connect.js';
import { createRedisJournal } from '../../src/redis/journalStore.js';
import { redisKeys } from '../../src/redis/keys.js';
import { arrivals, maxInWindow } from '../helpers/arrivals.js';
import { type RedisCluster, startRedisCluster } from '../helpers/redis.js';

const WINDOW = 1_000;
const BUDGET = 20;

/**
 * REDIS_CLUSTER=true: the replicas reach a real three-master Redis Cluster through one seed node.
 * An app's keys share one hash tag, so the budget script and the journal's MULTIs run on one node.
 */
describe('a Redis Cluster behind REDIS_URL (real redis-server nodes)', () => {
  let cluster: RedisCluster;
  let sandbox: Sandbox;
  const handles: RedisHandle[] = [];
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    sandbox = await startSandbox({ seed: true, rateLimit: BUDGET, windowMs: WINDOW });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await sandbox?.close();
    await cluster?.stop();
  });

  it('three replicas keep to one budget, and share one journal', async () => {
    const keys = redisKeys(sandbox.token);
    // The seed is a node that does not hold the app's slot: the client must follow MOVED.
    const owner = cluster.ownerOf(keys.budget[0]!);
    const seed = cluster.ports.find((p) => p !== owner)!;
    expect(
      execFileSync('redis-cli', ['-p', String(seed), 'EXISTS', keys.budget[0]!], { encoding: 'utf8' }),
    ).toMatch(/MOVED/);
    const replicas: HubSpot[] = [];
    for (let i = 0; i < 3; i++) {
      const handle = await connectRedis(`redis://127.0.0.1:${seed}`, { cluster: true });
      handles.push(handle);
      replicas.push(
        createHubSpot({
          baseUrl: sandbox.url,
          token: sandbox.token,
          rateLimit: BUDGET,
          retry: { timeScale: 0.01 },
          limiter: { windowMs: WINDOW },
          shared: {
            store: createRedisBudgetStore(handle, keys.budget, { windowMs: WINDOW, leaseMs: WINDOW + 2_000 }),
            leaseMs: WINDOW + 2_000,
          },
        }),
      );
    }
    try {
      const contacts = resolveObjectType('contacts');
      const companies = resolveObjectType('companies');
      await Promise.all(
        replicas.map((r) =>
          Promise.all(Array.from({ length: 20 }, () => r.labels.list(contacts, companies))),
        ),
      );
      expect(sandbox.log.rateLimited()).toBe(0);
      expect(sandbox.log.entries).toHaveLength(60);
      expect(maxInWindow(arrivals(sandbox), WINDOW)).toBeLessThanOrEqual(BUDGET);

      const [a, b] = handles.map((h) => createRedisJournal(h.client, keys));
      const change = { kind: 'records', created: [] } as unknown as Change;
      const made = await a!.append({ tool: 'associate_records', change });
      expect((await b!.list()).entries.map((e) => e.changeId)).toEqual([made.changeId]);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });
});
