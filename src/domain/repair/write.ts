import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociatedObject, AssociationSpec, AssociationType } from '../../hubspot/types.js';
import { pairKey, specOf, writePairs } from '../associations/outcome.js';
import { readAssociations, typesOfPairs } from '../associations/read.js';
import { BATCH, chunk } from '../batching/chunks.js';
import { InterruptedChange, type LinkChange, type PairDelta, stored } from '../journal/changes.js';
import type { Apis } from './meter.js';
import type { RepairItem } from './types.js';

/** What to write on a pair given the from-record's links now, or why to leave it. */
export type Decision = { write: AssociationType[]; gained: AssociationType[] } | { skip: string };

/**
 * Writes planned pairs in rounds of 2,000 from-records: each round reads the records' links to `to`
 * first (1 request per 1,000: what the plan relied on may have changed, and the journal needs to
 * know what was there), lets `decide` say what to write (a pair's full label set: HubSpot replaces
 * it), writes (batch create, or associate/default for the unlabeled type alone) and judges each pair
 * by HubSpot's answer, reading back the doubtful ones. Between rounds an abort stops it; what was
 * written by then is journaled (InterruptedChange), as with any failure part-way.
 */
export async function writeChecked(
  hubspot: Apis,
  from: ObjectType,
  to: ObjectType,
  items: RepairItem[],
  decide: (item: RepairItem, links: AssociatedObject[]) => Decision,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
): Promise<{ items: RepairItem[]; change: LinkChange }> {
  const deltas: PairDelta[] = [];
  const out = new Map<string, RepairItem>();
  const change = (): LinkChange => ({ kind: 'associate', from: stored(from), to: stored(to), pairs: deltas });
  let done = 0;
  try {
    for (const round of chunk(items, BATCH.create)) {
      options.signal?.throwIfAborted();
      const links = new Map<string, AssociatedObject[]>();
      await readAssociations(
        hubspot,
        from,
        to,
        [...new Set(round.map((i) => i.fromId))].map((id) => ({ id })),
        {
          onPage(fromId, objects) {
            links.set(fromId, [...(links.get(fromId) ?? []), ...objects.filter((o) => o.types.length > 0)]);
          },
        },
      );
      const writes: Array<{
        fromId: string;
        toId: string;
        types: AssociationSpec[];
        gained: AssociationType[];
      }> = [];
      for (const item of round) {
        const d = decide(item, links.get(item.fromId) ?? []);
        if ('skip' in d) out.set(pairKey(item), { ...item, status: 'skipped', reason: d.skip });
        else
          writes.push({
            fromId: item.fromId,
            toId: item.toId,
            types: d.write.filter((t) => t.label !== null).map(specOf),
            gained: d.gained,
          });
      }
      const judge = {
        confirmed: () => new Set<string>(),
        async holds(pairs: Array<{ fromId: string; toId: string }>) {
          const now = await typesOfPairs(hubspot, from, to, pairs);
          const wanted = new Map(writes.map((w) => [pairKey(w), w.gained]));
          return new Set(
            [...now]
              .filter(([k, types]) =>
                (wanted.get(k) ?? []).every((g) => types.some((t) => t.typeId === g.typeId)),
              )
              .map(([k]) => k),
          );
        },
      };
      for (const [labeled, part] of [true, false].map(
        (l) => [l, writes.filter((w) => w.types.length > 0 === l)] as const,
      )) {
        if (part.length === 0) continue;
        const results = await writePairs(
          part,
          BATCH.create,
          labeled
            ? (p: typeof part) => hubspot.associations.batchCreate(from, to, p)
            : (p: typeof part) => hubspot.associations.batchAssociateDefault(from, to, p),
          judge,
        );
        for (const w of part) {
          const r = results.get(pairKey(w));
          if (r?.status === 'associated') {
            deltas.push({ fromId: w.fromId, toId: w.toId, types: w.gained });
            out.set(pairKey(w), { fromId: w.fromId, toId: w.toId, status: 'done' });
          } else
            out.set(pairKey(w), {
              fromId: w.fromId,
              toId: w.toId,
              status: 'failed',
              reason: r?.error ?? 'not sent',
            });
        }
      }
      done += round.length;
      options.onProgress?.(done, items.length);
    }
  } catch (error) {
    throw new InterruptedChange(error, change());
  }
  return { items: items.map((i) => ({ ...i, ...out.get(pairKey(i)) })), change: change() };
}
