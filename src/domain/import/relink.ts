import { InputError } from '../../hubspot/errors.js';
import { pairKey } from '../associations/outcome.js';
import type { PairDelta } from '../journal/changes.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { isUnknownType, retyped, typeKey } from '../labels/rejection.js';
import { COMPANIES, CONTACTS } from '../records/findOrCreate.js';
import { type LinkOutcome, type LinkWanted, linkPairs } from './links.js';

type Deps = Parameters<typeof linkPairs>[0] & { labels: Pick<LabelCatalog, 'unlabeled' | 'resolveAgain'> };

/**
 * linkPairs, and for the pairs HubSpot refused because it no longer knows a label's type (deleted,
 * or deleted and made again, elsewhere since the list was read): their labels looked up once more
 * in a fresh list (one read for the import: the catalogue shares it) and the pairs written again
 * with what the labels name now. A label that is gone fails its rows with the choices.
 */
export async function linkPairsKnown(
  deps: Deps,
  wanted: readonly LinkWanted[],
  onProgress?: Parameters<typeof linkPairs>[2],
  added?: (delta: PairDelta) => void,
): Promise<Map<string, LinkOutcome>> {
  const out = await linkPairs(deps, wanted, onProgress, added);
  const refused = (w: LinkWanted) => {
    const outcome = out.get(pairKey(w));
    return outcome !== undefined && 'error' in outcome && isUnknownType(outcome.error);
  };
  // Every row of a refused pair: the pair is written with its whole set again.
  const again = wanted.filter(refused);
  const labeled = again.flatMap((w) => (w.type ? [{ type: w.type }] : []));
  if (labeled.length === 0) return out;
  const now = await retyped(deps.labels, CONTACTS, COMPANIES, labeled);
  const gone = new Map<string, LinkOutcome>();
  let changed = false;
  const retry = again.flatMap((w) => {
    const type = w.type && now.get(typeKey(w.type));
    if (type instanceof InputError) gone.set(pairKey(w), { error: `label: ${type.problem}`, fix: type.fix });
    if (!type || type instanceof InputError) return [w];
    changed ||= typeKey(type) !== typeKey(w.type as NonNullable<typeof w.type>);
    return [{ ...w, type }];
  });
  // Nothing named anew: HubSpot's answer stands.
  if (changed) {
    const second = await linkPairs(
      deps,
      retry.filter((w) => !gone.has(pairKey(w))),
      undefined,
      added,
    );
    for (const [k, o] of second) out.set(k, o);
  }
  for (const [k, o] of gone) out.set(k, o);
  return out;
}
