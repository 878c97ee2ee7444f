/** Batch answers: HubSpot's envelope and its input caps. */
import { type SandboxError, standardError } from './errors.js';

/** Inputs per request (docs/hubspot-api.md §6). Undocumented caps use the batch-create figure. */
export const CAPS = {
  associationsCreate: 2000,
  associationsRead: 1000,
  /** associate/default, archive, labels/archive and limit configurations: no documented cap. */
  associationsOther: 2000,
  objects: 100,
} as const;

/** `BatchResponse…` (and `…WithErrors` when errors is not empty). */
export function envelope(
  startedAt: Date,
  results: unknown[],
  errors: readonly SandboxError[] = [],
): Record<string, unknown> {
  return {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors: errors.map(standardError) } : {}),
    startedAt: startedAt.toISOString(),
    completedAt: new Date().toISOString(),
  };
}

/** 207 when any input failed, otherwise the endpoint's success status. */
export const batchStatus = (errors: readonly unknown[], ok: number) => (errors.length > 0 ? 207 : ok);
