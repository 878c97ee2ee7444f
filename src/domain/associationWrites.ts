import type { HubSpot } from '../hubspot/index.js';
import type { ObjectType } from '../hubspot/objectTypes.js';
import type { AssociationType, BatchOutcome } from '../hubspot/types.js';
import { BATCH } from './batches.js';
import { type Pair, type PairResult, pairKey, specOf, unique, writePairs } from './pairOutcome.js';
import { typesOfPairs } from './read.js';

export type { Pair, PairResult, PairStatus } from './pairOutcome.js';

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
  // What the portal holds decides a pair the answer leaves in doubt: any link for the default type
  // (HubSpot keeps the unlabeled type under every label), the label's typeId otherwise.
  const judge = {
    confirmed: (answer: BatchOutcome<unknown>) =>
      new Set(
        (
          answer.results as Array<{
            fromId?: string;
            toId?: string;
            fromObjectId?: string;
            toObjectId?: string;
          }>
        ).map((r) =>
          pairKey({ fromId: r.fromId ?? r.fromObjectId ?? '', toId: r.toId ?? r.toObjectId ?? '' }),
        ),
      ),
    async holds(unsure: Pair[]) {
      const now = await typesOfPairs(hubspot, from, to, unsure);
      return new Set(
        [...now].filter(([, types]) => !type || types.some((t) => t.typeId === type.typeId)).map(([k]) => k),
      );
    },
  };
  let outcome: Map<string, PairResult>;
  if (!type) {
    outcome = await writePairs(
      pairs,
      BATCH.undocumented,
      (part) => hubspot.associations.batchAssociateDefault(from, to, part),
      judge,
    );
  } else {
    const todo = unique(pairs);
    const existing = await typesOfPairs(hubspot, from, to, todo);
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
    outcome = await writePairs(
      writes,
      BATCH.create,
      (part) => hubspot.associations.batchCreate(from, to, part),
      judge,
    );
    for (const p of unchanged)
      outcome.set(pairKey(p), { fromId: p.fromId, toId: p.toId, status: 'unchanged' });
  }
  return pairs.map((p) => outcome.get(pairKey(p)) ?? { ...p, status: 'failed', error: 'not sent' });
}
