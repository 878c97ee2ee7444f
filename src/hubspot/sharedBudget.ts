import type { RequestKind } from './throttle.js';

/**
 * One slot a replica holds, written back to a store that lost its state: it stays taken `forMs`
 * from the store's now (-1: leased, its request still in flight). Durations, not times: the
 * replica's clock never has to agree with the store's.
 */
export interface RestoreSlot {
  id: string;
  kind: RequestKind;
  forMs: number;
  /** Search slots also hold the per-second budget this long (-1: leased). */
  searchForMs?: number;
}

export type TakeReply =
  | { granted: true; epoch: string; limit: number; used: number; daily?: number }
  | {
      granted: false;
      epoch: string;
      /**
       * full: wait `waitMs` (also while the store settles after losing its state: see restore);
       * daily: the day's budget is spent; epoch: the state was lost (restore first).
       */
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
  /** The request finished: its slot returns a window (plus margin) from now. */
  finish(kind: RequestKind, id: string): Promise<void>;
  /** Extends the leases of requests still in flight; returns the store's epoch. */
  renew(inFlight: Array<{ id: string; kind: RequestKind }>): Promise<string>;
  /**
   * Writes back this replica's slots after the store lost its state; returns the new epoch. The
   * first restore of an epoch also stops new grants for one window: other replicas may still hold
   * slots they have not written back, and after a window nothing sent before the loss counts at
   * HubSpot any more (in-flight requests excepted: their replicas write them back as leases).
   */
  restore(slots: RestoreSlot[]): Promise<string>;
  /** Calls `listener` whenever the connection to the store comes back (a restarted Redis is empty). */
  onReconnect?(listener: () => void): void;
  setLimit(max: number): Promise<void>;
  setDailyRemaining(remaining: number): Promise<void>;
  state(): Promise<BudgetState>;
}
