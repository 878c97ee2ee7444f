/**
 * (f) Replicas sharing one budget through Redis (issue 12): three `--http --stateless` replicas of
 * dist/cli.js against one sandbox that answers 429 over the budget, counted at the sandbox; the
 * same run without REDIS_URL (the control); kill -9 of one replica mid-run; the limiter's cost.
 */
import { performance } from 'node:perf_hooks';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { createSharedLimiter } from '../src/hubspot/sharedThrottle.js';
import { createLimiter } from '../src/hubspot/throttle.js';
import { createRedisBudgetStore } from '../src/redis/budgetStore.js';
import { connectRedis } from '../src/redis/connect.js';
import { redisKeys } from '../src/redis/keys.js';
import { arrivals, maxInWindow } from '../test/helpers/arrivals.js';
import { type RedisServer, startRedis } from '../test/helpers/redis.js';
import { type Replica, startReplica } from '../test/helpers/replica.js';
import { log, median, rateLimitFloorMs, round } from './util.js';

const READ = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read';

const answered = (sandbox: Sandbox, from?: number, to?: number) => arrivals(sandbox, from, to);

interface Setup {
  perWindow: number;
  windowMs: number;
}

async function withCluster<T>(
  setup: Setup,
  redis: RedisServer | undefined,
  run: (sandbox: Sandbox, replicas: Replica[], ids: string[]) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandbox({ seed: true, rateLimit: setup.perWindow, windowMs: setup.windowMs });
  const env = {
    HUBSPOT_API_BASE_URL: sandbox.url,
    HUBSPOT_ACCESS_TOKEN: sandbox.token,
    HUBSPOT_RATE_LIMIT: String(setup.perWindow),
    HUBSPOT_RATE_WINDOW_MS: String(setup.windowMs),
    HUBSPOT_STATE_DIR: `/tmp/hsmcp-bench-${process.pid}`,
    LOG_LEVEL: 'info',
    ...(redis ? { REDIS_URL: redis.url } : {}),
  };
  redis?.cli('FLUSHALL');
  const replicas = await Promise.all([0, 1, 2].map(() => startReplica(env)));
  try {
    const ids = sandbox.portal.findObjects('contacts').map((c) => c.id);
    return await run(sandbox, replicas, ids);
  } finally {
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    await sandbox.close();
  }
}

/** Agents on every replica, `calls` list_associations calls in all (one HubSpot request each). */
async function drive(replicas: Replica[], ids: string[], calls: number, agentsPer = 4): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    replicas.flatMap((replica) =>
      Array.from({ length: agentsPer }, async (_, k) => {
        const client = await replica.client(`agent-${k}`);
        while (next < calls) {
          const i = next++;
          const result = await client
            .callTool({
              name: 'list_associations',
              arguments: {
                objectType: 'contacts',
                objectIds: [ids[i % ids.length]!],
                toObjectType: 'companies',
              },
            })
            .catch(() => undefined);
          if (!result) return; // its replica was killed: the others carry on
          if (result.isError) failed++;
        }
      }),
    ),
  );
  return failed;
}

async function loadRun(setup: Setup, redis: RedisServer | undefined, calls: number) {
  return withCluster(setup, redis, async (sandbox, replicas, ids) => {
    sandbox.log.reset();
    const started = performance.now();
    const failedCalls = await drive(replicas, ids, calls);
    const ms = performance.now() - started;
    const floorMs = rateLimitFloorMs(calls, setup.perWindow, setup.windowMs);
    return {
      calls,
      failedCalls,
      requests: sandbox.log.count(READ),
      rateLimited429: sandbox.log.rateLimited(),
      maxArrivalsInAnyWindow: maxInWindow(answered(sandbox), setup.windowMs),
      totalMs: Math.round(ms),
      floorMs,
      ratioToFloor: round(ms / floorMs),
    };
  });
}

async function killRun(setup: Setup, redis: RedisServer) {
  const leaseMs = setup.windowMs + 2_000; // src/replicas.ts
  return withCluster(setup, redis, async (sandbox, replicas, ids) => {
    sandbox.log.reset();
    const work = drive(replicas, ids, 100_000, 6);
    await new Promise((r) => setTimeout(r, 2_000));
    const killedAt = Date.now();
    await replicas[2]!.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, leaseMs + 3 * setup.windowMs));
    // Survivors' arrivals per window: the first window (in 50 ms steps) holding the whole budget.
    const times = answered(sandbox);
    let recoveredAfterMs: number | undefined;
    for (let t = killedAt; t < Date.now() - setup.windowMs; t += 50) {
      if (answered(sandbox, t, t + setup.windowMs).length >= setup.perWindow) {
        recoveredAfterMs = t + setup.windowMs - killedAt;
        break;
      }
    }
    const perWindowAfterKill = Array.from(
      { length: Math.floor((leaseMs + 3 * setup.windowMs) / setup.windowMs) },
      (_, k) => answered(sandbox, killedAt + k * setup.windowMs, killedAt + (k + 1) * setup.windowMs).length,
    );
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    await work.catch(() => undefined);
    return {
      perWindowAfterKill,
      rateLimited429: sandbox.log.rateLimited(),
      maxArrivalsInAnyWindow: maxInWindow(times, setup.windowMs),
      recoveredAfterMs,
      targetMs: leaseMs + setup.windowMs,
    };
  });
}

async function sample(requests: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return round(median(times), 3);
}

/**
 * What the shared budget adds per request: its Redis steps (take + finish, one script call each)
 * alone, and a whole schedule through each limiter. Both limiters queue locally with Bottleneck,
 * whose own yields cost milliseconds per job; the difference is Redis's share.
 */
async function overhead(redis: RedisServer, requests: number) {
  const handle = await connectRedis(redis.url);
  const leaseMs = 12_000;
  const keys = redisKeys('bench-overhead').budget;
  const store = createRedisBudgetStore(handle, keys, { windowMs: 10_000, leaseMs });
  const shared = createSharedLimiter({ perWindow: 1_000_000, store, leaseMs });
  const local = createLimiter({ perWindow: 1_000_000 });
  try {
    let n = 0;
    const redisSteps = await sample(requests, async () => {
      const id = `overhead-${n++}`;
      await store.take('default', id, { general: 1_000_000, search: 5 }, '');
      await store.finish('default', id);
    });
    const sharedSchedule = await sample(requests, () => shared.schedule('default', async () => undefined));
    const localSchedule = await sample(requests, () => local.schedule('default', async () => undefined));
    return {
      requests,
      redisTakeAndFinishMedianMs: redisSteps,
      sharedScheduleMedianMs: sharedSchedule,
      inProcessScheduleMedianMs: localSchedule,
      addedByRedisMedianMs: round(sharedSchedule - localSchedule, 3),
    };
  } finally {
    await Promise.all([shared.stop(), local.stop()]);
    await handle.close();
  }
}

export async function benchRedis(opts: { perWindow: number; windowMs: number; calls: number }) {
  const setup = { perWindow: opts.perWindow, windowMs: opts.windowMs };
  const redis = await startRedis();
  try {
    log('  three replicas sharing the budget through Redis…');
    const shared = await loadRun(setup, redis, opts.calls);
    log('  the same without REDIS_URL (control)…');
    const control = await loadRun(setup, undefined, opts.calls);
    log('  kill -9 of one replica mid-run…');
    const killed = await killRun(setup, redis);
    log('  limiter overhead per request…');
    const cost = await overhead(redis, 2_000);
    return {
      setup: { replicas: 3, agentsPerReplica: 4, ...setup },
      shared,
      control,
      killOneReplica: killed,
      limiterOverhead: cost,
      targets: {
        zero429: shared.rateLimited429 === 0,
        maxInWindowWithinBudget: shared.maxArrivalsInAnyWindow <= opts.perWindow,
        within1_2xFloor: shared.ratioToFloor <= 1.2,
        controlShows429: control.rateLimited429 > 0,
        recoveredWithinLeasePlusWindow:
          killed.recoveredAfterMs !== undefined && killed.recoveredAfterMs <= killed.targetMs,
        overheadMedianUnder1ms: cost.redisTakeAndFinishMedianMs < 1 && cost.addedByRedisMedianMs < 1,
      },
    };
  } finally {
    await redis.stop();
  }
}
