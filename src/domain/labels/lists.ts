import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';

/** How long a pair's label list is used before it is read again, unless configured. */
export const LABEL_MAX_AGE_MS = 60_000;

export interface LabelListOptions {
  /** A list read this long ago or longer is read again before use (default 60 s); 0: every use reads. */
  maxAgeMs?: number;
  /** The clock ages are measured by (tests move their own). */
  now?: () => number;
}

interface Entry {
  types?: AssociationType[];
  /** When the stored list was asked for. */
  at: number;
  pending?: Promise<AssociationType[]>;
}

/**
 * Each object-type pair's label list as HubSpot last gave it. Labels change outside this process
 * (HubSpot's UI, the REST API, another replica), so a list is read again once it is `maxAgeMs` old,
 * and when a caller misses what it looked for (`reread`). One read per pair at a time: whoever needs
 * the list while it is being read waits for that read, so a burst of misses costs one request.
 */
export function createLabelLists(hubspot: Pick<HubSpot, 'labels'>, options: LabelListOptions = {}) {
  const maxAgeMs = options.maxAgeMs ?? LABEL_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const entryOf = (from: ObjectType, to: ObjectType): Entry => {
    const k = `${from.id}>${to.id}`;
    let entry = entries.get(k);
    if (!entry) {
      entry = { at: 0 };
      entries.set(k, entry);
    }
    return entry;
  };

  function read(from: ObjectType, to: ObjectType, entry: Entry): Promise<AssociationType[]> {
    if (entry.pending) return entry.pending;
    const at = now();
    const pending = hubspot.labels.list(from, to).then((types) => {
      // A read that was superseded (invalidate) or failed is not remembered.
      if (entry.pending === pending) Object.assign(entry, { types, at });
      return types;
    });
    const settle = () => {
      if (entry.pending === pending) entry.pending = undefined;
    };
    pending.then(settle, settle);
    entry.pending = pending;
    return pending;
  }

  /** The pair's list: the stored one while younger than maxAgeMs, else a read. */
  function get(from: ObjectType, to: ObjectType): Promise<AssociationType[]> {
    const entry = entryOf(from, to);
    if (entry.types && now() - entry.at < maxAgeMs) return Promise.resolve(entry.types);
    return read(from, to, entry);
  }

  /**
   * The list after `seen` lacked what a caller wanted: a list stored since `seen`, a read under way,
   * or else a new read. Never more than one request for the misses of one list.
   */
  function reread(from: ObjectType, to: ObjectType, seen: AssociationType[]): Promise<AssociationType[]> {
    const entry = entryOf(from, to);
    if (entry.pending) return entry.pending;
    if (entry.types && entry.types !== seen) return Promise.resolve(entry.types);
    return read(from, to, entry);
  }

  /**
   * The list after HubSpot refused `type` (found in a stored list) as unknown: read again when the
   * stored list is still the one that offered it, else the list stored since.
   */
  function rereadWithout(
    from: ObjectType,
    to: ObjectType,
    type: AssociationType,
  ): Promise<AssociationType[]> {
    const { types } = entryOf(from, to);
    const offered = types?.some((t) => t.typeId === type.typeId && t.category === type.category);
    return types && offered ? reread(from, to, types) : get(from, to);
  }

  /** Forgets the pair's list (after a change through this process): the next use reads it. */
  function invalidate(from: ObjectType, to: ObjectType): void {
    entries.delete(`${from.id}>${to.id}`);
  }

  return { get, reread, rereadWithout, invalidate };
}

export type LabelLists = ReturnType<typeof createLabelLists>;
