import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { arrivals, maxInWindow } from '../helpers/arrivals.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import { type Replica, startReplica } from '../helpers/replica.js';
import { startTcpProxy } from '../helpers/tcpProxy.js';

// The built CLI (`npm run build` before vitest alone). HubSpot's budget belongs to the app and
// portal: replicas that reach it through different URLs (one egress proxy per zone) share it.
const WINDOW = 1_000;
const BUDGET = 20;

type Result = { isError?: boolean; structuredContent?: Record<string, unknown> };
const call = (client: Client, name: string, args: Record<string, unknown>) =>
  client.callTool({ name, arguments: args }) as Promise<Result>;

describe('replicas reaching HubSpot through different URLs share one budget and journal', () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  let proxies: Array<{ url: string; close(): Promise<void> }> = [];
  let replicas: Replica[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    redis.cli('FLUSHALL');
    sandbox = await startSandbox({ seed: true, rateLimit: BUDGET, windowMs: WINDOW });
    proxies = await Promise.all([startTcpProxy(sandbox.url), startTcpProxy(sandbox.url)]);
    replicas = await Promise.all(
      proxies.map((proxy) =>
        startReplica({
          HUBSPOT_API_BASE_URL: proxy.url,
          HUBSPOT_ACCESS_TOKEN: sandbox.token,
          HUBSPOT_RATE_LIMIT: String(BUDGET),
          HUBSPOT_RATE_WINDOW_MS: String(WINDOW),
          HUBSPOT_STATE_DIR: '/nonexistent/journal-must-be-in-redis',
          REDIS_URL: redis.url,
        }),
      ),
    );
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    await Promise.all(proxies.map((p) => p.close()));
    await sandbox.close();
  });

  it('one budget: together they keep to it (no 429), and Redis holds one budget, not one per URL', async () => {
    const ids = sandbox.portal.findObjects('contacts').map((c) => c.id);
    const clients = await Promise.all(replicas.flatMap((r) => [0, 1, 2].map((k) => r.client(`agent-${k}`))));
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (next < 3 * BUDGET) {
          const i = next++;
          const result = await call(client, 'list_associations', {
            objectType: 'contacts',
            objectIds: [ids[i % ids.length]!],
            toObjectType: 'companies',
          });
          expect(result.isError ?? false).toBe(false);
        }
      }),
    );
    expect(arrivals(sandbox).length).toBeGreaterThanOrEqual(3 * BUDGET);
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(maxInWindow(arrivals(sandbox), WINDOW)).toBeLessThanOrEqual(BUDGET);
    expect(redis.cli('KEYS', '*:budget:general').split('\n')).toHaveLength(1);
  });

  it('one journal: a change made through one URL is listed and undone through the other', async () => {
    const contact = sandbox.portal.findObjects('contacts')[19]; // not linked in the seed
    const company = sandbox.portal.findObjects('companies')[0];
    const made = await call(await replicas[0]!.client(), 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs: [{ fromId: contact!.id, toId: company!.id }],
    });
    const changeId = made.structuredContent?.changeId as string;
    expect(changeId).toMatch(/^chg_/);
    const other = await replicas[1]!.client();
    const listed = await call(other, 'list_changes', {});
    expect(JSON.stringify(listed.structuredContent)).toContain(changeId);
    expect((await call(other, 'undo_change', { changeId })).isError ?? false).toBe(false);
  });
});
