import type { Sandbox } from 'hubspot-sandbox';

/**
 * When the requests HubSpot (the sandbox) counts arrived in [from, to), oldest first: 429s cost no
 * budget; `filter` picks operations (e.g. searches).
 */
export function arrivals(
  sandbox: Sandbox,
  from = 0,
  to = Number.POSITIVE_INFINITY,
  filter: (operation: string) => boolean = () => true,
): number[] {
  return sandbox.log.entries
    .filter((e) => e.status !== 429 && e.arrivedAt >= from && e.arrivedAt < to && filter(e.operation))
    .map((e) => e.arrivedAt)
    .sort((a, b) => a - b);
}

/** The most of `times` (sorted) in any rolling window: what a rolling budget allows at most. */
export function maxInWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}
