import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import { removePairs } from './removals.js';
import { associatePairs, type Pair, type PairResult, type WriteProgress } from './writes.js';

export type { WriteProgress } from './writes.js';

import { type CoalescerOptions, createCoalescer } from '../batching/coalesce.js';
import type { Target } from '../labels/target.js';
import { createPlanner } from './plans.js';

const keyOf = (op: string, t: Target) =>
  `${op}:${t.from.id}>${t.to.id}:${t.type ? `${t.type.category}/${t.type.typeId}` : 'all'}`;

/**
 * Association writes for every session of the process: concurrent small calls of the same kind are
 * merged into one batch request, and labeled writes to one object-type pair run one at a time,
 * because each carries the pair's existing labels (HubSpot replaces a pair's label set) and two at
 * once could drop each other's label.
 */
export function createAssociationWriter(
  hubspot: Pick<HubSpot, 'associations' | 'routes'>,
  options: CoalescerOptions = {},
) {
  const chains = new Map<string, Promise<unknown>>();
  const serial = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const next = (chains.get(key) ?? Promise.resolve()).then(task, task);
    const settled = next.catch(() => {});
    chains.set(key, settled);
    void settled.then(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    return next;
  };
  const write = (t: Target, items: Pair[], progress?: WriteProgress) =>
    t.type
      ? serial(`${t.from.id}>${t.to.id}`, () =>
          associatePairs(hubspot, t.from, t.to, items, t.type, progress),
        )
      : associatePairs(hubspot, t.from, t.to, items, undefined, progress);
  const associate = createCoalescer<Target, Pair, PairResult>((t, items) => write(t, items), options);
  const remove = createCoalescer<Target, Pair, PairResult>(
    (t, items) => removePairs(hubspot, t.from, t.to, items, t.type),
    options,
  );
  return {
    /** The requests a write would send (dry run). */
    plan: createPlanner(hubspot.routes),
    /** With `progress` (a long write that reports as it goes) the call is sent on its own, not merged. */
    associate: (
      from: ObjectType,
      to: ObjectType,
      pairs: Pair[],
      type?: AssociationType,
      progress?: WriteProgress,
    ) =>
      progress
        ? write({ from, to, type }, pairs, progress)
        : associate.add(keyOf('associate', { from, to, type }), { from, to, type }, pairs),
    remove: (
      from: ObjectType,
      to: ObjectType,
      pairs: Pair[],
      type?: AssociationType,
      progress?: WriteProgress,
    ) =>
      progress
        ? removePairs(hubspot, from, to, pairs, type, progress)
        : remove.add(keyOf('remove', { from, to, type }), { from, to, type }, pairs),
  };
}

export type AssociationWriter = ReturnType<typeof createAssociationWriter>;
