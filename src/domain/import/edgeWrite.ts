import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import { type Pair, pairKey, specOf } from '../associations/outcome.js';
import { typesOfPairs } from '../associations/read.js';
import type { PairDelta } from '../journal/changes.js';
import type { EdgeRowResult, Wanted } from './edgeTypes.js';
import { writeLinks } from './write.js';

const isDefault = (t: AssociationType) => t.label === null && t.category === 'HUBSPOT_DEFINED';

/**
 * Reads the pairs, then writes what each lacks: the default association, or the pair's full label
 * set (what it has plus what the rows add). Each row of a pair gets the pair's outcome.
 */
export async function writeEdges(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  wanted: Wanted,
  results: Map<number, EdgeRowResult>,
  options: {
    onProgress?: (done: number, of: number) => void;
    /** Hears the types each pair gained (for the journal); `unlabeled` is what a new link gains too. */
    added?: (delta: PairDelta) => void;
    unlabeled?: AssociationType;
  } = {},
) {
  const existing = await typesOfPairs(
    hubspot,
    from,
    to,
    [...wanted.values()].map((w) => w.pair),
  );
  const plain: Pair[] = [];
  const full: Array<Pair & { types: ReturnType<typeof specOf>[] }> = [];
  const status = new Map<string, 'unchanged' | 'associated' | { error: string }>();
  const gains = new Map<string, AssociationType[]>();
  for (const [k, { pair, types }] of wanted) {
    const have = existing.get(k) ?? [];
    const missing = [...types.values()].filter((t) => !have.some((h) => h.typeId === t.typeId));
    const plainType = have.length === 0 && options.unlabeled ? [options.unlabeled] : [];
    gains.set(k, [...plainType.filter((u) => !missing.some((m) => m.typeId === u.typeId)), ...missing]);
    if (have.length > 0 && missing.length === 0) status.set(k, 'unchanged');
    else if (missing.every(isDefault)) plain.push(pair);
    else full.push({ ...pair, types: [...have, ...missing].map(specOf) });
  }
  const outcomes = (await writeLinks(hubspot, from, to, [...plain, ...full], options.onProgress)).values();
  for (const r of outcomes) {
    status.set(pairKey(r), r.status === 'failed' ? { error: r.error ?? 'not linked' } : 'associated');
    const types = gains.get(pairKey(r)) ?? [];
    if (r.status !== 'failed' && types.length > 0) options.added?.({ fromId: r.fromId, toId: r.toId, types });
  }
  for (const [k, { rows }] of wanted) {
    const s = status.get(k) ?? { error: 'not sent' };
    for (const row of rows) {
      const r = results.get(row) as EdgeRowResult;
      if (typeof s === 'string') r.status = s;
      else
        Object.assign(r, {
          status: 'failed',
          error: s.error,
          fix: 'check the ids (find_records), then re-run the import',
        });
    }
  }
}
