import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs } from '../../src/domain/jobs/jobs.js';
import { createMemoryJobStore } from '../../src/domain/jobs/memoryStore.js';
import type { JobRecord, JobStore } from '../../src/domain/jobs/types.js';
import { connectRedis, type RedisHandle } from '../../src/redis/connect.js';
import { createRedisJobStore } from '../../src/redis/jobStore.js';
import { redisKeys } from '../../src/redis/keys.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';

const HOUR = 3_600_000;

/** A clock the test moves. */
const clock = (start = 1_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

const running = (jobId: string, at: number, extra: Partial<JobRecord> = {}): JobRecord => ({
  jobId,
  tool: 'import_contact_company_pairs',
  status: 'running',
  done: 0,
  total: 10,
  createdAt: at,
  updatedAt: at,
  leaseUntil: at + 30_000,
  ...extra,
});

/** The same contract for the memory store (one process) and the Redis one (every replica). */
describe.each(['memory', 'redis'] as const)('the %s job store', (kind) => {
  let redis: RedisServer | undefined;
  let handles: RedisHandle[] = [];
  let n = 0;
  beforeAll(async () => {
    if (kind !== 'redis') return;
    redis = await startRedis();
    handles = await Promise.all([connectRedis(redis.url), connectRedis(redis.url)]);
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await redis?.stop();
  });
  /** Two views of one store (two replicas with Redis); each test gets its own keys. */
  const stores = (options: { now: () => number; maxFinished?: number }): [JobStore, JobStore] => {
    if (kind === 'memory') {
      const one = createMemoryJobStore(options);
      return [one, one];
    }
    const keys = redisKeys(`token-${++n}`);
    return handles.map((h) => createRedisJobStore(h.client, keys, options)) as [JobStore, JobStore];
  };

  it('progress, the cancel flag and the end, as the other replica sees them; listed newest first, per session', async () => {
    const time = clock();
    const [a, b] = stores(time);
    await a.create(running('job_1', time.now(), { session: 's1' }));
    time.advance(10);
    await a.create(running('job_2', time.now(), { session: 's2' }));
    expect(
      await a.heartbeat('job_1', { done: 4, total: 10, message: 'linking', leaseUntil: time.now() + 30_000 }),
    ).toEqual({
      cancelRequested: false,
    });
    expect(await b.get('job_1')).toMatchObject({
      status: 'running',
      done: 4,
      total: 10,
      message: 'linking',
      session: 's1',
    });
    expect(await b.requestCancel('job_1')).toMatchObject({ cancelRequested: true, status: 'running' });
    expect(
      (await a.heartbeat('job_1', { done: 5, total: 10, leaseUntil: time.now() + 30_000 })).cancelRequested,
    ).toBe(true);
    await a.finish('job_1', {
      status: 'cancelled',
      result: { content: [{ type: 'text', text: 'r' }] },
      finishedAt: time.now(),
      done: 5,
      total: 10,
    });
    const ended = await b.get('job_1');
    expect(ended).toMatchObject({
      status: 'cancelled',
      done: 5,
      result: { content: [{ type: 'text', text: 'r' }] },
    });
    // A finished job's flag is not set again.
    expect((await b.requestCancel('job_1'))?.status).toBe('cancelled');
    expect((await b.list({})).jobs.map((j) => j.jobId)).toEqual(['job_2', 'job_1']);
    expect((await b.list({ session: 's2' })).jobs.map((j) => j.jobId)).toEqual(['job_2']);
    const page = await b.list({ limit: 1 });
    expect(page.jobs.map((j) => j.jobId)).toEqual(['job_2']);
    expect((await b.list({ limit: 1, cursor: page.nextCursor })).jobs.map((j) => j.jobId)).toEqual(['job_1']);
    await expect(b.list({ cursor: 'job_nope' })).rejects.toThrow(/cursor/);
    expect(await b.get('job_unknown')).toBeUndefined();
  });

  it('keeps finished jobs an hour, and at most maxFinished (the oldest go first)', async () => {
    const time = clock();
    const [a, b] = stores({ ...time, maxFinished: 3 });
    for (let i = 1; i <= 4; i++) {
      await a.create(running(`job_${i}`, time.now()));
      await a.finish(`job_${i}`, {
        status: 'done',
        result: { i },
        finishedAt: time.now(),
        done: 10,
        total: 10,
      });
      time.advance(1_000);
    }
    expect(await b.get('job_1')).toBeUndefined();
    expect((await b.get('job_2'))?.result).toEqual({ i: 2 });
    time.advance(HOUR - 2_500); // job_2 ended more than an hour ago now, job_3 not quite
    await a.create(running('job_5', time.now()));
    await a.finish('job_5', { status: 'done', result: {}, finishedAt: time.now(), done: 1, total: 1 });
    expect(await b.get('job_2')).toBeUndefined();
    expect(await b.get('job_3')).toBeDefined();
  });

  it('a job whose replica stops renewing its lease is lost within a lease; another replica cancels a live one', async () => {
    const time = clock();
    const [storeA, storeB] = stores(time);
    const a = createJobs({ store: storeA, now: time.now, tickMs: 20 });
    const b = createJobs({ store: storeB, now: time.now, tickMs: 20 });
    // A job on replica A that runs until it is told to stop, then reports what it did.
    const job = a.start(
      { tool: 'import_contact_company_pairs' },
      (handle) =>
        new Promise<string>((resolve) => {
          handle.progress(3, 10, 'linking pairs');
          handle.signal.addEventListener('abort', () => resolve('stopped at 3 of 10'));
        }),
      () => 'done',
    );
    await job.publish();
    expect((await b.get(job.jobId))?.view).toMatchObject({
      status: 'running',
      tool: 'import_contact_company_pairs',
    });
    // Replica A stops renewing (as if killed): past its lease, B says lost; then A renews again.
    time.advance(31_000);
    expect((await b.get(job.jobId))?.view.status).toBe('lost');
    const cancelLost = await b.cancel(job.jobId, 'cancel_job');
    expect(cancelLost?.changed).toBe(false);
    await new Promise((r) => setTimeout(r, 100)); // A's ticks renew the lease
    expect((await b.get(job.jobId))?.view).toMatchObject({ status: 'running', done: 3, total: 10 });
    // Cancelled through B: A reads the flag at its next tick and the job stops.
    const asked = await b.cancel(job.jobId, 'cancel_job');
    expect(asked).toMatchObject({ changed: true, view: { cancelRequested: true } });
    const settled = await b.settle(job.jobId, 10_000);
    expect(settled).toMatchObject({ view: { status: 'cancelled', done: 3 }, result: 'stopped at 3 of 10' });
    expect((await job.finished).status).toBe('cancelled');
    expect((await b.cancel(job.jobId, 'cancel_job'))?.changed).toBe(false);
  });
});
