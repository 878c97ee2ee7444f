import type { RequestKind } from './throttle.js';

/** One slot a replica holds or held: `untilMs` (Redis clock) is when it returns; -1 = a lease from now. */
export interface HeldSlot {
  id: string;
  kind: RequestKind;
  untilMs: number;
  /** Search slots also hold the per-second budget until this time. */
  searchUntilMs?: number;
}

export type TakeReply =
  | { granted: true; epoch: string; limit: number; used: number; daily?: number }
  | {
      granted: false;
      epoch: string;
      /** full: wait `waitMs`; daily: the day's budget is spent; epoch: the state was lost (restore first). */
      reason: 'full' | 'daily' | 'epoch';
      waitMs: number;
      limit: number;
      used: number;
      daily?: number;
    };

export interface BudgetState {
  /** Slots taken in the general window (leased in-flight ones included), by every replica. */
  used: number;
  searchUsed: number;
  /** The shared limit HubSpot last announced (X-HubSpot-RateLimit-Max), if any replica saw one. */
  limit?: number;
  /** X-HubSpot-RateLimit-Daily-Remaining as last seen, less the requests sent since. */
  dailyRemaining?: number;
}

/**
 * The budget the replicas of one HubSpot app share (a Redis sliding log, src/redis/). The client
 * keeps its local queue (priorities, concurrency) and asks this store for every slot; every step
 * is one atomic call on the store's clock, and limits are passed as absolute values.
 */
export interface BudgetStore {
  take(
    kind: RequestKind,
    id: string,
    limits: { general: number; search: number },
    epoch: string,
  ): Promise<TakeReply>;
  /** The request finished: its slot returns a window (plus margin) from now. Returns the slot as held. */
  finish(kind: RequestKind, id: string): Promise<HeldSlot>;
  /** Extends the leases of requests still in flight; returns the store's epoch. */
  renew(inFlight: Array<{ id: string; kind: RequestKind }>): Promise<string>;
  /** Writes back this replica's slots after the store lost its state; returns the new epoch. */
  restore(slots: HeldSlot[]): Promise<string>;
  setLimit(max: number): Promise<void>;
  setDailyRemaining(remaining: number): Promise<void>;
  state(): Promise<BudgetState>;
}
