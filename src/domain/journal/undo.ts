import type { HubSpot } from '../../hubspot/index.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import type { Change, LinkChange, StoredType } from './changes.js';
import type { ChangeEntry, JournalStore } from './store.js';
import { undoDefinition } from './undoDefinitions.js';
import { type UndoItem, unlinkAdded } from './undoLinks.js';
import { relinkKnown } from './undoRelink.js';

export interface UndoOutcome {
  changeId: string;
  dryRun: boolean;
  /** Set when nothing was done because the change was undone before. */
  alreadyUndoneBy?: string;
  items: UndoItem[];
  /** Records the change created: listed, never deleted. */
  recordsKept: Array<{ type: string; id: string }>;
  /** The journal entry of this undo (itself undoable). */
  undoChangeId?: string;
}

type Deps = {
  hubspot: Pick<HubSpot, 'associations' | 'labels' | 'limits'>;
  labels: LabelCatalog;
  journal: JournalStore;
};

/** How many items an undo would touch: what the confirmation threshold counts. */
export function undoSize(change: Change): number {
  if (change.kind === 'associate' || change.kind === 'remove') return change.pairs.length;
  if (change.kind === 'records') return change.links?.pairs.length ?? 0;
  if (change.kind === 'steps') return change.steps.reduce((n, s) => n + s.pairs.length, 0);
  if (change.kind === 'label-delete' || change.kind === 'label-create')
    return 1 + (change.pairs?.length ?? 0);
  return 1;
}

/**
 * Reverts one change exactly, as far as the portal still allows: links it added are removed
 * (only the types it added), links it removed come back with their labels, labels and limits
 * return to their earlier values. The undo is journaled as a change of its own.
 */
export async function undoChange(
  deps: Deps,
  entry: ChangeEntry,
  options: { dryRun: boolean; tool: string; client?: string },
): Promise<UndoOutcome> {
  const head = { changeId: entry.changeId, dryRun: options.dryRun };
  const change = entry.change;
  const recordsKept =
    change.kind === 'records' ? change.created.map((r) => ({ type: r.type.name, id: r.id })) : [];
  if (entry.undoneBy) return { ...head, alreadyUndoneBy: entry.undoneBy, items: [], recordsKept };
  let items: UndoItem[];
  let made: Change | undefined;
  if (change.kind === 'associate' || change.kind === 'remove' || change.kind === 'records') {
    const link =
      change.kind === 'records' ? change.links && { kind: 'associate' as const, ...change.links } : change;
    const undone = link ? await undoLinks(deps, link, options.dryRun) : { items: [] };
    items = undone.items;
    made = undone.made;
  } else if (change.kind === 'steps') {
    // Last first: a Primary set after the originals were removed goes before they come back.
    items = [];
    const steps: LinkChange[] = [];
    for (const step of [...change.steps].reverse()) {
      const undone = await undoLinks(deps, step, options.dryRun);
      items.push(...undone.items);
      if (undone.made) steps.push(undone.made);
    }
    if (steps.length > 0) made = { kind: 'steps', what: `undid ${change.what}`, steps };
  } else {
    const undone = await undoDefinition(deps, change, options.dryRun);
    items = [undone.item, ...(undone.pairs ?? [])];
    made = undone.change;
  }
  if (options.dryRun) return { ...head, items, recordsKept };
  const recorded = made
    ? await deps.journal.append({
        tool: options.tool,
        change: made,
        undoOf: entry.changeId,
        ...(options.client ? { client: options.client } : {}),
      })
    : undefined;
  await deps.journal.markUndone(entry.changeId, recorded?.changeId ?? 'nothing to undo');
  return { ...head, items, recordsKept, ...(recorded ? { undoChangeId: recorded.changeId } : {}) };
}

/** Whether an entry can be undone, and why not. */
export function undoable(entry: ChangeEntry): { undoable: boolean; why?: string } {
  if (entry.undoneBy) return { undoable: false, why: `already undone (${entry.undoneBy})` };
  if (entry.change.kind === 'records' && !entry.change.links?.pairs.length)
    return { undoable: false, why: 'it only created records, which undo never deletes' };
  return { undoable: true };
}

/** Links a change added are taken away; links it removed come back: what the undo did, as a step. */
async function undoLinks(
  deps: Deps,
  link: { kind: 'associate' | 'remove'; from: StoredType; to: StoredType; pairs: LinkChange['pairs'] },
  dryRun: boolean,
): Promise<{ items: UndoItem[]; made?: LinkChange }> {
  if (link.pairs.length === 0) return { items: [] };
  const { from, to } = link;
  const undone =
    link.kind === 'associate'
      ? await unlinkAdded(deps, from, to, link.pairs, dryRun)
      : await relinkKnown(deps, from, to, link.pairs, dryRun);
  const kind = link.kind === 'associate' ? 'remove' : 'associate';
  return {
    items: undone.items,
    ...(undone.pairs.length > 0 ? { made: { kind, from, to, pairs: undone.pairs } } : {}),
  };
}
