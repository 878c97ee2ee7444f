import type { AssociationType } from '../../hubspot/types.js';
import { pairKey } from '../associations/outcome.js';
import { type Change, InterruptedChange, type PairDelta, type StoredType } from './changes.js';

/**
 * Gathers what a long write (an import) changed, chunk by chunk, into one journal change. A pair
 * written more than once (one label after another) keeps one delta with every type it gained.
 */
export function collectChanges() {
  const created: Array<{ type: StoredType; id: string }> = [];
  const pairs = new Map<string, PairDelta>();
  return {
    created(type: StoredType, id: string) {
      created.push({ type, id });
    },
    added(delta: PairDelta) {
      const k = pairKey(delta);
      const have = pairs.get(k);
      if (!have) {
        pairs.set(k, { fromId: delta.fromId, toId: delta.toId, types: [...delta.types] });
        return;
      }
      for (const t of delta.types)
        if (!have.types.some((x: AssociationType) => x.typeId === t.typeId && x.category === t.category))
          have.types.push(t);
    },
    /** An import of links: the associate change. */
    links(from: StoredType, to: StoredType): Change {
      return { kind: 'associate', from, to, pairs: [...pairs.values()] };
    },
    /** An import that created records and linked them. */
    records(from: StoredType, to: StoredType): Change {
      return { kind: 'records', created: [...created], links: { from, to, pairs: [...pairs.values()] } };
    },
  };
}

export type ChangeCollector = ReturnType<typeof collectChanges>;

/** Runs a long write; if it stops part-way, what it had changed goes with the error (to be journaled). */
export async function keepingChanges<T>(
  run: () => Promise<T>,
  changed: () => Change | undefined,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const change = changed();
    throw change ? new InterruptedChange(error, change) : error;
  }
}
