import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociatedObject, AssociationType, StandardError } from '../../hubspot/types.js';
import { BATCH, chunk } from '../batching/chunks.js';
import { pairKey } from './outcome.js';

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

/**
 * The types each of `pairs` has now, read in batches of 1,000 from-ids (a pair with none is
 * missing from the map). A record that does not exist reads as having none.
 */
export async function typesOfPairs(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  pairs: ReadonlyArray<{ fromId: string; toId: string }>,
): Promise<Map<string, AssociationType[]>> {
  const wanted = new Set(pairs.map(pairKey));
  const found = new Map<string, AssociationType[]>();
  const fromIds = [...new Set(pairs.map((p) => p.fromId))].map((id) => ({ id }));
  await readAssociations(hubspot, from, to, fromIds, {
    onPage(fromId, objects) {
      for (const o of objects) {
        const k = pairKey({ fromId, toId: o.toObjectId });
        if (wanted.has(k) && o.types.length > 0) found.set(k, o.types);
      }
    },
  });
  return found;
}
