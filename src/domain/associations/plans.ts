import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { BatchOperation, Routes } from '../../hubspot/routes.js';
import type { AssociationType } from '../../hubspot/types.js';
import { BATCH, chunk } from '../batching/chunks.js';
import { type Pair, unique } from './outcome.js';

/** One request a write would send: a dry run's answer. */
export interface PlannedRequest {
  method: string;
  path: string;
  inputs: number;
}

/**
 * The requests associatePairs / removePairs send for these pairs, with the paths taken from the
 * client's route table, so a plan never names a path the client does not send.
 */
export function createPlanner(routes: Routes) {
  const requests = (from: ObjectType, to: ObjectType, op: BatchOperation, count: number, size: number) =>
    chunk(Array.from({ length: count }), size).map((part) => ({
      method: 'POST',
      path: routes.associationBatch(from, to, op),
      inputs: part.length,
    }));
  const fromIds = (pairs: readonly Pair[]) => new Set(pairs.map((p) => p.fromId)).size;
  return {
    /** Read the pairs (what they hold now), then one associate/default per 2,000 pairs, or create for a label. */
    associate(
      from: ObjectType,
      to: ObjectType,
      pairs: readonly Pair[],
      type?: AssociationType,
    ): PlannedRequest[] {
      const count = unique(pairs).length;
      const reads = requests(from, to, 'read', fromIds(pairs), BATCH.read);
      if (!type) return [...reads, ...requests(from, to, 'associate/default', count, BATCH.undocumented)];
      return [...reads, ...requests(from, to, 'create', count, BATCH.create)];
    },
    /** Read the pairs (to report what goes), then archive all types or the one label. */
    remove(
      from: ObjectType,
      to: ObjectType,
      pairs: readonly Pair[],
      type?: AssociationType,
    ): PlannedRequest[] {
      return [
        ...requests(from, to, 'read', fromIds(pairs), BATCH.read),
        ...requests(from, to, type ? 'labels/archive' : 'archive', unique(pairs).length, BATCH.undocumented),
      ];
    },
  };
}
