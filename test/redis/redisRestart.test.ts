import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { arrivals, maxInWindow } from '../helpers/arrivals.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import { type Replica, startReplica } from '../helpers/replica.js';

// The built CLI (`npm run build` before vitest alone): three replicas, one sandbox that answers 429
// over the budget, Redis killed mid-load and started again empty. Counted at the sandbox.
const WINDOW = 1_000;
const BUDGET = 20;

type Result = { isError?: boolean };

describe('Redis killed and restarted empty mid-load (real redis-server, three replicas)', () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  let replicas: Replica[] = [];
  let contactIds: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    redis.cli('FLUSHALL');
    sandbox = await startSandbox({ seed: true, rateLimit: BUDGET, windowMs: WINDOW });
    contactIds = sandbox.portal
      .findObjects('contacts')
      .slice(0, 20)
      .map((c) => c.id);
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    replicas = [];
    await sandbox.close();
  });

  const start = (extra: Record<string, string> = {}) =>
    Promise.all(
      [0, 1, 2].map(() =>
        startReplica({
          HUBSPOT_API_BASE_URL: sandbox.url,
          HUBSPOT_ACCESS_TOKEN: sandbox.token,
          HUBSPOT_RATE_LIMIT: String(BUDGET),
          HUBSPOT_RATE_WINDOW_MS: String(WINDOW),
          HUBSPOT_STATE_DIR: '/nonexistent/journal-must-be-in-redis',
          REDIS_URL: redis.url,
          LOG_LEVEL: 'info',
          ...extra,
        }),
      ),
    );

  /** One agent: list_associations (one HubSpot request each) until `until`; every answer counted. */
  async function agent(client: Client, until: number, i: number) {
    const outcome = { ok: 0, failed: [] as string[] };
    while (Date.now() < until) {
      const result = (await client.callTool({
        name: 'list_associations',
        arguments: {
          objectType: 'contacts',
          objectIds: [contactIds[(i + outcome.ok) % contactIds.length]!],
          toObjectType: 'companies',
        },
      })) as Result;
      if (result.isError) outcome.failed.push(JSON.stringify(result).slice(0, 300));
      else outcome.ok++;
    }
    return outcome;
  }

  /** Load on every replica; Redis killed after `killAfterMs`, down `downMs`, back empty. */
  async function run(three: Replica[], killAfterMs: number, downMs: number) {
    const clients = await Promise.all(three.flatMap((r) => [0, 1, 2, 3].map((k) => r.client(`agent-${k}`))));
    const until = Date.now() + killAfterMs + downMs + 4 * WINDOW;
    const work = Promise.all(clients.map((c, i) => agent(c, until, i)));
    await sleep(killAfterMs);
    await redis.stop(true);
    await sleep(downMs);
    await redis.restart();
    const outcomes = await work;
    for (const r of three) expect(r.child.exitCode).toBeNull();
    return outcomes;
  }

  it('requests wait while Redis is down; back empty: no 429, never more than the budget in a window', async () => {
    const three = await start();
    replicas.push(...three);
    const outcomes = await run(three, 1_500, 600);
    expect(outcomes.flatMap((o) => o.failed)).toEqual([]);
    expect(outcomes.every((o) => o.ok > 0)).toBe(true);
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(maxInWindow(arrivals(sandbox), WINDOW)).toBeLessThanOrEqual(BUDGET);
    expect(redis.cli('DBSIZE')).not.toBe('0'); // the replicas took their slots from the new Redis
  });

  it('REDIS_FAILURE=degrade: local shares while it is down, then the shared budget again; no 429', async () => {
    const three = await start({ REDIS_FAILURE: 'degrade', HUBSPOT_REPLICAS: '3' });
    replicas.push(...three);
    const outcomes = await run(three, 1_500, 2 * WINDOW);
    expect(outcomes.flatMap((o) => o.failed)).toEqual([]);
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(maxInWindow(arrivals(sandbox), WINDOW)).toBeLessThanOrEqual(BUDGET);
  });
});
