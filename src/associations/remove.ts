import type { HubSpot } from '../hubspot/index.js';
import type { ObjectType } from '../hubspot/objectTypes.js';
import { typeSegment } from '../hubspot/paths.js';
import type { AssociationType } from '../hubspot/types.js';
import { BATCH, chunk, sendChunked } from './chunks.js';
import { failure, type Pair, type PairResult, pairKey, specOf, unique } from './pairOutcome.js';
import type { PlannedRequest } from './records.js';

export function planRemove(
  from: ObjectType,
  to: ObjectType,
  pairs: readonly Pair[],
  type?: AssociationType,
): PlannedRequest[] {
  const path = `/crm/v4/associations/${typeSegment(from)}/${typeSegment(to)}/batch/${type ? 'labels/archive' : 'archive'}`;
  return chunk(unique(pairs), BATCH.undocumented).map((part) => ({
    method: 'POST',
    path,
    inputs: part.length,
  }));
}

/** Without `type` removes every association of each pair; with it, only that label. HubSpot answers 204: no per-pair detail. */
export async function removePairs(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  pairs: readonly Pair[],
  type?: AssociationType,
): Promise<PairResult[]> {
  const answers = await sendChunked(unique(pairs), BATCH.undocumented, async (part) => {
    if (type) {
      const spec = specOf(type);
      return hubspot.associations.batchArchiveLabels(
        from,
        to,
        part.map((p) => ({ ...p, types: [spec] })),
      );
    }
    const byFrom = new Map<string, string[]>();
    for (const p of part) {
      const toIds = byFrom.get(p.fromId);
      if (toIds) toIds.push(p.toId);
      else byFrom.set(p.fromId, [p.toId]);
    }
    return hubspot.associations.batchArchive(
      from,
      to,
      [...byFrom].map(([fromId, toIds]) => ({ fromId, toIds })),
    );
  });
  const outcome = new Map<string, PairResult>();
  for (const answer of answers) {
    for (const p of answer.part) {
      const error = 'error' in answer ? failure(answer.error) : undefined;
      outcome.set(pairKey(p), error ? { ...p, status: 'failed', error } : { ...p, status: 'removed' });
    }
  }
  return pairs.map((p) => outcome.get(pairKey(p)) ?? { ...p, status: 'failed', error: 'not sent' });
}
