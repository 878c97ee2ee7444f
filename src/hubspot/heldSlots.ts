import type { RestoreSlot } from './sharedBudget.js';
import type { RequestKind } from './throttle.js';

const SEARCH_HOLD_MS = 1_000 + 50; // HubSpot's search second, and the in-process limiter's margin

/**
 * What this replica holds of the shared budget, on its own clock: requests in flight, and slots
 * whose requests finished less than a window (plus margin) ago, however they were sent (shared
 * slot or local fallback) and whether or not the store heard the finish. A store that lost its
 * state (Redis restarted or flushed) is given these back, as durations from now, so no replica's
 * clock has to agree with the store's.
 */
export function heldSlots(windowMs: number, marginMs = 50) {
  const inFlight = new Map<string, RequestKind>();
  let recent: Array<{ id: string; kind: RequestKind; until: number; searchUntil?: number }> = [];
  const prune = (now: number) => {
    if (recent.length > 0 && recent[0]!.until <= now) recent = recent.filter((s) => s.until > now);
  };
  return {
    started(id: string, kind: RequestKind) {
      inFlight.set(id, kind);
    },
    finished(id: string, kind: RequestKind) {
      inFlight.delete(id);
      const now = Date.now();
      recent.push({
        id,
        kind,
        until: now + windowMs + marginMs,
        ...(kind === 'search' ? { searchUntil: now + SEARCH_HOLD_MS } : {}),
      });
    },
    /** Requests in flight, for lease renewal. */
    inFlight: () => [...inFlight].map(([id, kind]) => ({ id, kind })),
    /** Nothing in flight and nothing finished within the window: nothing to renew or give back. */
    idle(): boolean {
      prune(Date.now());
      return inFlight.size === 0 && recent.length === 0;
    },
    /** Everything held, for a store that lost it: in-flight ones as leases (-1). */
    forRestore(): RestoreSlot[] {
      const now = Date.now();
      prune(now);
      const finished = recent.map((s): RestoreSlot => {
        const slot: RestoreSlot = { id: s.id, kind: s.kind, forMs: Math.max(1, s.until - now) };
        if (s.searchUntil !== undefined) slot.searchForMs = Math.max(0, s.searchUntil - now);
        return slot;
      });
      const leased = [...inFlight].map(
        ([id, kind]): RestoreSlot => ({ id, kind, forMs: -1, searchForMs: -1 }),
      );
      return [...finished, ...leased];
    },
  };
}

export type HeldSlots = ReturnType<typeof heldSlots>;
