import { z } from 'zod';
import type { PairResult } from '../associations/records.js';

/** Per-pair detail is returned in full up to this many pairs; beyond it, counts and every failure. */
export const DETAIL_LIMIT = 200;

export const pairResultOut = z.object({
  fromId: z.string(),
  toId: z.string(),
  status: z.enum(['associated', 'unchanged', 'removed', 'failed']),
  error: z.string().optional(),
});

export const plannedRequestOut = z.object({ method: z.string(), path: z.string(), inputs: z.number() });

export const pairOutputShape = {
  counts: z.record(z.string(), z.number()),
  results: z.array(pairResultOut).optional(),
  failures: z.array(pairResultOut),
};

export function summarisePairs(results: PairResult[]) {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return {
    counts,
    results: results.length <= DETAIL_LIMIT ? results : undefined,
    failures: results.filter((r) => r.status === 'failed'),
  };
}

export function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}
