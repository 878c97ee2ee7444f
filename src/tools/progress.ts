import type { ToolExtra } from './types.js';

/** Pairs one association batch request carries: writes over more than this report progress. */
export const BATCH_PAIRS = 2_000;

/** Gap between two progress notifications: often enough to watch, rare enough to cost nothing. */
const EVERY_MS = 200;

/**
 * notifications/progress for a long call, when the caller passed a progress token: `progress`
 * rises strictly and `total` is always set; the last step (done = total) is always sent.
 * Returns undefined without a token, so the domain skips the bookkeeping.
 */
export function progressNotifier(
  extra: ToolExtra,
): ((done: number, total: number, message?: string) => void) | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let last = -1;
  let at = 0;
  return (done, total, message) => {
    const progress = Math.min(done, total);
    if (progress <= last || (progress < total && Date.now() - at < EVERY_MS)) return;
    last = progress;
    at = Date.now();
    void extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress, total, ...(message ? { message } : {}) },
      })
      .catch(() => {});
  };
}
