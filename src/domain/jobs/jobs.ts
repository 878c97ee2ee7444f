import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMemoryJobStore } from './memoryStore.js';
import {
  type FinalStatus,
  isFinished,
  JOB_LIMITS,
  type JobRecord,
  type JobStore,
  type JobView,
  viewOf,
} from './types.js';

export interface JobsOptions {
  /** Default: this process's memory. With REDIS_URL, the store every replica reads. */
  store?: JobStore;
  /** Runs the work so that its HubSpot requests heed the job's signal (HubSpotClient.withSignal). */
  scope?: <T>(signal: AbortSignal, work: () => Promise<T>) => Promise<T>;
  leaseMs?: number;
  /** How often a published job's progress and lease are written (and its cancel flag read). */
  tickMs?: number;
  now?: () => number;
  /** A store write that failed (the job goes on; a lapsed lease reads as `lost` meanwhile). */
  onError?: (what: string, error: unknown) => void;
}

/** One job as the process running it holds it. */
export interface JobHandle<R> {
  readonly jobId: string;
  /** Aborted when the job is asked to stop: its requests still waiting are then never sent. */
  readonly signal: AbortSignal;
  progress(done: number, total: number, message?: string): void;
  /** Settles when the work has ended and its end is stored (never rejects). */
  readonly finished: Promise<{ status: FinalStatus; result: R | undefined }>;
  /** Makes the job known to get_job, cancel_job and tasks/* (every replica with Redis). */
  publish(): Promise<void>;
  cancel(reason: string): void;
  view(): JobView;
}

export type Found = { view: JobView; result?: unknown };

interface Local {
  record: JobRecord;
  controller: AbortController;
  published?: Promise<void>;
  finished: Promise<unknown>;
  /** Why it was asked to stop. */
  reason?: string;
}

/**
 * Long work as jobs (docs/DESIGN.md "Long jobs"): the work runs in this process; published jobs are
 * in the store, renewed every tick (progress, a 30 s lease, the cancel flag another replica may
 * set) and kept after they end for an hour, at most 200. A job not published yet (a call that may
 * still answer in time) costs the store nothing.
 */
export function createJobs(options: JobsOptions = {}) {
  const store = options.store ?? createMemoryJobStore();
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? JOB_LIMITS.leaseMs;
  const tickMs = options.tickMs ?? 1_000;
  const scope = options.scope ?? ((_signal, work) => work());
  const onError = options.onError ?? (() => {});
  const running = new Map<string, Local>();
  let ticker: NodeJS.Timeout | undefined;

  let ticking = false;
  const tick = async () => {
    if (ticking) return; // a slow store: the next tick waits for this one
    ticking = true;
    try {
      await renew();
    } finally {
      ticking = false;
    }
  };
  const renew = async () => {
    for (const [jobId, local] of running) {
      if (!local.published) continue;
      const { done, total, message } = local.record;
      try {
        await local.published;
        const heard = await store.heartbeat(jobId, { done, total, message, leaseUntil: now() + leaseMs });
        if (heard.cancelRequested) stop(local, 'asked through another replica');
      } catch (error) {
        onError(`renewing job ${jobId}`, error);
      }
    }
  };
  const watch = () => {
    if (ticker || running.size === 0) return;
    ticker = setInterval(() => void tick(), tickMs);
    ticker.unref();
  };
  const unwatch = () => {
    if (!ticker || [...running.values()].some((l) => l.published)) return;
    clearInterval(ticker);
    ticker = undefined;
  };
  const stop = (local: Local, reason: string) => {
    if (local.controller.signal.aborted) return;
    local.reason = reason;
    local.record.cancelRequested = true;
    local.record.message = `stopping at the next batch: ${reason}`;
    local.controller.abort(reason);
  };

  function start<R>(
    spec: { tool: string; session?: string },
    work: (job: JobHandle<R>) => Promise<R>,
    judge: (result: R) => 'done' | 'failed',
  ): JobHandle<R> {
    const at = now();
    const jobId = `job_${randomBytes(12).toString('base64url')}`;
    const record: JobRecord = {
      jobId,
      tool: spec.tool,
      status: 'running',
      done: 0,
      total: 0,
      createdAt: at,
      updatedAt: at,
      leaseUntil: at + leaseMs,
      ...(spec.session ? { session: spec.session } : {}),
    };
    const controller = new AbortController();
    // Every request of the job waiting for the budget listens to this signal.
    setMaxListeners(0, controller.signal);
    const local: Local = { record, controller, finished: Promise.resolve() };
    running.set(jobId, local);
    const handle: JobHandle<R> = {
      jobId,
      signal: controller.signal,
      progress(done, total, message) {
        // Once asked to stop, the message keeps saying so.
        Object.assign(record, { done, total, updatedAt: now() }, message && !local.reason ? { message } : {});
      },
      publish() {
        local.published ??= store.create({ ...record, leaseUntil: now() + leaseMs });
        watch();
        return local.published;
      },
      cancel: (reason) => stop(local, reason),
      view: () => viewOf(record, now()),
      finished: undefined as never,
    };
    const finished = (async () => {
      let result: R | undefined;
      let status: FinalStatus;
      try {
        result = await scope(controller.signal, () => work(handle));
        status = record.cancelRequested ? 'cancelled' : judge(result);
      } catch (error) {
        onError(`job ${jobId} (${spec.tool})`, error);
        status = record.cancelRequested ? 'cancelled' : 'failed';
      }
      const finishedAt = now();
      Object.assign(record, { status, finishedAt, updatedAt: finishedAt, result });
      if (status === 'cancelled') record.message = `cancelled: ${local.reason ?? 'asked to stop'}`;
      try {
        if (local.published) {
          await local.published;
          const { done, total, message } = record;
          await store.finish(jobId, {
            status,
            result,
            finishedAt,
            done,
            total,
            ...(message ? { message } : {}),
          });
        }
      } catch (error) {
        onError(`storing the end of job ${jobId}`, error);
      } finally {
        running.delete(jobId);
        unwatch();
      }
      return { status, result };
    })();
    local.finished = finished;
    (handle as { finished: unknown }).finished = finished;
    return handle;
  }

  /** The job as it is now, with its answer once it has ended. */
  async function get(jobId: string): Promise<Found | undefined> {
    const local = running.get(jobId);
    if (local?.published) {
      const { result } = local.record; // set once it has ended, while its end is being stored
      return { view: viewOf(local.record, now()), ...(result !== undefined ? { result } : {}) };
    }
    const record = await store.get(jobId);
    if (!record) return undefined;
    return { view: viewOf(record, now()), ...(record.result !== undefined ? { result: record.result } : {}) };
  }

  /** Waits up to `waitMs` (forever: undefined) for the job to end; the job as it is then. */
  async function settle(jobId: string, waitMs?: number): Promise<Found | undefined> {
    const deadline = waitMs === undefined ? Number.POSITIVE_INFINITY : now() + waitMs;
    for (;;) {
      const local = running.get(jobId);
      if (local) {
        const left = deadline - now();
        await (Number.isFinite(left)
          ? Promise.race([local.finished, sleep(Math.max(0, left), undefined, { ref: false })])
          : local.finished);
      }
      const found = await get(jobId);
      if (!found || isFinished(found.view.status) || now() >= deadline) return found;
      if (!running.has(jobId))
        await sleep(Math.min(500, Math.max(0, deadline - now())), undefined, { ref: false });
    }
  }

  return {
    start,
    get,
    settle,
    /** Asks a running job to stop at its next batch boundary; `changed` false when it had ended (or was stopping). */
    async cancel(
      jobId: string,
      reason = 'cancel_job or tasks/cancel',
    ): Promise<(Found & { changed: boolean }) | undefined> {
      const local = running.get(jobId);
      if (local?.published) {
        const changed = !local.controller.signal.aborted;
        stop(local, reason);
        await local.published;
        await store.requestCancel(jobId).catch((error: unknown) => onError(`cancelling job ${jobId}`, error));
        return { view: viewOf(local.record, now()), changed };
      }
      const before = await store.get(jobId);
      if (!before) return undefined;
      const open = viewOf(before, now()).status === 'running' && !before.cancelRequested;
      const after = open ? ((await store.requestCancel(jobId)) ?? before) : before;
      return {
        view: viewOf(after, now()),
        changed: open,
        ...(after.result !== undefined ? { result: after.result } : {}),
      };
    },
    list: async (query: { session?: string; cursor?: string; limit?: number }) => {
      const page = await store.list(query);
      return {
        jobs: page.jobs.map((r) => viewOf(running.get(r.jobId)?.record ?? r, now())),
        nextCursor: page.nextCursor,
      };
    },
    /** Every job this process runs stops at its next batch boundary; resolves once all have ended. */
    async stopAll(reason: string): Promise<void> {
      const all = [...running.values()];
      for (const local of all) stop(local, reason);
      await Promise.all(all.map((l) => l.finished));
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;
