import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType, BatchOutcome } from '../../hubspot/types.js';
import { BATCH, reporting } from '../batching/chunks.js';
import { type Pair, type PairResult, pairKey, specOf, unique, writePairs } from './outcome.js';
import { typesOfPairs } from './read.js';

export type { Pair, PairResult, PairStatus } from './outcome.js';

/** Pairs sent so far of those a write sends (called as each batch request is answered). */
export type WriteProgress = (done: number, total: number) => void;

/**
 * Associates each pair: the default (unlabeled) type when `type` is absent, else that label. The
 * pairs are read first (1 request per 1,000 from-ids): pairs that already hold it are left alone
 * (`unchanged`), and since HubSpot replaces a pair's labels on write, a labeled write carries the
 * pair's existing labels too. Results come back in input order.
 */
export async function associatePairs(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  pairs: readonly Pair[],
  type?: AssociationType,
  progress?: WriteProgress,
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
  // Read first: a pair that already holds what this write adds is left alone (`unchanged`, nothing
  // sent), and a labeled write must carry the pair's other labels (HubSpot replaces the set).
  // Knowing which pairs had no link at all is also what an exact undo needs (newLink).
  const todo = unique(pairs);
  const existing = await typesOfPairs(hubspot, from, to, todo);
  const unchanged = new Set(
    todo.filter((p) => {
      const now = existing.get(pairKey(p)) ?? [];
      return type ? now.some((t) => t.typeId === type.typeId) : now.length > 0;
    }),
  );
  const fresh = todo.filter((p) => !unchanged.has(p));
  if (!type) {
    outcome = await writePairs(
      fresh,
      BATCH.undocumented,
      reporting(fresh.length, progress, (part: Pair[]) =>
        hubspot.associations.batchAssociateDefault(from, to, part),
      ),
      judge,
    );
  } else {
    const writes = fresh.map((p) => ({
      ...p,
      types: [...(existing.get(pairKey(p)) ?? []).filter((t) => t.label !== null).map(specOf), specOf(type)],
    }));
    outcome = await writePairs(
      writes,
      BATCH.create,
      reporting(writes.length, progress, (part: typeof writes) =>
        hubspot.associations.batchCreate(from, to, part),
      ),
      judge,
    );
  }
  for (const p of unchanged) outcome.set(pairKey(p), { fromId: p.fromId, toId: p.toId, status: 'unchanged' });
  // A pair that had no link gained HubSpot's unlabeled type too.
  for (const [k, r] of outcome) if (r.status === 'associated' && !existing.has(k)) r.newLink = true;
  return pairs.map((p) => outcome.get(pairKey(p)) ?? { ...p, status: 'failed', error: 'not sent' });
}
