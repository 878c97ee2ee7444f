import type { HubSpot } from '../../hubspot/index.js';
import type { AssociationSpec, AssociationType } from '../../hubspot/types.js';
import { failure, pairKey, specOf } from '../associations/outcome.js';
import { typesOfPairs } from '../associations/read.js';
import { BATCH, sendChunked } from '../batching/chunks.js';
import type { PairDelta, StoredType } from './changes.js';

export interface UndoItem {
  /** `fromId>toId` for links; the label or limit otherwise. */
  item: string;
  status: 'restored' | 'unchanged' | 'conflict' | 'failed';
  reason?: string;
}

export interface LinksUndo {
  items: UndoItem[];
  /** What the undo itself changed (so it can be undone in turn). */
  pairs: PairDelta[];
}

type Deps = { hubspot: Pick<HubSpot, 'associations'> };

const same = (a: AssociationType, b: AssociationType) => a.typeId === b.typeId && a.category === b.category;
const has = (types: AssociationType[], t: AssociationType) => types.some((x) => same(x, t));
const unlabeled = (t: AssociationType) => t.label === null;
const names = (types: AssociationType[]) =>
  types.map((t) => `${t.label ?? 'unlabeled'} (${t.typeId})`).join(', ');

/**
 * Takes away exactly the types a write added. A pair the write created (it added the unlabeled
 * type) is unlinked whole, unless it has gained other types since: then only the added labels go
 * and the pair is reported, as it cannot be put back without losing someone else's labels.
 */
export async function unlinkAdded(
  deps: Deps,
  from: StoredType,
  to: StoredType,
  added: PairDelta[],
  dryRun: boolean,
): Promise<LinksUndo> {
  const now = await typesOfPairs(deps.hubspot, from, to, added);
  const items: UndoItem[] = [];
  const archiveAll: PairDelta[] = [];
  const archiveSome: PairDelta[] = [];
  for (const p of added) {
    const current = now.get(pairKey(p)) ?? [];
    const going = p.types.filter((t) => has(current, t));
    const item = pairKey(p);
    if (going.length === 0) {
      items.push({ item, status: 'unchanged', reason: 'none of the types it added are there now' });
      continue;
    }
    const others = current.filter((t) => !has(p.types, t));
    if (going.some(unlabeled) && others.length === 0) archiveAll.push({ ...p, types: current });
    else {
      const labels = going.filter((t) => !unlabeled(t));
      if (labels.length > 0) archiveSome.push({ ...p, types: labels });
      if (going.some(unlabeled)) {
        items.push({
          item,
          status: 'conflict',
          reason: `kept the link: it has types added since (${names(others)}); removed only ${labels.length > 0 ? names(labels) : 'nothing'}`,
        });
        continue;
      }
    }
    items.push({ item, status: 'restored' });
  }
  if (dryRun) return { items, pairs: [...archiveAll, ...archiveSome] };
  const failed = new Map<string, string>();
  const note = (answers: Array<{ part: PairDelta[] } & ({ result: unknown } | { error: unknown })>) => {
    for (const a of answers)
      if ('error' in a) for (const p of a.part) failed.set(pairKey(p), failure(a.error));
  };
  note(
    await sendChunked(archiveAll, BATCH.undocumented, (part) =>
      deps.hubspot.associations.batchArchive(
        from,
        to,
        part.map((p) => ({ fromId: p.fromId, toIds: [p.toId] })),
      ),
    ),
  );
  note(
    await sendChunked(archiveSome, BATCH.undocumented, (part) =>
      deps.hubspot.associations.batchArchiveLabels(
        from,
        to,
        part.map((p) => ({ fromId: p.fromId, toId: p.toId, types: p.types.map(specOf) })),
      ),
    ),
  );
  // The archive answers say nothing per pair: the portal does.
  const after = await typesOfPairs(deps.hubspot, from, to, [...archiveAll, ...archiveSome]);
  const gone = (p: PairDelta) => !p.types.some((t) => has(after.get(pairKey(p)) ?? [], t));
  return settle(items, [...archiveAll, ...archiveSome], gone, failed);
}

/** Puts back exactly the types a removal took, keeping whatever the pair has now. */
export async function relinkRemoved(
  deps: Deps,
  from: StoredType,
  to: StoredType,
  removed: PairDelta[],
  dryRun: boolean,
): Promise<LinksUndo> {
  const now = await typesOfPairs(deps.hubspot, from, to, removed);
  const items: UndoItem[] = [];
  const writes: Array<PairDelta & { specs: AssociationSpec[] }> = [];
  for (const p of removed) {
    const current = now.get(pairKey(p)) ?? [];
    const missing = p.types.filter((t) => !has(current, t));
    if (missing.length === 0) {
      items.push({ item: pairKey(p), status: 'unchanged', reason: 'the pair already has those types' });
      continue;
    }
    // HubSpot replaces a pair's label set on write: send what it has now plus what comes back.
    const all = [...current, ...missing].filter((t) => !unlabeled(t));
    writes.push({ ...p, types: missing, specs: all.map(specOf) });
    items.push({ item: pairKey(p), status: 'restored' });
  }
  if (dryRun) return { items, pairs: writes.map(({ specs: _, ...p }) => p) };
  const failed = new Map<string, string>();
  const labeled = writes.filter((w) => w.specs.length > 0);
  const plain = writes.filter((w) => w.specs.length === 0);
  const why = (
    answer: { part: PairDelta[] } & ({ result: { errors: Array<{ message: string }> } } | { error: unknown }),
  ) => {
    const text =
      'error' in answer ? failure(answer.error) : answer.result.errors.map((e) => e.message).join('; ');
    if (text) for (const w of answer.part) failed.set(pairKey(w), text);
  };
  for (const answer of await sendChunked(labeled, BATCH.create, (part) =>
    deps.hubspot.associations.batchCreate(
      from,
      to,
      part.map((w) => ({ fromId: w.fromId, toId: w.toId, types: w.specs })),
    ),
  ))
    why(answer);
  for (const answer of await sendChunked(plain, BATCH.undocumented, (part) =>
    deps.hubspot.associations.batchAssociateDefault(from, to, part),
  ))
    why(answer);
  const done = writes.map(({ specs: _, ...p }) => p);
  // Per-input errors may name a shared id: the portal says which pairs are back.
  const after = await typesOfPairs(deps.hubspot, from, to, done);
  const back = (p: PairDelta) => p.types.every((t) => has(after.get(pairKey(p)) ?? [], t));
  return settle(items, done, back, failed);
}

/** Each pair as the portal holds it after the undo: restored, or failed with HubSpot's words. */
function settle(
  items: UndoItem[],
  pairs: PairDelta[],
  done: (p: PairDelta) => boolean,
  errors: Map<string, string>,
): LinksUndo {
  const notDone = new Set(pairs.filter((p) => !done(p)).map(pairKey));
  return {
    items: items.map((i) =>
      notDone.has(i.item)
        ? { item: i.item, status: 'failed', reason: errors.get(i.item) ?? 'HubSpot did not apply it' }
        : i,
    ),
    pairs: pairs.filter((p) => !notDone.has(pairKey(p))),
  };
}
