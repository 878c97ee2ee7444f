/** What a job is as every replica sees it (docs/DESIGN.md "Long jobs"). */
export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'lost';

/** A finished job's status (a running one is `running`, or `lost` when its lease lapsed). */
export type FinalStatus = 'done' | 'failed' | 'cancelled';

export interface JobRecord {
  jobId: string;
  /** The tool that runs it. */
  tool: string;
  status: 'running' | FinalStatus;
  /** Progress as the work reports it; `total` 0 while unknown. */
  done: number;
  total: number;
  message?: string;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  /** A running job whose lease (renewed by the process running it) lapses is `lost`. */
  leaseUntil: number;
  /** Someone asked it to stop; it stops at its next batch boundary. */
  cancelRequested?: boolean;
  /** The MCP session that started it (tasks/list shows a session its own tasks). */
  session?: string;
  finishedAt?: number;
  /** The finished job's answer: exactly what the call would have answered (JSON). */
  result?: unknown;
}

/** A record as reported: `lost` worked out from the lease. */
export type JobView = Omit<JobRecord, 'status' | 'result' | 'session' | 'leaseUntil'> & { status: JobStatus };

export const JOB_LIMITS = {
  /** A running job's lease, renewed every tick by its process. */
  leaseMs: 30_000,
  /** Finished jobs are kept this long after they end... */
  retentionMs: 60 * 60_000,
  /** ...and at most this many (the oldest go first). */
  maxFinished: 200,
} as const;

/**
 * Where jobs live: in memory for one process, or Redis (src/redis/jobStore.ts) so that every
 * replica answers for them. The process that runs a job is the only one that writes progress and
 * the result; any process may ask it to stop.
 */
export interface JobStore {
  create(record: JobRecord): Promise<void>;
  get(jobId: string): Promise<JobRecord | undefined>;
  /** Progress and a renewed lease; answers whether someone asked the job to stop. */
  heartbeat(
    jobId: string,
    progress: { done: number; total: number; message?: string; leaseUntil: number },
  ): Promise<{ cancelRequested: boolean }>;
  finish(
    jobId: string,
    outcome: {
      status: FinalStatus;
      result: unknown;
      finishedAt: number;
      done: number;
      total: number;
      message?: string;
    },
  ): Promise<void>;
  /** Marks a running job to stop (nothing else changes); the record as it is now. */
  requestCancel(jobId: string): Promise<JobRecord | undefined>;
  /** Newest first, a page at a time; `session` keeps that session's jobs (and those of none). */
  list(options: { session?: string; cursor?: string; limit?: number }): Promise<{
    jobs: JobRecord[];
    nextCursor?: string;
  }>;
}

/** `lost`: still marked running, but the process running it stopped renewing its lease. */
export function viewOf(record: JobRecord, now: number): JobView {
  const { result: _result, session: _session, leaseUntil, ...rest } = record;
  const lost = record.status === 'running' && leaseUntil < now;
  return { ...rest, status: lost ? 'lost' : record.status };
}

export const isFinished = (status: JobStatus): boolean => status !== 'running';
