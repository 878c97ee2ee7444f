import type { HubSpot } from '../../hubspot/index.js';
import type { AssociationType } from '../../hubspot/types.js';
import { type Pair, type PairResult, pairKey, specOf } from '../associations/outcome.js';
import type { AssociationWriter, WriteProgress } from '../associations/writer.js';
import type { PairDelta } from '../journal/changes.js';
import { typesGained } from '../journal/recorded.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { COMPANIES, CONTACTS } from '../records/findOrCreate.js';
import type { RowFailure } from './rows.js';
import { type LinkWrite, writeLinks } from './write.js';

export interface LinkWanted extends Pair {
  /** Both records existed before this run: the pair may be linked already (read it first). */
  bothFound: boolean;
  type?: AssociationType;
}

export type LinkOutcome = { linked: 'associated' | 'unchanged' } | RowFailure;

/**
 * Links contact→company pairs: the default association, plus each row's labels. A pair with a
 * record created moments ago has no links: it is written directly (default in chunks of 2,000,
 * labeled with its full set). Pairs whose records both existed go through the shared writer, which
 * reads them first: what is already there is `unchanged` and not written, and a label is written
 * with the pair's other labels kept (HubSpot replaces a pair's label set), one label at a time.
 * Returns an outcome per pair key; `added` hears the types each pair gained (for the journal).
 */
export async function linkPairs(
  deps: {
    hubspot: Pick<HubSpot, 'associations'>;
    associations: AssociationWriter;
    labels: Pick<LabelCatalog, 'unlabeled'>;
  },
  wanted: readonly LinkWanted[],
  onProgress?: WriteProgress,
  added?: (delta: PairDelta) => void,
): Promise<Map<string, LinkOutcome>> {
  const pairs = new Map<string, { pair: Pair; bothFound: boolean; types: Map<number, AssociationType> }>();
  for (const w of wanted) {
    const k = pairKey(w);
    const entry = pairs.get(k) ?? {
      pair: { fromId: w.fromId, toId: w.toId },
      bothFound: true,
      types: new Map<number, AssociationType>(),
    };
    entry.bothFound &&= w.bothFound;
    if (w.type) entry.types.set(w.type.typeId, w.type);
    pairs.set(k, entry);
  }
  // A new pair with labels is written with its whole set, HubSpot's unlabeled type included.
  const labeledNew = [...pairs.values()].some((p) => !p.bothFound && p.types.size > 0);
  const unlabeled =
    labeledNew || (added && pairs.size > 0) ? await deps.labels.unlabeled(CONTACTS, COMPANIES) : undefined;
  const fresh: LinkWrite[] = [];
  const plain: Pair[] = [];
  const labeled = new Map<number, { type: AssociationType; pairs: Pair[] }>();
  for (const { pair, bothFound, types } of pairs.values()) {
    if (!bothFound) {
      const all = [...(unlabeled ? [unlabeled] : []), ...types.values()];
      fresh.push(types.size === 0 ? pair : { ...pair, types: all.map(specOf) });
    } else if (types.size === 0) plain.push(pair);
    for (const t of bothFound ? types.values() : []) {
      const group = labeled.get(t.typeId) ?? { type: t, pairs: [] };
      group.pairs.push(pair);
      labeled.set(t.typeId, group);
    }
  }
  const total = fresh.length + plain.length + [...labeled.values()].reduce((n, g) => n + g.pairs.length, 0);
  let base = 0;
  const progress = (done: number) => onProgress?.(base + done, total);
  const out = new Map<string, LinkOutcome>();
  const record = (results: Iterable<PairResult>, gained: (r: PairResult) => AssociationType[]) => {
    for (const r of results) {
      const k = pairKey(r);
      const before = out.get(k);
      const types = added && r.status === 'associated' ? gained(r) : [];
      if (types.length > 0) added?.({ fromId: r.fromId, toId: r.toId, types });
      if (r.status === 'failed') {
        out.set(k, { error: r.error ?? 'HubSpot did not link the pair', fix: 're-run the import' });
      } else if (!before || ('linked' in before && r.status === 'associated')) {
        out.set(k, { linked: r.status === 'unchanged' ? 'unchanged' : 'associated' });
      }
    }
  };
  const plainType = unlabeled ? [unlabeled] : [];
  // A fresh pair had no link: it gained every type written. Through the writer: typesGained.
  const freshTypes = (r: PairResult) => [...plainType, ...(pairs.get(pairKey(r))?.types.values() ?? [])];
  const viaWriter = (type?: AssociationType) => (r: PairResult) => typesGained(r, type, unlabeled);
  record((await writeLinks(deps.hubspot, CONTACTS, COMPANIES, fresh, progress)).values(), freshTypes);
  base += fresh.length;
  if (plain.length > 0) {
    record(await deps.associations.associate(CONTACTS, COMPANIES, plain, undefined, progress), viaWriter());
    base += plain.length;
  }
  // One label after another: each write carries the labels the previous one left on the pair.
  for (const { type, pairs: part } of labeled.values()) {
    record(await deps.associations.associate(CONTACTS, COMPANIES, part, type, progress), viaWriter(type));
    base += part.length;
  }
  return out;
}
