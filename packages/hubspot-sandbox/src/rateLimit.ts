/**
 * HubSpot's budgets per token: a rolling burst window (with X-HubSpot-RateLimit-* headers), a
 * per-second budget for search (no headers, as HubSpot) and an optional daily budget. Refused
 * requests (429) are not counted.
 */
import { PORTAL_ID } from './account.js';

/** HubSpot's rate-limit policies, as named in a 429 body's `policyName`. */
export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export type RequestKind = 'standard' | 'search';

export interface RateLimitSettings {
  max: number;
  windowMs: number;
  searchPerSecond: number;
  dailyLimit?: number;
}

export type Verdict =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; policy: RateLimitPolicy; headers: Record<string, string> };

export interface RateLimiter {
  admit(token: string, kind: RequestKind, now?: number): Verdict;
  setLimit(max: number, windowMs?: number): void;
  settings(): Readonly<RateLimitSettings>;
}

/** Accepted-request timestamps inside a rolling window. */
class Window {
  private stamps: number[] = [];
  private head = 0;

  count(now: number, windowMs: number): number {
    while (this.head < this.stamps.length && this.stamps[this.head]! <= now - windowMs) this.head++;
    if (this.head > 1024) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head;
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

interface Budget {
  burst: Window;
  search: Window;
  day: string;
  daily: number;
}

const APP_ID = 4242;

const MESSAGES: Record<RateLimitPolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

const GROUPS: Record<RateLimitPolicy, string> = {
  TEN_SECONDLY_ROLLING: `publicapi:private_app-api-calls-ten-secondly:${PORTAL_ID}:${APP_ID}`,
  SECONDLY: `publicapi:private_app-api-calls-search-secondly:${PORTAL_ID}`,
  DAILY: `publicapi:private_app-api-calls-daily:${PORTAL_ID}`,
};

/** The 429 body HubSpot sends for each policy (docs/hubspot-api.md §9.5). */
export function rateLimitBody(policy: RateLimitPolicy, correlationId: string): Record<string, unknown> {
  return {
    status: 'error',
    message: MESSAGES[policy],
    errorType: 'RATE_LIMIT',
    correlationId,
    policyName: policy,
    groupName: GROUPS[policy],
  };
}

export function createRateLimiter(initial: RateLimitSettings): RateLimiter {
  const settings: RateLimitSettings = { ...initial };
  const budgets = new Map<string, Budget>();

  const budgetOf = (token: string, now: number): Budget => {
    const day = new Date(now).toISOString().slice(0, 10);
    let budget = budgets.get(token);
    if (!budget) {
      budget = { burst: new Window(), search: new Window(), day, daily: 0 };
      budgets.set(token, budget);
    }
    // The daily budget resets at midnight (UTC here; HubSpot uses the account's time zone).
    if (budget.day !== day) {
      budget.day = day;
      budget.daily = 0;
    }
    return budget;
  };

  const dailyHeaders = (budget: Budget): Record<string, string> =>
    settings.dailyLimit === undefined
      ? {}
      : {
          'X-HubSpot-RateLimit-Daily': String(settings.dailyLimit),
          'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, settings.dailyLimit - budget.daily)),
        };

  const burstHeaders = (used: number): Record<string, string> => ({
    'X-HubSpot-RateLimit-Max': String(settings.max),
    'X-HubSpot-RateLimit-Remaining': String(Math.max(0, settings.max - used)),
    'X-HubSpot-RateLimit-Interval-Milliseconds': String(settings.windowMs),
  });

  return {
    admit(token, kind, now = Date.now()) {
      const budget = budgetOf(token, now);
      const dailySpent = settings.dailyLimit !== undefined && budget.daily >= settings.dailyLimit;
      if (kind === 'search') {
        if (dailySpent) return { ok: false, policy: 'DAILY', headers: {} };
        if (budget.search.count(now, 1000) >= settings.searchPerSecond) {
          return { ok: false, policy: 'SECONDLY', headers: {} };
        }
        budget.search.add(now);
        budget.daily++;
        return { ok: true, headers: {} };
      }
      const used = budget.burst.count(now, settings.windowMs);
      if (dailySpent)
        return { ok: false, policy: 'DAILY', headers: { ...burstHeaders(used), ...dailyHeaders(budget) } };
      if (used >= settings.max) {
        return {
          ok: false,
          policy: 'TEN_SECONDLY_ROLLING',
          headers: { ...burstHeaders(used), ...dailyHeaders(budget) },
        };
      }
      budget.burst.add(now);
      budget.daily++;
      return { ok: true, headers: { ...burstHeaders(used + 1), ...dailyHeaders(budget) } };
    },

    setLimit(max, windowMs) {
      settings.max = max;
      if (windowMs !== undefined) settings.windowMs = windowMs;
    },

    settings: () => ({ ...settings }),
  };
}
