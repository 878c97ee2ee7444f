import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationSpec, BatchOutcome } from '../../hubspot/types.js';
import { type Pair, type PairResult, pairKey, writePairs } from '../associations/outcome.js';
import { typesOfPairs } from '../associations/read.js';
import { BATCH } from '../batching/chunks.js';

/** A pair to link: the default association, or exactly `types` (the pair's full set: HubSpot replaces it). */
export interface LinkWrite extends Pair {
  types?: AssociationSpec[];
}

type Answer = { fromId?: string; toId?: string; fromObjectId?: string; toObjectId?: string };

/**
 * Writes links whose current state the caller already knows (it read the pairs, or a record was
 * just created and has none): the default in chunks of 2,000 (associate/default), full label sets
 * in chunks of 2,000 (create). A pair the answer leaves in doubt is read back, as the writer does.
 */
export async function writeLinks(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  writes: readonly LinkWrite[],
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, PairResult>> {
  const want = new Map(writes.map((w) => [pairKey(w), (w.types ?? []).map((t) => t.associationTypeId)]));
  let sent = 0;
  const counted =
    <T>(send: (part: T[]) => Promise<BatchOutcome<unknown>>) =>
    async (part: T[]) => {
      try {
        return await send(part);
      } finally {
        sent += part.length;
        onProgress?.(sent, writes.length);
      }
    };
  const judge = {
    confirmed: (answer: BatchOutcome<unknown>) =>
      new Set(
        (answer.results as Answer[]).map((r) =>
          pairKey({ fromId: r.fromId ?? r.fromObjectId ?? '', toId: r.toId ?? r.toObjectId ?? '' }),
        ),
      ),
    async holds(unsure: Pair[]) {
      const now = await typesOfPairs(hubspot, from, to, unsure);
      return new Set(
        unsure
          .filter((p) => {
            const have = now.get(pairKey(p)) ?? [];
            return (
              have.length > 0 && (want.get(pairKey(p)) ?? []).every((id) => have.some((h) => h.typeId === id))
            );
          })
          .map(pairKey),
      );
    },
  };
  const plain = writes.filter((w) => !w.types);
  const full = writes.filter((w): w is Pair & { types: AssociationSpec[] } => w.types !== undefined);
  const [a, b] = await Promise.all([
    writePairs(
      plain,
      BATCH.undocumented,
      counted((part: Pair[]) => hubspot.associations.batchAssociateDefault(from, to, part)),
      judge,
    ),
    writePairs(
      full,
      BATCH.create,
      counted((part: typeof full) => hubspot.associations.batchCreate(from, to, part)),
      judge,
    ),
  ]);
  return new Map([...a, ...b]);
}
