import type { Cluster, Redis } from 'ioredis';
import { JOB_LIMITS, type JobRecord, type JobStore } from '../domain/jobs/types.js';
import type { RedisKeys } from './keys.js';

type Client = Redis | Cluster;

/** Sets the cancel flag of a job that is still running; answers its fields either way. */
const CANCEL_LUA = `
if redis.call('HGET', KEYS[1], 'status') == 'running' then
  redis.call('HSET', KEYS[1], 'cancel', '1', 'updatedAt', ARGV[1])
end
return redis.call('HGETALL', KEYS[1])`;

function recordOf(fields: Record<string, string>): JobRecord | undefined {
  if (!fields.jobId) return undefined; // expired, or never written
  const num = (k: string) => Number(fields[k] ?? 0);
  return {
    jobId: fields.jobId,
    tool: fields.tool ?? '',
    status: (fields.status ?? 'running') as JobRecord['status'],
    done: num('done'),
    total: num('total'),
    ...(fields.message ? { message: fields.message } : {}),
    createdAt: num('createdAt'),
    updatedAt: num('updatedAt'),
    leaseUntil: num('leaseUntil'),
    ...(fields.cancel === '1' ? { cancelRequested: true } : {}),
    ...(fields.session ? { session: fields.session } : {}),
    ...(fields.finishedAt ? { finishedAt: num('finishedAt') } : {}),
    ...(fields.result ? { result: JSON.parse(fields.result) } : {}),
  };
}

const pairs = (list: string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i] as string] = list[i + 1] as string;
  return out;
};

/**
 * Jobs in Redis, so every replica of one HubSpot app answers get_job, cancel_job and tasks/* for
 * any of them: a hash per job (the process running it writes progress, lease and result; anyone
 * may set its cancel flag, which that process reads each tick), and two sorted sets (by start, for
 * listing; finished by end, for the retention of an hour and 200). A hash expires an hour after
 * its last lease or its end, so a job whose replica died reads as `lost` for that hour.
 */
export function createRedisJobStore(
  redis: Client,
  keys: Pick<RedisKeys, 'job' | 'jobIndex' | 'jobsFinished'>,
  options: { retentionMs?: number; maxFinished?: number; now?: () => number } = {},
): JobStore {
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? JOB_LIMITS.retentionMs;
  const maxFinished = options.maxFinished ?? JOB_LIMITS.maxFinished;
  const keyOf = (jobId: string) => `${keys.job}${jobId}`;

  async function read(jobId: string): Promise<JobRecord | undefined> {
    return recordOf(await redis.hgetall(keyOf(jobId)));
  }

  async function drop(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await redis
      .multi()
      .del(...ids.map(keyOf))
      .zrem(keys.jobIndex, ...ids)
      .zrem(keys.jobsFinished, ...ids)
      .exec();
  }

  async function prune(): Promise<void> {
    await drop(await redis.zrangebyscore(keys.jobsFinished, '-inf', `(${now() - retentionMs}`));
    const extra = (await redis.zcard(keys.jobsFinished)) - maxFinished;
    if (extra > 0) await drop(await redis.zrange(keys.jobsFinished, '0', String(extra - 1)));
  }

  return {
    async create(record) {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(record)) {
        if (v === undefined || k === 'cancelRequested') continue;
        fields[k] = k === 'result' ? JSON.stringify(v) : String(v);
      }
      if (record.cancelRequested) fields.cancel = '1';
      const multi = redis
        .multi()
        .hset(keyOf(record.jobId), fields)
        .pexpire(keyOf(record.jobId), Math.max(1, record.leaseUntil - now()) + retentionMs)
        .zadd(keys.jobIndex, record.createdAt, record.jobId);
      if (record.finishedAt !== undefined) multi.zadd(keys.jobsFinished, record.finishedAt, record.jobId);
      await multi.exec();
    },
    get: read,
    async heartbeat(jobId, progress) {
      const key = keyOf(jobId);
      const answers = await redis
        .multi()
        .hset(key, {
          done: String(progress.done),
          total: String(progress.total),
          ...(progress.message ? { message: progress.message } : {}),
          leaseUntil: String(progress.leaseUntil),
          updatedAt: String(now()),
        })
        .pexpire(key, Math.max(1, progress.leaseUntil - now()) + retentionMs)
        .hget(key, 'cancel')
        .exec();
      return { cancelRequested: answers?.[2]?.[1] === '1' };
    },
    async finish(jobId, outcome) {
      const key = keyOf(jobId);
      await redis
        .multi()
        .hset(key, {
          status: outcome.status,
          finishedAt: String(outcome.finishedAt),
          done: String(outcome.done),
          total: String(outcome.total),
          updatedAt: String(outcome.finishedAt),
          ...(outcome.message ? { message: outcome.message } : {}),
          ...(outcome.result !== undefined ? { result: JSON.stringify(outcome.result) } : {}),
        })
        .pexpire(key, retentionMs)
        .zadd(keys.jobsFinished, outcome.finishedAt, jobId)
        .exec();
      await prune();
    },
    async requestCancel(jobId) {
      const answer = (await redis.eval(CANCEL_LUA, 1, keyOf(jobId), String(now()))) as string[];
      return recordOf(pairs(answer));
    },
    async list({ session, cursor, limit = 20 }) {
      const ids = await redis.zrevrange(keys.jobIndex, 0, -1);
      const start = cursor === undefined ? 0 : ids.indexOf(cursor) + 1;
      if (cursor !== undefined && start === 0) throw new Error(`unknown cursor ${JSON.stringify(cursor)}`);
      const jobs: JobRecord[] = [];
      const gone: string[] = [];
      let at = start;
      for (; at < ids.length && jobs.length < limit; at++) {
        const id = ids[at] as string;
        const record = await read(id);
        if (!record) gone.push(id);
        else if (session === undefined || !record.session || record.session === session) jobs.push(record);
      }
      if (gone.length > 0) await redis.zrem(keys.jobIndex, ...gone);
      const more = at < ids.length;
      return { jobs, ...(more && jobs.length > 0 ? { nextCursor: jobs.at(-1)?.jobId } : {}) };
    },
  };
}
