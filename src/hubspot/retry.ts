import { HubSpotError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all for 5xx and network errors (first try included). */
  maxAttempts?: number;
  /** Rate-limit (429) retries allowed per request. */
  maxRateLimitRetries?: number;
  /** No retry starts after this many ms since the first attempt. */
  deadlineMs?: number;
  /** First backoff for 5xx/network errors; doubles each attempt, with full jitter. */
  baseDelayMs?: number;
  /** Multiplies every computed wait; tests set it small so waits take milliseconds. */
  timeScale?: number;
  random?: () => number;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: string;
}

export interface AttemptState {
  attempt: number; // 1-based attempt that just failed
  rateLimitRetries: number;
  elapsedMs: number;
  /** False for requests that create something (a blind repeat could duplicate it). */
  idempotent: boolean;
}

/**
 * Statuses HubSpot answers before doing any work: safe to repeat even for non-idempotent calls.
 * Not 503: a gateway or proxy may answer it after the write reached HubSpot, so a create that
 * meets a 503 is settled by reading, never by repeating it.
 */
const NOT_PROCESSED = new Set([423, 429]);
/** Transient server-side failures worth another try (HubSpot error-handling guide). */
const TRANSIENT = new Set([500, 502, 503, 504, 521, 523, 524]);

export type RetryPolicy = ReturnType<typeof createRetryPolicy>;

/**
 * The one place that decides whether a failed HubSpot call is tried again and after how long.
 * 429 TEN_SECONDLY_ROLLING/SECONDLY wait for the window; DAILY never retries; 4xx never retry;
 * 5xx and network errors back off exponentially with jitter, within attempt and time caps.
 */
export function createRetryPolicy(options: RetryOptions = {}) {
  const maxAttempts = options.maxAttempts ?? 4;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 4;
  const deadlineMs = options.deadlineMs ?? 60_000;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const scale = options.timeScale ?? 1;
  const random = options.random ?? Math.random;

  function rateLimitWait(error: HubSpotError): number {
    if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1_000;
    const interval = Number(error.intervalMs);
    if (Number.isFinite(interval) && interval > 0) return interval;
    return error.policyName === 'SECONDLY' ? 1_000 : 10_000;
  }

  function decide(error: unknown, state: AttemptState): RetryDecision {
    const no = (reason: string): RetryDecision => ({ retry: false, delayMs: 0, reason });
    if (!(error instanceof HubSpotError)) return no('not a HubSpot error');
    const { status } = error;
    // Refused by the shared budget before sending: it already waited as long as was sensible.
    if (error.category === 'BUDGET') return no('refused by the budget');
    let delayMs: number;
    if (status === 429) {
      if (error.policyName === 'DAILY') return no('daily limit');
      if (state.rateLimitRetries >= maxRateLimitRetries) return no('rate-limit retries spent');
      delayMs = rateLimitWait(error) * scale;
    } else if (status === 423) {
      delayMs = 2_000 * scale; // HubSpot: "include a delay of at least 2 seconds"
      if (state.attempt >= maxAttempts) return no('attempts spent');
    } else if (status === 0 || TRANSIENT.has(status)) {
      if (!state.idempotent && !NOT_PROCESSED.has(status)) return no('may have been applied; not repeated');
      if (state.attempt >= maxAttempts) return no('attempts spent');
      const cap = baseDelayMs * 2 ** (state.attempt - 1);
      delayMs = (cap / 2 + random() * (cap / 2)) * scale;
    } else {
      return no(`HTTP ${status} is final`);
    }
    if (state.elapsedMs + delayMs > deadlineMs) return no('deadline reached');
    return { retry: true, delayMs, reason: `HTTP ${status || 'network error'}` };
  }

  return { decide };
}
