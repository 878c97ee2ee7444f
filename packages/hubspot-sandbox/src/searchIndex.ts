/**
 * What CRM search sees: HubSpot indexes writes "a few moments" after they commit (search guide,
 * "Limits"; third parties measure several seconds, up to ~10 s), so a record just created is not
 * found, a just-updated one is found by its old values, and a just-archived one is still found.
 * With a lag of 0 search reads the live records directly.
 */
import type { CrmObject } from './types.js';

type Properties = Record<string, string>;

/** A record as the index holds it: its values as of the last write the index has caught up with. */
interface Entry {
  record: CrmObject;
  /** null: not in the index (not yet created, or archived). */
  visible: Properties | null;
  pending: Array<{ at: number; properties: Properties | null }>;
}

export interface SearchIndex {
  /** Current lag in ms (0: search sees every write at once). */
  lagMs(): number;
  setLag(ms: number): void;
  /** Called by the object store on every write, with the values before and after (null: absent). */
  record(typeId: string, object: CrmObject, before: Properties | null, after: Properties | null): void;
  /** The records search sees now, in id order, given the live ones. */
  view(typeId: string, live: Iterable<CrmObject>): Iterable<CrmObject>;
}

export function createSearchIndex(options: { lagMs?: number; now?: () => number } = {}): SearchIndex {
  let lag = checkLag(options.lagMs ?? 0);
  const now = options.now ?? Date.now;
  // Only records written while a lag was set have entries; the rest are indexed as they are.
  const tables = new Map<string, Map<string, Entry>>();

  const catchUp = (entries: Map<string, Entry>, at: number) => {
    for (const [id, entry] of entries) {
      while (entry.pending[0] && entry.pending[0].at <= at) entry.visible = entry.pending.shift()!.properties;
      if (entry.pending.length === 0) entries.delete(id); // the index now matches the store
    }
  };

  return {
    lagMs: () => lag,
    setLag(ms) {
      lag = checkLag(ms);
    },
    record(typeId, object, before, after) {
      if (lag === 0 && !tables.get(typeId)?.has(object.id)) return;
      let entries = tables.get(typeId);
      if (!entries) {
        entries = new Map();
        tables.set(typeId, entries);
      }
      let entry = entries.get(object.id);
      if (!entry) {
        entry = { record: object, visible: before && { ...before }, pending: [] };
        entries.set(object.id, entry);
      }
      entry.pending.push({ at: now() + lag, properties: after && { ...after } });
    },
    view(typeId, live) {
      const entries = tables.get(typeId);
      if (entries) catchUp(entries, now());
      if (!entries || entries.size === 0) return live;
      const out: CrmObject[] = [];
      for (const object of live) if (!entries.has(object.id)) out.push(object);
      for (const entry of entries.values()) {
        if (entry.visible) out.push({ ...entry.record, properties: entry.visible });
      }
      return out.sort((a, b) => Number(a.id) - Number(b.id));
    },
  };
}

function checkLag(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0)
    throw new RangeError(`search lag must be a non-negative integer of ms, got ${ms}`);
  return ms;
}
