import { z } from 'zod';
import type { PairResult } from '../domain/associations/writes.js';
import { nameTools } from './advice.js';
import { associationTypeId, associationTypeOut, dryRun, label, objectType, pairs } from './schemas.js';

/** Per-pair detail is returned in full up to this many pairs; beyond it, counts and every failure. */
export const DETAIL_LIMIT = 200;

export const pairResultOut = z.object({
  fromId: z.string(),
  toId: z.string(),
  status: z.enum(['associated', 'unchanged', 'removed', 'absent', 'failed']),
  types: z.array(associationTypeOut).optional(),
  error: z.string().optional(),
});

export const plannedRequestOut = z.object({ method: z.string(), path: z.string(), inputs: z.number() });

export const pairOutputShape = {
  counts: z.record(z.string(), z.number()),
  results: z.array(pairResultOut).optional(),
  failures: z.array(pairResultOut),
};

export function summarisePairs(all: PairResult[]) {
  const counts: Record<string, number> = {};
  for (const r of all) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const results = all.map((r) => (r.error ? { ...r, error: nameTools(r.error) } : r));
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

/** associate_records and remove_associations take the same input… */
export const pairToolInput = {
  fromObjectType: objectType,
  toObjectType: objectType,
  pairs: pairs(10_000),
  label,
  associationTypeId,
  dryRun,
};

/** …and answer in the same shape: what was resolved, the plan (dry run) or the per-pair outcome. */
export const pairToolOutput = {
  fromObjectType: z.string(),
  toObjectType: z.string(),
  associationType: associationTypeOut.nullable(),
  dryRun: z.boolean(),
  plan: z.array(plannedRequestOut).optional(),
  ...pairOutputShape,
};
