import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { arrivals, maxInWindow } from '../helpers/arrivals.js';
import { freePort, type RedisServer, startRedis } from '../helpers/redis.js';
import { CLI, type Replica, replicaEnv, startReplica } from '../helpers/replica.js';

// These tests run the built CLI (`npm test` builds first; run `npm run build` before vitest alone).
const execFileAsync = promisify(execFile);
const WINDOW = 1_000;
const BUDGET = 20;
const LEASE = WINDOW + 2_000; // what src/replicas.ts gives a window of 1 s

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: unknown[] };
const call = (client: Client, name: string, args: Record<string, unknown>) =>
  client.callTool({ name, arguments: args }) as Promise<Result>;

describe('replicas behind a load balancer share one budget and one journal (real redis-server)', () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  let replicas: Replica[] = [];
  let contactIds: string[] = [];
  let companyId = '';

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    redis.cli('FLUSHALL');
    sandbox = await startSandbox({ seed: true, rateLimit: BUDGET, windowMs: WINDOW });
    // From the portal itself: a request over HTTP would spend the budget the replicas share.
    contactIds = sandbox.portal
      .findObjects('contacts')
      .slice(0, 20)
      .map((c) => c.id);
    companyId = sandbox.portal.findObjects('companies')[0]!.id;
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    replicas = [];
    await sandbox.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    HUBSPOT_API_BASE_URL: sandbox.url,
    HUBSPOT_ACCESS_TOKEN: sandbox.token,
    HUBSPOT_RATE_LIMIT: String(BUDGET),
    HUBSPOT_RATE_WINDOW_MS: String(WINDOW),
    HUBSPOT_STATE_DIR: '/nonexistent/journal-must-be-in-redis',
    REDIS_URL: redis.url,
    LOG_LEVEL: 'info',
    ...extra,
  });
  const start = async (n: number, extra?: Record<string, string>) => {
    const started = await Promise.all(Array.from({ length: n }, () => startReplica(env(extra))));
    replicas.push(...started);
    return started;
  };

  /** An agent: reads one record's companies (one HubSpot request per call) until `until`. */
  async function agent(replica: Replica, until: { at: number }, i: number): Promise<number> {
    const client = await replica.client(`agent-${i}`);
    let done = 0;
    while (Date.now() < until.at) {
      const result = await call(client, 'list_associations', {
        objectType: 'contacts',
        objectIds: [contactIds[(i + done) % contactIds.length]!],
        toObjectType: 'companies',
      }).catch(() => undefined);
      if (!result) break; // the replica was killed
      expect(result.isError ?? false).toBe(false);
      done++;
    }
    return done;
  }

  it('Redis unreachable at start: one line naming REDIS_URL on stderr, exit 2', async () => {
    const port = await freePort();
    const failed = await execFileAsync(process.execPath, [CLI, '--http', '--port', '0'], {
      env: replicaEnv({ ...env(), REDIS_URL: `redis://:secret-pw@127.0.0.1:${port}` }),
      timeout: 20_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(2);
    const lines = failed.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/REDIS_URL: cannot reach Redis at 127\.0\.0\.1:\d+ .*REDIS_FAILURE=degrade/);
    expect(failed.stderr).not.toContain('secret-pw');
  });

  it('REDIS_FAILURE=degrade: serves on limit ÷ HUBSPOT_REPLICAS and says so in tool results and /readyz', async () => {
    const port = await freePort();
    const [replica] = await start(1, {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_FAILURE: 'degrade',
      HUBSPOT_REPLICAS: '4',
    });
    const client = await replica!.client();
    const result = await call(client, 'list_associations', {
      objectType: 'contacts',
      objectIds: [contactIds[0]!],
      toObjectType: 'companies',
    });
    expect(result.isError ?? false).toBe(false);
    expect(JSON.stringify(result.content)).toContain('local share of the HubSpot budget (5 per window');
    const ready = await fetch(`${replica!.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ degraded: true, budget: { perWindow: 5 } });
  });

  it('/readyz: 200 with the shared budget while Redis answers, 503 when it does not', async () => {
    const [replica] = await start(1);
    const ok = await fetch(`${replica!.origin}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      status: 'ready',
      redis: { reachable: true },
      budget: { perWindow: BUDGET, windowMs: WINDOW, shared: { used: 0 } },
    });
    await redis.stop(true);
    try {
      const down = await fetch(`${replica!.origin}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'not ready', redis: { reachable: false } });
      expect((await fetch(`${replica!.origin}/healthz`)).status).toBe(200); // alive all the same
    } finally {
      await redis.restart();
    }
  });

  it('kill -9 of one of three replicas mid-run: no 429, the budget held, survivors back to it within lease + window', async () => {
    const three = await start(3);
    // The agents run until a deadline set from the moment of the kill (a loaded machine may
    // kill late), so the measured window below always lies inside the run.
    const until = { at: Number.POSITIVE_INFINITY };
    const work = three.map((r, i) => Promise.all([0, 1, 2, 3].map((k) => agent(r, until, i * 4 + k))));
    await new Promise((r) => setTimeout(r, 1_500));
    const killed = Date.now();
    await three[2]!.kill('SIGKILL');
    until.at = killed + LEASE + 2 * WINDOW + 500;
    const done = await Promise.all(work);
    expect(done[0]!.flat().every((n) => n > 0)).toBe(true);
    expect(sandbox.log.rateLimited()).toBe(0);
    expect(maxInWindow(arrivals(sandbox), WINDOW)).toBeLessThanOrEqual(BUDGET);
    // The window after lease + window: the two survivors alone use (nearly) the whole budget.
    const after = arrivals(sandbox, killed + LEASE + WINDOW, killed + LEASE + 2 * WINDOW);
    expect(after.length).toBeGreaterThanOrEqual(BUDGET * 0.9);
  });

  it('the change journal is shared: a change made on one replica is listed and undone on another', async () => {
    const [a, b] = await start(2);
    const made = await call(await a!.client(), 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs: [{ fromId: contactIds[19]!, toId: companyId }],
    });
    const changeId = made.structuredContent?.changeId as string;
    expect(changeId).toMatch(/^chg_/);
    const onB = await b!.client();
    const listed = await call(onB, 'list_changes', {});
    expect(JSON.stringify(listed.structuredContent)).toContain(changeId);
    const undone = await call(onB, 'undo_change', { changeId });
    expect(undone.isError ?? false).toBe(false);
    const again = await call(await a!.client(), 'list_changes', {});
    expect(JSON.stringify(again.structuredContent)).toContain(`"undoOf":"${changeId}"`);
    // The shell sees the same journal (the state directory does not even exist).
    const shell = await execFileAsync(process.execPath, [CLI, 'changes'], { env: replicaEnv(env()) });
    expect(shell.stdout).toContain(changeId);
  });
});
