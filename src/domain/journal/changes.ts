import type { AssociationType } from '../../hubspot/types.js';

/** Object types as stored: the id that goes into URLs and the name people read. */
export interface StoredType {
  id: string;
  name: string;
}

export interface PairDelta {
  fromId: string;
  toId: string;
  /** Types this write gave the pair (associate) or took from it (remove), as HubSpot confirmed. */
  types: AssociationType[];
}

/** One step of links added or removed, as a change made of several steps holds them. */
export interface LinkChange {
  kind: 'associate' | 'remove';
  from: StoredType;
  to: StoredType;
  pairs: PairDelta[];
}

/**
 * What one write changed in the portal: enough to put it back exactly. Links carry their exact
 * type sets; labels and limits their values before and after; records created are listed (undo
 * never deletes records).
 */
export type Change =
  | { kind: 'associate'; from: StoredType; to: StoredType; pairs: PairDelta[] }
  | { kind: 'remove'; from: StoredType; to: StoredType; pairs: PairDelta[] }
  | {
      kind: 'label-create';
      from: StoredType;
      to: StoredType;
      name: string;
      type: AssociationType;
      inverseType?: AssociationType;
      /** Pairs it was put on along with its creation (an undone delete of a label in use). */
      pairs?: PairDelta[];
    }
  | {
      kind: 'label-rename';
      from: StoredType;
      to: StoredType;
      typeId: number;
      before: { label: string | null; inverseLabel?: string | null };
      after: { label: string; inverseLabel?: string };
    }
  | {
      kind: 'label-delete';
      from: StoredType;
      to: StoredType;
      type: AssociationType;
      inverseLabel?: string | null;
      /** Pairs the label was taken off first (it was in use), so an undo can put it back on them. */
      pairs?: PairDelta[];
    }
  | {
      kind: 'limit';
      from: StoredType;
      to: StoredType;
      type: AssociationType;
      /** undefined: no limit (HubSpot's default). */
      before?: number;
      after?: number;
    }
  | {
      kind: 'records';
      /** Records created, listed for the record; never deleted by an undo. */
      created: Array<{ type: StoredType; id: string }>;
      /** The links the call made (the pair tool: one; an import: many), with the types each gained. */
      links?: { from: StoredType; to: StoredType; pairs: PairDelta[] };
    }
  | {
      /**
       * Several link steps that belong together (a repair that copies links, removes the
       * originals, then sets a Primary): in the order made; an undo reverts them last first.
       */
      kind: 'steps';
      /** What they did together, for list_changes. */
      what: string;
      steps: LinkChange[];
    };

/** A write that changed nothing (every pair unchanged, say) is not journaled. */
export function isEmptyChange(change: Change): boolean {
  if (change.kind === 'associate' || change.kind === 'remove') return change.pairs.length === 0;
  if (change.kind === 'records') return change.created.length === 0 && !change.links?.pairs.length;
  if (change.kind === 'steps') return change.steps.every((s) => s.pairs.length === 0);
  return false;
}

export const stored = (t: { id: string; name: string }): StoredType => ({ id: t.id, name: t.name });

/** One line for list_changes: what changed, in counts. */
export function describeChange(change: Change): string {
  if (change.kind === 'steps') {
    const done = change.steps.filter((s) => s.pairs.length > 0).map(describeChange);
    return `${change.what}: ${done.join('; ') || 'nothing'}`;
  }
  const pair = 'from' in change ? `${change.from.name}→${change.to.name}` : '';
  switch (change.kind) {
    case 'associate':
      return `linked ${change.pairs.length} ${pair} pairs (${countTypes(change.pairs)})`;
    case 'remove':
      return `unlinked ${change.pairs.length} ${pair} pairs (${countTypes(change.pairs)})`;
    case 'label-create':
      return `created label ${JSON.stringify(change.type.label)} (typeId ${change.type.typeId}) on ${pair}`;
    case 'label-rename':
      return `renamed typeId ${change.typeId} ${JSON.stringify(change.before.label)} → ${JSON.stringify(change.after.label)} on ${pair}`;
    case 'label-delete':
      return `deleted label ${JSON.stringify(change.type.label)} (typeId ${change.type.typeId}) on ${pair}${change.pairs?.length ? `, taken off ${change.pairs.length} pairs first` : ''}`;
    case 'limit':
      return `limit for typeId ${change.type.typeId} on ${pair}: ${change.before ?? 'default'} → ${change.after ?? 'default'}`;
    case 'records':
      return `created ${change.created.length} records${change.links?.pairs.length ? ` and linked ${change.links.pairs.length} ${change.links.from.name}→${change.links.to.name} pairs` : ''}`;
  }
}

function countTypes(pairs: PairDelta[]): string {
  const n = pairs.reduce((sum, p) => sum + p.types.length, 0);
  return `${n} association type${n === 1 ? '' : 's'}`;
}

/**
 * A write that stopped part-way (HubSpot down, a bad chunk): the error, with what it had changed by
 * then, so that part is journaled and can be undone like any other change.
 */
export class InterruptedChange extends Error {
  constructor(
    readonly error: unknown,
    readonly change: Change,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}
