import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Bottleneck from 'bottleneck';
import { HubSpotError } from './errors.js';
import { heldSlots } from './heldSlots.js';
import type { BudgetStore } from './sharedBudget.js';
import type { Limiter, LimiterOptions, RequestKind } from './throttle.js';

export interface SharedLimiterOptions extends Omit<LimiterOptions, 'marginMs'> {
  store: BudgetStore;
  /** A live replica renews its in-flight leases; a dead one's lapse this long after its last renewal. */
  leaseMs?: number;
  /** How long a request waits for an unreachable store before it is refused (no fallback). */
  unavailableMs?: number;
  /** REDIS_FAILURE=degrade: while the store is unreachable, requests keep to this local budget. */
  fallback?: Limiter;
  /** Told once when the store stops answering and once when it is back. */
  onTrouble?: (error: unknown) => void;
  onRecovered?: () => void;
}

const refusal = (status: number, message: string) =>
  new HubSpotError(status, { message, errorType: 'BUDGET' }, { method: 'QUEUE', path: '/' });

/** One caller at a time per key: the head of the local queue asks the store, the rest wait behind it. */
function gates() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(fn, fn);
    tails.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };
}

/**
 * The HubSpot budget shared by replicas: Bottleneck keeps this replica's queue (priorities,
 * maxConcurrent), the store (one Redis sliding log) holds every slot. A slot is leased while its
 * request is in flight and returns a window after the request finished, as in throttle.ts.
 * Store trouble never kills the process: requests wait for it (bounded) or use the fallback.
 */
export function createSharedLimiter(options: SharedLimiterOptions): Limiter {
  const { store } = options;
  const windowMs = options.windowMs ?? 10_000;
  const searchPerSecond = options.searchPerSecond ?? 5;
  const leaseMs = options.leaseMs ?? windowMs + 2_000;
  const unavailableMs = options.unavailableMs ?? Math.max(10_000, 2 * windowMs);
  const local = new Bottleneck({ maxConcurrent: options.maxConcurrent ?? 10 });
  const searchLocal = new Bottleneck({ maxConcurrent: 3 });
  const gate = gates();
  /** What this replica holds, to write back if the store loses it. */
  const held = heldSlots(windowMs);
  let perWindow = options.perWindow;
  let epoch = '';
  let troubled = false;
  /** When this replica first found the store unreachable in the current outage. */
  let troubledAt = 0;
  let stopped = false;
  let lastDailyWrite = 0;
  let daily: { at: number; value: Promise<number | undefined> } | undefined;
  let stopping: Promise<void> | undefined;

  const trouble = (error: unknown) => {
    if (!troubled) {
      options.onTrouble?.(error);
      troubledAt = Date.now();
    }
    troubled = true;
  };
  const healthy = () => {
    if (troubled) options.onRecovered?.();
    troubled = false;
  };

  async function restore(): Promise<void> {
    epoch = await store.restore(held.forRestore());
  }

  /** Renews in-flight leases; a new epoch means the store lost its state: write ours back. */
  async function check(): Promise<void> {
    if (stopped || held.idle()) return;
    const current = await store.renew(held.inFlight());
    healthy();
    if (epoch !== '' && current !== epoch) await restore();
  }

  /** Resolves 'granted' or 'fallback'; throws a refusal the agent can read. */
  function acquire(kind: RequestKind, id: string): Promise<'granted' | 'fallback'> {
    return gate(kind, async () => {
      const started = Date.now();
      let backoff = 50;
      for (;;) {
        if (stopped) throw refusal(503, 'the server is shutting down');
        let reply: Awaited<ReturnType<BudgetStore['take']>>;
        try {
          reply = await store.take(kind, id, { general: perWindow, search: searchPerSecond }, epoch);
          healthy();
        } catch (error) {
          trouble(error);
          if (options.fallback) return 'fallback';
          if (Date.now() - started > unavailableMs)
            throw refusal(
              503,
              `the shared HubSpot budget is unavailable: Redis (REDIS_URL) has not answered for ${Math.round(unavailableMs / 1000)} s; nothing was sent, retry when it is back`,
            );
          await sleep(backoff);
          backoff = Math.min(backoff * 2, 1_000);
          continue;
        }
        if (reply.granted) {
          epoch = reply.epoch;
          return 'granted';
        }
        if (reply.reason === 'epoch') {
          // Redis lost its keys (restart, flush, failover): write our slots back before taking more.
          await restore().catch(trouble);
          continue;
        }
        epoch = reply.epoch;
        if (reply.reason === 'daily')
          throw refusal(
            429,
            `daily API budget spent: X-HubSpot-RateLimit-Daily-Remaining is ${reply.daily ?? 0} (shared by every replica); nothing was sent. It resets at midnight in the account's time zone`,
          );
        // A little jitter so replicas waiting for the same slot do not ask in lockstep.
        await sleep(reply.waitMs + Math.floor(Math.random() * 5));
      }
    });
  }

  async function finish(kind: RequestKind, id: string): Promise<void> {
    // Recorded here first: if the store is down or loses this write, the slot is still given back.
    held.finished(id, kind);
    try {
      await store.finish(kind, id);
    } catch (error) {
      trouble(error); // the lease still holds the slot, then lapses: later than needed, never early
    }
  }

  /** Runs `task` on a slot this replica holds, shared or local: recorded until a window after it ends. */
  async function holding<T>(kind: RequestKind, id: string, task: () => Promise<T>): Promise<T> {
    held.started(id, kind);
    try {
      return await task();
    } finally {
      await finish(kind, id);
    }
  }

  async function withSlot<T>(kind: RequestKind, task: () => Promise<T>, priority: number): Promise<T> {
    const id = randomBytes(8).toString('hex');
    if ((await acquire(kind, id)) === 'granted') return holding(kind, id, task);
    // The store is unreachable (REDIS_FAILURE=degrade): the local share, but only from a window
    // after the outage began (what the replicas sent before it has then left HubSpot's window),
    // and the store is asked again when this request's turn comes (it may be back by then).
    await sleep(Math.max(0, troubledAt + windowMs + 50 - Date.now()));
    return options.fallback!.schedule(
      kind,
      async () => {
        await acquire(kind, id); // granted, or the store is still down: either way this one may go
        return holding(kind, id, task);
      },
      priority,
    );
  }

  // Renews in-flight leases and notices a store that lost its state while this replica is active;
  // a connection that comes back is checked at once (a restarted Redis is empty).
  const heartbeat = setInterval(
    () => void check().catch(trouble),
    Math.max(100, Math.min(leaseMs / 3, windowMs / 2)),
  );
  heartbeat.unref();
  store.onReconnect?.(() => void check().catch(trouble));

  return {
    get perWindow() {
      return perWindow;
    },
    windowMs,
    get notice() {
      return troubled && options.fallback
        ? `Redis (REDIS_URL) is unreachable: this replica keeps to a local share of the HubSpot budget (${options.fallback.perWindow} per window) until it is back`
        : undefined;
    },
    schedule(kind, task, priority = 5) {
      const run = () => local.schedule({ priority }, () => withSlot(kind, task, priority));
      return kind === 'search' ? searchLocal.schedule({ priority }, run) : run();
    },
    observeMax(max) {
      if (!Number.isInteger(max) || max <= 0) return;
      perWindow = max;
      // Absolute, so replicas that all see the same header agree instead of adding up.
      void store.setLimit(max).catch(trouble);
    },
    dailyRemaining() {
      // Asked before every bulk job (1,000 coalesced calls ask 1,000 times): one store read a second.
      const now = Date.now();
      if (!daily || now - daily.at > 1_000)
        daily = {
          at: now,
          value: store.state().then(
            (s) => s.dailyRemaining,
            () => undefined,
          ),
        };
      return daily.value;
    },
    observeDaily(remaining) {
      if (!Number.isInteger(remaining) || remaining < 0) return;
      const now = Date.now();
      if (now - lastDailyWrite < 1_000 && remaining > 0) return; // the store counts down between headers
      lastDailyWrite = now;
      void store.setDailyRemaining(remaining).catch(trouble);
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(heartbeat);
        // Requests cut off mid-flight may still reach HubSpot: their slots return a window from now.
        await Promise.all(held.inFlight().map(({ id, kind }) => finish(kind, id)));
        await Promise.all([
          local.stop({ dropWaitingJobs: true }),
          searchLocal.stop({ dropWaitingJobs: true }),
          options.fallback?.stop(),
        ]);
      })();
      return stopping;
    },
  };
}
