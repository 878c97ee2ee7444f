import Bottleneck from 'bottleneck';

export type RequestKind = 'default' | 'search';

export interface LimiterOptions {
  /** Requests allowed per window (HubSpot: 100 per 10 s on Free/Starter). */
  perWindow: number;
  windowMs?: number;
  /** Requests in flight at once. */
  maxConcurrent?: number;
  /** CRM search: HubSpot allows 5 per second per account. */
  searchPerSecond?: number;
  /** Extra wait before a slot returns to the budget (timer granularity). */
  marginMs?: number;
}

export interface Limiter {
  /** Runs `task` when the rolling budget (and, for search, the per-second budget) allows. */
  schedule<T>(kind: RequestKind, task: () => Promise<T>, priority?: number): Promise<T>;
  /** Follow HubSpot's X-HubSpot-RateLimit-Max when the configured limit is `auto`. */
  observeMax(max: number): void;
  /** X-HubSpot-RateLimit-Daily-Remaining, for a budget shared by replicas (sharedThrottle.ts). */
  observeDaily?(remaining: number): void;
  /** The day's requests left as every replica counts them (undefined: not known to the limiter). */
  dailyRemaining?(): Promise<number | undefined>;
  /** Set while the budget is degraded (REDIS_FAILURE=degrade), for logs and tool results. */
  readonly notice?: string;
  readonly perWindow: number;
  readonly windowMs: number;
  stop(): Promise<void>;
}

/**
 * A true rolling window: each request takes a slot from a Bottleneck reservoir, and the slot returns
 * `windowMs` after the request *finished*. HubSpot saw the request arrive before we saw its answer
 * and will see the next one on that slot arrive after we send it, so two requests on one slot are
 * always more than a window apart at HubSpot, however the network delays them. (A fixed refresh
 * interval would allow twice the budget across a boundary; returning at the start would let
 * delivery jitter push one window over.)
 */
function rollingLimiter(
  perWindow: number,
  windowMs: number,
  maxConcurrent: number,
  marginMs: number,
  timers: Set<NodeJS.Timeout>,
) {
  const limiter = new Bottleneck({ reservoir: perWindow, maxConcurrent });
  const giveBack = () => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void limiter.incrementReservoir(1);
    }, windowMs + marginMs);
    // Not unref'd: a queued request may be waiting for exactly this slot (stop() clears them).
    timers.add(timer);
  };
  return {
    limiter,
    schedule<T>(task: () => Promise<T>, priority: number): Promise<T> {
      return limiter.schedule({ priority }, async () => {
        try {
          return await task();
        } finally {
          giveBack();
        }
      });
    },
  };
}

export function createLimiter(options: LimiterOptions): Limiter {
  const windowMs = options.windowMs ?? 10_000;
  const marginMs = options.marginMs ?? 5;
  const timers = new Set<NodeJS.Timeout>();
  const maxConcurrent = options.maxConcurrent ?? 10;
  let perWindow = options.perWindow;
  const general = rollingLimiter(perWindow, windowMs, maxConcurrent, marginMs, timers);
  const search = rollingLimiter(options.searchPerSecond ?? 5, 1_000, 3, 50, timers);

  return {
    get perWindow() {
      return perWindow;
    },
    windowMs,
    schedule(kind, task, priority = 5) {
      // Search has its own per-second budget and still spends a slot of the general one.
      if (kind === 'search') return search.schedule(() => general.schedule(task, priority), priority);
      return general.schedule(task, priority);
    },
    observeMax(max) {
      if (!Number.isInteger(max) || max <= 0 || max === perWindow) return;
      void general.limiter.incrementReservoir(max - perWindow);
      perWindow = max;
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([
        general.limiter.stop({ dropWaitingJobs: true }),
        search.limiter.stop({ dropWaitingJobs: true }),
      ]);
    },
  };
}
