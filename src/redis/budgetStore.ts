import type { BudgetState, BudgetStore, TakeReply } from '../hubspot/sharedBudget.js';
import type { RedisHandle } from './connect.js';

export interface RedisBudgetOptions {
  windowMs: number;
  /** How long an in-flight slot is held without renewal (a killed replica's slots return after it). */
  leaseMs: number;
  /** Extra wait before a slot returns (the in-process limiter's margins: 5 ms general, 50 ms search). */
  marginMs?: number;
  searchMarginMs?: number;
}

const SEARCH_WINDOW_MS = 1_000; // HubSpot: 5 searches per second per account (docs/hubspot-api.md §9)

const num = (v: unknown): number => Number(v);
const optional = (v: unknown): number | undefined => (num(v) < 0 ? undefined : num(v));

/** The shared budget as the one Lua script in budgetScript.ts keeps it. */
export function createRedisBudgetStore(
  redis: Pick<RedisHandle, 'budget'> & Partial<Pick<RedisHandle, 'onReconnect'>>,
  keys: string[],
  options: RedisBudgetOptions,
): BudgetStore {
  const head = [
    options.windowMs,
    SEARCH_WINDOW_MS,
    options.leaseMs,
    options.marginMs ?? 5,
    options.searchMarginMs ?? 50,
  ];
  const call = (op: string, ...args: Array<string | number>) => redis.budget(keys, [op, ...head, ...args]);

  return {
    async take(kind, id, limits, epoch): Promise<TakeReply> {
      const r = (await call('take', kind, id, limits.general, limits.search, epoch)) as unknown[];
      const [granted, waitMs, limit, used, daily, current, reason] = r;
      const common = { epoch: String(current), limit: num(limit), used: num(used), daily: optional(daily) };
      return num(granted) === 1
        ? { granted: true, ...common }
        : { granted: false, ...common, waitMs: num(waitMs), reason: reason as 'full' | 'daily' | 'epoch' };
    },
    async finish(kind, id) {
      await call('finish', kind, id);
    },
    async renew(inFlight) {
      return String(await call('renew', ...inFlight.flatMap((s) => [s.kind, s.id])));
    },
    async restore(slots) {
      const args = slots.flatMap((s) => [s.kind, s.id, s.forMs, s.searchForMs ?? 0]);
      return String(await call('restore', ...args));
    },
    ...(redis.onReconnect ? { onReconnect: redis.onReconnect } : {}),
    async setLimit(max) {
      await call('limit', max);
    },
    async setDailyRemaining(remaining) {
      await call('daily', remaining);
    },
    async state(): Promise<BudgetState> {
      const [used, searchUsed, limit, daily] = (await call('state')) as unknown[];
      const state: BudgetState = { used: num(used), searchUsed: num(searchUsed) };
      if (optional(limit) !== undefined) state.limit = num(limit);
      if (optional(daily) !== undefined) state.dailyRemaining = num(daily);
      return state;
    },
  };
}
