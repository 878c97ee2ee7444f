import { InputError } from '../../hubspot/errors.js';
import { pairKey } from '../associations/outcome.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { isUnknownType, retyped, typeKey } from '../labels/rejection.js';
import type { PairDelta, StoredType } from './changes.js';
import { type LinksUndo, relinkRemoved } from './undoLinks.js';

/**
 * relinkRemoved, and for the pairs HubSpot refused because it no longer knows a label's type (the
 * label was deleted, or deleted and made again, elsewhere since the change): the labels looked up
 * once more by their text in a fresh list, and those pairs put back with what the text names now;
 * a label that is gone is reported with the fix.
 */
export async function relinkKnown(
  deps: Parameters<typeof relinkRemoved>[0] & { labels: Pick<LabelCatalog, 'resolveAgain'> },
  from: StoredType,
  to: StoredType,
  removed: PairDelta[],
  dryRun: boolean,
): Promise<LinksUndo> {
  const first = await relinkRemoved(deps, from, to, removed, dryRun);
  const refused = new Set(
    first.items.filter((i) => i.status === 'failed' && isUnknownType(i.reason)).map((i) => i.item),
  );
  if (dryRun || refused.size === 0) return first;
  const pairs = removed.filter((p) => refused.has(pairKey(p)));
  const now = await retyped(
    deps.labels,
    from,
    to,
    pairs.flatMap((p) => p.types.map((type) => ({ type }))),
  );
  const reasons = new Map<string, string>();
  const again = pairs.flatMap((p) => {
    const types = p.types.map((t) => now.get(typeKey(t)) ?? t);
    const gone = types.find((t) => t instanceof InputError);
    if (gone) reasons.set(pairKey(p), `${gone.problem}; ${gone.fix}`);
    const changed = types.some((t, i) => !(t instanceof InputError) && typeKey(t) !== typeKey(p.types[i]!));
    const known = types.filter((t): t is Exclude<typeof t, InputError> => !(t instanceof InputError));
    return gone || !changed ? [] : [{ ...p, types: known }];
  });
  const second =
    again.length > 0 ? await relinkRemoved(deps, from, to, again, false) : { items: [], pairs: [] };
  const redone = new Map(second.items.map((i) => [i.item, i]));
  return {
    items: first.items.map((i) => {
      const why = reasons.get(i.item);
      return redone.get(i.item) ?? (why ? { ...i, reason: why } : i);
    }),
    pairs: [...first.pairs, ...second.pairs],
  };
}
