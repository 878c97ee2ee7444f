import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import { type Pair, type PairResult, pairKey } from '../associations/outcome.js';
import type { AssociationWriter, WriteProgress } from '../associations/writer.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { type Change, type PairDelta, stored } from './changes.js';

type Deps = { labels: LabelCatalog; associations: AssociationWriter };

/**
 * The types a pair gained from the shared writer: the label written, and HubSpot's unlabeled type
 * when the pair had no link before (`newLink`).
 */
export function typesGained(
  result: PairResult,
  type: AssociationType | undefined,
  unlabeled: AssociationType | undefined,
): AssociationType[] {
  if (result.status !== 'associated') return [];
  return [...(type ? [type] : []), ...(result.newLink && unlabeled ? [unlabeled] : [])];
}

/**
 * associate_records with what it changed: the types each pair gained (the label, and HubSpot's
 * unlabeled type when the pair had no link before), so an undo removes exactly those.
 */
export async function associateRecorded(
  deps: Deps,
  from: ObjectType,
  to: ObjectType,
  pairs: Pair[],
  type?: AssociationType,
  progress?: WriteProgress,
): Promise<{ results: PairResult[]; change: Change }> {
  const results = await deps.associations.associate(from, to, pairs, type, progress);
  const plain = await deps.labels.unlabeled(from, to);
  const deltas = new Map<string, PairDelta>();
  const out = results.map(({ newLink, ...r }) => {
    const types = typesGained({ ...r, newLink }, type, plain);
    if (types.length > 0) deltas.set(pairKey(r), { fromId: r.fromId, toId: r.toId, types });
    return r;
  });
  return {
    results: out,
    change: { kind: 'associate', from: stored(from), to: stored(to), pairs: [...deltas.values()] },
  };
}

/** remove_associations' results carry the types removed: the change is those, pair by pair. */
export function removalChange(from: ObjectType, to: ObjectType, results: PairResult[]): Change {
  const pairs = results
    .filter((r) => r.status === 'removed' && r.types && r.types.length > 0)
    .map((r) => ({ fromId: r.fromId, toId: r.toId, types: r.types as AssociationType[] }));
  return { kind: 'remove', from: stored(from), to: stored(to), pairs };
}

/**
 * create_contact_company_pair's change: the records it created (listed, never deleted by undo)
 * and, when one of them is new, the link it made with every type on it.
 */
export async function pairToolChange(
  deps: { labels: LabelCatalog },
  contacts: ObjectType,
  companies: ObjectType,
  outcome: {
    contact: { id: string; status: string };
    company: { id: string; status: string };
    association: { typeIds: number[] };
  },
): Promise<Change> {
  const created = [
    ...(outcome.contact.status === 'created' ? [{ type: stored(contacts), id: outcome.contact.id }] : []),
    ...(outcome.company.status === 'created' ? [{ type: stored(companies), id: outcome.company.id }] : []),
  ];
  if (created.length === 0) return { kind: 'records', created };
  const known = await deps.labels.list(contacts, companies);
  const types = known.filter((t) => outcome.association.typeIds.includes(t.typeId));
  const pair = { fromId: outcome.contact.id, toId: outcome.company.id, types };
  return {
    kind: 'records',
    created,
    links: { from: stored(contacts), to: stored(companies), pairs: [pair] },
  };
}
