import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationSpec, AssociationType } from '../../hubspot/types.js';
import { failure, pairKey, specOf, writePairs } from '../associations/outcome.js';
import { readAssociations, typesOfPairs } from '../associations/read.js';
import { BATCH, sendChunked } from '../batching/chunks.js';
import { type Change, InterruptedChange, type LinkChange, stored } from '../journal/changes.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { type Apis, metered } from './meter.js';
import { type Move, type MoveRequest, moveItems, planMove } from './movePlan.js';
import { hasType, primaryOf } from './primary.js';
import type { RepairItem, RepairProgress } from './types.js';

type Write = { fromId: string; toId: string; types: AssociationSpec[]; want: AssociationType[] };

/** Writes each pair's full type set on the target and says which the portal now holds. */
async function writeSets(hubspot: Apis, from: ObjectType, to: ObjectType, writes: Write[]) {
  const judge = {
    confirmed: () => new Set<string>(),
    async holds(pairs: Array<{ fromId: string; toId: string }>) {
      const now = await typesOfPairs(hubspot, from, to, pairs);
      const want = new Map(writes.map((w) => [pairKey(w), w.want]));
      return new Set(
        [...now].filter(([k, t]) => (want.get(k) ?? []).every((w) => hasType(t, w))).map(([k]) => k),
      );
    },
  };
  const results = new Map<string, string | undefined>();
  for (const labeled of [true, false]) {
    const part = writes.filter((w) => w.types.length > 0 === labeled);
    if (part.length === 0) continue;
    const send = labeled
      ? (p: Write[]) => hubspot.associations.batchCreate(from, to, p)
      : (p: Write[]) => hubspot.associations.batchAssociateDefault(from, to, p);
    for (const [k, r] of await writePairs(part, BATCH.create, send, judge))
      results.set(k, r.status === 'associated' ? undefined : (r.error ?? 'not written'));
  }
  return results;
}

const labels = (types: AssociationType[]) => types.filter((t) => t.label !== null).map(specOf);

/**
 * Moves every association of one record to another of the same type, per object type in three
 * steps journaled as one change: copy each link onto the target with the source's exact types,
 * remove the source's links that were copied, then set the Primaries owned by the other records
 * (those whose Primary was the source). undo_change reverts the steps last first. The plan is read
 * afresh here, so it is what the portal holds now.
 */
export async function applyMove(
  deps: { hubspot: Apis; labels: LabelCatalog },
  req: MoveRequest,
  options: RepairProgress,
): Promise<{ items: RepairItem[]; change: Change; requests: number }> {
  const { hubspot, requests } = metered(deps.hubspot);
  const groups = await planMove({ hubspot, labels: deps.labels }, req);
  const items = new Map(moveItems(req, groups).map((i) => [`${i.toType}:${i.toId}`, i]));
  const total = groups.reduce((n, g) => n + g.moves.length, 0);
  const steps: LinkChange[] = [];
  const what = `moved the associations of ${req.type.name} ${req.fromRecordId} to ${req.toRecordId}`;
  const A = req.fromRecordId;
  const B = req.toRecordId;
  const step = (kind: LinkChange['kind'], to: ObjectType, pairs: LinkChange['pairs']) => {
    if (pairs.length > 0) steps.push({ kind, from: stored(req.type), to: stored(to), pairs });
  };
  const set = (to: ObjectType, m: Move, status: RepairItem['status'], reason?: string) => {
    const key = `${to.name}:${m.id}`;
    const item = items.get(key);
    if (item) items.set(key, { ...item, status, ...(reason ? { reason } : {}) });
  };
  let done = 0;
  try {
    for (const g of groups) {
      options.signal?.throwIfAborted();
      // 1. Copy onto the target.
      const copies = g.moves.filter((m) => m.gained.length > 0);
      const copied = await writeSets(
        hubspot,
        req.type,
        g.to,
        copies.map((m) => ({ fromId: B, toId: m.id, types: labels(m.write), want: m.gained })),
      );
      const ok = g.moves.filter((m) => !copied.get(pairKey({ fromId: B, toId: m.id })));
      for (const m of g.moves) {
        const error = copied.get(pairKey({ fromId: B, toId: m.id }));
        if (error) set(g.to, m, 'failed', `not copied to the target: ${error}`);
      }
      step(
        'associate',
        g.to,
        copies.filter((m) => ok.includes(m)).map((m) => ({ fromId: B, toId: m.id, types: m.gained })),
      );
      // 2. Remove what was copied from the source (a link whose Primary stays is kept whole).
      const going = ok.filter((m) => !m.keep);
      const answers = await sendChunked(going, BATCH.undocumented, (part) =>
        hubspot.associations.batchArchive(req.type, g.to, [{ fromId: A, toIds: part.map((m) => m.id) }]),
      );
      const left = new Set<string>();
      await readAssociations(hubspot, req.type, g.to, [{ id: A }], {
        onPage(_id, objects) {
          for (const o of objects) if (o.types.length > 0) left.add(o.toObjectId);
        },
      });
      const why = answers.find((a) => 'error' in a);
      const removed = going.filter((m) => !left.has(m.id));
      for (const m of going)
        if (left.has(m.id))
          set(
            g.to,
            m,
            'failed',
            `copied, but still on the source: ${why && 'error' in why ? failure(why.error) : 'HubSpot did not remove it'}`,
          );
        else set(g.to, m, 'done');
      for (const m of ok.filter((m) => m.keep)) set(g.to, m, 'kept', m.keep);
      step(
        'remove',
        g.to,
        removed.map((m) => ({ fromId: A, toId: m.id, types: m.source })),
      );
      // 3. Primaries owned by the other record: theirs was the source, so none is held now.
      const later = removed.filter((m) => m.later);
      if (later.length > 0) {
        const own = primaryOf(await deps.labels.list(g.to, req.type));
        const taken = new Set<string>();
        await readAssociations(
          hubspot,
          g.to,
          req.type,
          later.map((m) => ({ id: m.id })),
          {
            onPage(id, objects) {
              if (own && objects.some((o) => hasType(o.types, own.type))) taken.add(id);
            },
          },
        );
        for (const m of later.filter((x) => taken.has(x.id)))
          set(g.to, m, 'kept', `moved without its Primary: ${g.to.name} ${m.id} has another Primary now`);
        const free = later.filter((m) => !taken.has(m.id));
        const primaries = await writeSets(
          hubspot,
          req.type,
          g.to,
          free.map((m) => ({
            fromId: B,
            toId: m.id,
            types: labels([...m.write, m.later as AssociationType]),
            want: [m.later as AssociationType],
          })),
        );
        for (const m of free) {
          const error = primaries.get(pairKey({ fromId: B, toId: m.id }));
          if (error) set(g.to, m, 'failed', `moved, but its Primary was not set on the target: ${error}`);
        }
        step(
          'associate',
          g.to,
          free
            .filter((m) => !primaries.get(pairKey({ fromId: B, toId: m.id })))
            .map((m) => ({ fromId: B, toId: m.id, types: [m.later as AssociationType] })),
        );
      }
      done += g.moves.length;
      options.onProgress?.(done, total);
    }
  } catch (error) {
    throw new InterruptedChange(error, { kind: 'steps', what, steps });
  }
  return { items: [...items.values()], change: { kind: 'steps', what, steps }, requests: requests() };
}
