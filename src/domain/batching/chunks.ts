import { HubSpotError } from '../../hubspot/errors.js';
import type { BatchOutcome } from '../../hubspot/types.js';

/** HubSpot's batch maximums (docs/hubspot-api.md §6); endpoints with no documented cap use a safe size. */
export const BATCH = {
  create: 2_000,
  read: 1_000,
  /** associate/default, archive, labels/archive: cap undocumented; the create cap has held, and a "too many" 400 splits. */
  undocumented: 2_000,
  objects: 100,
} as const;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function tooManyInputs(error: unknown): boolean {
  return (
    error instanceof HubSpotError &&
    error.status === 400 &&
    /too many|exceed|at most|maximum|limit of|batch (input )?size/i.test(error.message)
  );
}

/**
 * Sends `items` in chunks of `size`, all through the throttle at once, and returns the answers in
 * chunk order. A chunk HubSpot calls too large is split in two and sent again.
 */
export async function sendChunked<T, R>(
  items: readonly T[],
  size: number,
  send: (part: T[]) => Promise<R>,
): Promise<Array<{ part: T[]; result: R } | { part: T[]; error: unknown }>> {
  const sendPart = async (
    part: T[],
  ): Promise<Array<{ part: T[]; result: R } | { part: T[]; error: unknown }>> => {
    try {
      return [{ part, result: await send(part) }];
    } catch (error) {
      if (part.length > 1 && tooManyInputs(error)) {
        const half = Math.ceil(part.length / 2);
        const [a, b] = await Promise.all([sendPart(part.slice(0, half)), sendPart(part.slice(half))]);
        return [...a, ...b];
      }
      return [{ part, error }];
    }
  };
  const answers = await Promise.all(chunk(items, size).map(sendPart));
  return answers.flat();
}

/** A batch answer with per-input errors (207 or inline) fails the call with HubSpot's own words. */
export function assertBatchOk<T>(outcome: BatchOutcome<T>, what: string): void {
  if (outcome.errors.length === 0) return;
  const first = outcome.errors[0];
  throw new HubSpotError(
    outcome.status,
    {
      message: outcome.errors.map((e) => e.message).join('; '),
      category: first?.category,
      context: first?.context,
    },
    { method: 'POST', path: what },
  );
}

/** Wraps a chunk sender so `progress(done, total)` is told as each request is answered. */
export function reporting<T, R>(
  total: number,
  progress: ((done: number, total: number) => void) | undefined,
  send: (part: T[]) => Promise<R>,
): (part: T[]) => Promise<R> {
  let sent = 0;
  return async (part) => {
    try {
      return await send(part);
    } finally {
      sent += part.length;
      progress?.(Math.min(sent, total), total);
    }
  };
}
