import type { HubSpot } from '../hubspot/index.js';
import type { ObjectType } from '../hubspot/objectTypes.js';
import { typeSegment } from '../hubspot/paths.js';
import type { AssociationType } from '../hubspot/types.js';
import { BATCH, chunk } from './chunks.js';
import { type Pair, type PairResult, pairKey, specOf, unique, writePairs } from './pairOutcome.js';
import { readAssociations } from './read.js';

export type { Pair, PairResult, PairStatus } from './pairOutcome.js';

export interface PlannedRequest {
  method: string;
  path: string;
  inputs: number;
}

const requests = (path: string, count: number, size: number): PlannedRequest[] =>
  chunk(Array.from({ length: count }), size).map((part) => ({ method: 'POST', path, inputs: part.length }));

export function planAssociate(
  from: ObjectType,
  to: ObjectType,
  pairs: readonly Pair[],
  type?: AssociationType,
) {
  const base = `/crm/v4/associations/${typeSegment(from)}/${typeSegment(to)}`;
  const count = unique(pairs).length;
  if (!type) return requests(`${base}/batch/associate/default`, count, BATCH.undocumented);
  const fromIds = new Set(pairs.map((p) => p.fromId)).size;
  return [
    ...requests(`${base}/batch/read`, fromIds, BATCH.read),
    ...requests(`${base}/batch/create`, count, BATCH.create),
  ];
}

/** The labels each pair has now (only pairs in `pairs`), read in batches of 1,000 from-ids. */
async function currentTypes(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  pairs: Pair[],
): Promise<Map<string, AssociationType[]>> {
  const existing = new Map<string, AssociationType[]>();
  const wanted = new Set(pairs.map(pairKey));
  const fromIds = [...new Set(pairs.map((p) => p.fromId))].map((id) => ({ id }));
  await readAssociations(hubspot, from, to, fromIds, {
    onPage(fromId, objects) {
      for (const o of objects) {
        const k = pairKey({ fromId, toId: o.toObjectId });
        if (wanted.has(k)) existing.set(k, o.types);
      }
    },
  });
  return existing;
}

/**
 * Associates each pair: the default (unlabeled) type when `type` is absent, else that label.
 * HubSpot replaces a pair's labels on write, so a labeled write carries the pair's existing labels
 * too, and pairs that already have the label are left alone. Results come back in input order.
 */
export async function associatePairs(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  pairs: readonly Pair[],
  type?: AssociationType,
): Promise<PairResult[]> {
  let outcome: Map<string, PairResult>;
  if (!type) {
    outcome = await writePairs(
      pairs,
      BATCH.undocumented,
      (part) => hubspot.associations.batchAssociateDefault(from, to, part),
      (answer) => new Set((answer.results as Array<{ fromId: string; toId: string }>).map(pairKey)),
    );
  } else {
    const todo = unique(pairs);
    const existing = await currentTypes(hubspot, from, to, todo);
    const unchanged = new Set(
      todo.filter((p) => existing.get(pairKey(p))?.some((t) => t.typeId === type.typeId)),
    );
    const writes = todo
      .filter((p) => !unchanged.has(p))
      .map((p) => ({
        ...p,
        types: [
          ...(existing.get(pairKey(p)) ?? []).filter((t) => t.label !== null).map(specOf),
          specOf(type),
        ],
      }));
    outcome = await writePairs(writes, BATCH.create, (part) =>
      hubspot.associations.batchCreate(from, to, part),
    );
    for (const p of unchanged)
      outcome.set(pairKey(p), { fromId: p.fromId, toId: p.toId, status: 'unchanged' });
  }
  return pairs.map((p) => outcome.get(pairKey(p)) ?? { ...p, status: 'failed', error: 'not sent' });
}
