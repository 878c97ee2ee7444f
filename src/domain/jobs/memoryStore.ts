import { JOB_LIMITS, type JobRecord, type JobStore } from './types.js';

export interface JobRetention {
  retentionMs?: number;
  maxFinished?: number;
  now?: () => number;
}

/**
 * The jobs of one process, in memory: finished ones kept an hour and at most 200 (the oldest go
 * first), running ones until they end.
 */
export function createMemoryJobStore(options: JobRetention = {}): JobStore {
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? JOB_LIMITS.retentionMs;
  const maxFinished = options.maxFinished ?? JOB_LIMITS.maxFinished;
  const jobs = new Map<string, JobRecord>(); // in creation order
  const finished: string[] = []; // in finishing order

  const prune = () => {
    const oldest = now() - retentionMs;
    while (finished.length > 0) {
      const first = jobs.get(finished[0] as string);
      if (finished.length <= maxFinished && first && (first.finishedAt ?? 0) >= oldest) break;
      jobs.delete(finished.shift() as string);
    }
  };
  const copy = (r: JobRecord | undefined) => (r ? { ...r } : undefined);

  return {
    async create(record) {
      jobs.set(record.jobId, { ...record });
      if (record.status !== 'running') finished.push(record.jobId); // published as it ended
      prune();
    },
    async get(jobId) {
      prune();
      return copy(jobs.get(jobId));
    },
    async heartbeat(jobId, progress) {
      const job = jobs.get(jobId);
      if (job?.status === 'running') Object.assign(job, progress, { updatedAt: now() });
      return { cancelRequested: job?.cancelRequested === true };
    },
    async finish(jobId, outcome) {
      const job = jobs.get(jobId);
      if (job?.status !== 'running') return;
      Object.assign(job, outcome, { updatedAt: outcome.finishedAt });
      finished.push(jobId);
      prune();
    },
    async requestCancel(jobId) {
      const job = jobs.get(jobId);
      if (job?.status === 'running' && !job.cancelRequested) {
        job.cancelRequested = true;
        job.updatedAt = now();
      }
      return copy(job);
    },
    async list({ session, cursor, limit = 20 }) {
      prune();
      const all = [...jobs.values()]
        .reverse()
        .filter((j) => session === undefined || j.session === undefined || j.session === session);
      const start = cursor === undefined ? 0 : all.findIndex((j) => j.jobId === cursor) + 1;
      if (start === 0 && cursor !== undefined) throw new Error(`unknown cursor ${JSON.stringify(cursor)}`);
      const page = all.slice(start, start + limit);
      const more = start + limit < all.length;
      return { jobs: page.map((j) => ({ ...j })), ...(more ? { nextCursor: page.at(-1)?.jobId } : {}) };
    },
  };
}
