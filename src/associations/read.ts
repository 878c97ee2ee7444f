import type { HubSpot } from '../hubspot/index.js';
import type { ObjectType } from '../hubspot/objectTypes.js';
import type { AssociatedObject, StandardError } from '../hubspot/types.js';
import { BATCH, chunk } from './chunks.js';

export interface ReadProgress {
  /** Called for each page of one record's associations, in arrival order. */
  onPage(fromId: string, to: AssociatedObject[]): void | Promise<void>;
  onError?(error: StandardError): void;
  /** Stop once this many associations were delivered; the rest is returned as `pending`. */
  limit?: number;
}

export interface PendingRead {
  id: string;
  after?: string;
}

/**
 * Batch-reads associations (≤ 1,000 ids a request) and follows each input's own `paging.next.after`
 * until every record is complete or `limit` is reached. Returns what is still unread.
 */
export async function readAssociations(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  start: readonly PendingRead[],
  progress: ReadProgress,
): Promise<PendingRead[]> {
  let pending: PendingRead[] = [...start];
  let delivered = 0;
  const limit = progress.limit ?? Number.POSITIVE_INFINITY;
  while (pending.length > 0 && delivered < limit) {
    const next: PendingRead[] = [];
    const parts = chunk(pending, BATCH.read);
    const outcomes = await Promise.all(parts.map((part) => hubspot.associations.batchRead(from, to, part)));
    for (const [i, outcome] of outcomes.entries()) {
      const byId = new Map(outcome.results.map((r) => [r.fromId, r]));
      for (const input of parts[i] ?? []) {
        const result = byId.get(input.id);
        if (!result) continue; // no associations (HubSpot reports these as per-input errors)
        await progress.onPage(input.id, result.to);
        delivered += result.to.length;
        if (result.after) next.push({ id: input.id, after: result.after });
      }
      for (const error of outcome.errors) progress.onError?.(error);
    }
    pending = next;
  }
  return pending;
}
