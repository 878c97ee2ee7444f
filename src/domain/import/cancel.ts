import { CancelledError, NOT_SENT } from '../../hubspot/errors.js';
import { RERUN } from './batch.js';

/** A row the import did not finish because the call was cancelled (its report line says so). */
export const CANCELLED = 'cancelled before this row';

/**
 * One chunk of a run that may be cancelled (RunOptions.signal): once cancelled, the chunk's rows
 * are not started but reported "cancelled before this row" with the fix (run it again: rows done
 * are found, not repeated); a chunk under way keeps the rows it finished and reports the others,
 * whose requests were refused before they were sent, the same way. What it had created by then
 * is in the journal already (ChangeCollector).
 */
export async function unlessCancelled<R extends { error?: string; fix?: string }, Row>(
  signal: AbortSignal | undefined,
  rows: Row[],
  cancelled: (row: Row) => R,
  work: () => Promise<R[]>,
): Promise<R[]> {
  const mark = (row: Row) => ({ ...cancelled(row), error: CANCELLED, fix: RERUN });
  if (signal?.aborted) return rows.map(mark);
  let out: R[];
  try {
    out = await work();
  } catch (error) {
    if (error instanceof CancelledError) return rows.map(mark);
    throw error;
  }
  if (!signal?.aborted) return out;
  return out.map((r) => (r.error?.includes(NOT_SENT) ? { ...r, error: CANCELLED, fix: RERUN } : r));
}
