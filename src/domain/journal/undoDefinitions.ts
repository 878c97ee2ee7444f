import type { HubSpot } from '../../hubspot/index.js';
import type { AssociationType } from '../../hubspot/types.js';
import { failure } from '../associations/outcome.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { createLabelOnce, deleteLabel, inverseLabelOf, labelName, renameLabel } from '../labels/changes.js';
import { configured, removeLimit, setLimit } from '../limits/configurations.js';
import type { Change } from './changes.js';
import { relinkRemoved, type UndoItem, unlinkAdded } from './undoLinks.js';

type Deps = { hubspot: Pick<HubSpot, 'labels' | 'limits' | 'associations'>; labels: LabelCatalog };
type Definition = Extract<Change, { kind: 'label-create' | 'label-rename' | 'label-delete' | 'limit' }>;

export interface DefinitionUndo {
  item: UndoItem;
  /** Pairs a label was taken off or put back on with it (a label deleted while in use). */
  pairs?: UndoItem[];
  /** What the undo changed, when it changed something. */
  change?: Change;
}

const item = (name: string, status: UndoItem['status'], reason?: string): UndoItem => ({
  item: name,
  status,
  ...(reason ? { reason } : {}),
});

/**
 * Puts a label or limit back as it was before the change, if the portal still holds what the
 * change left; otherwise reports the conflict and writes nothing.
 */
export async function undoDefinition(
  deps: Deps,
  change: Definition,
  dryRun: boolean,
): Promise<DefinitionUndo> {
  const { from, to } = change;
  const types = await deps.labels.list(from, to);
  const now = (typeId: number) => types.find((t) => t.typeId === typeId);
  switch (change.kind) {
    case 'label-create': {
      const name = `label ${JSON.stringify(change.type.label)}`;
      if (!now(change.type.typeId)) return { item: item(name, 'unchanged', 'the label is already gone') };
      // Put on pairs along with its creation (an undone delete of a label in use): off them first.
      const off = change.pairs?.length
        ? await unlinkAdded(deps, from, to, change.pairs, dryRun)
        : { items: [], pairs: [] };
      if (dryRun) return { item: item(name, 'restored'), pairs: off.items };
      const result = await attempt(name, async () => {
        await deleteLabel(deps, from, to, change.type);
        return {
          kind: 'label-delete',
          from,
          to,
          type: change.type,
          inverseLabel: change.inverseType?.label,
          ...(off.pairs.length ? { pairs: off.pairs } : {}),
        };
      });
      return { ...result, pairs: off.items };
    }
    case 'label-rename': {
      const name = `label typeId ${change.typeId}`;
      const current = now(change.typeId);
      if (!current) return { item: item(name, 'conflict', 'the label was deleted since') };
      if (current.label !== change.after.label)
        return { item: item(name, 'conflict', `renamed since to ${JSON.stringify(current.label)}`) };
      const inverseNow = change.after.inverseLabel && (await inverseLabelOf(deps, from, to, current));
      if (change.after.inverseLabel && inverseNow !== change.after.inverseLabel)
        return {
          item: item(
            name,
            'conflict',
            `its inverse was renamed since to ${JSON.stringify(inverseNow ?? null)}`,
          ),
        };
      if (dryRun || change.before.label === null) return { item: item(name, 'restored') };
      const back = { label: change.before.label, inverseLabel: change.before.inverseLabel ?? undefined };
      return attempt(name, async () => {
        await renameLabel(deps, from, to, current, back);
        const inverseLabel = back.inverseLabel && (await inverseLabelOf(deps, from, to, current));
        const after = { label: back.label, ...(inverseLabel ? { inverseLabel } : {}) };
        return { kind: 'label-rename', from, to, typeId: change.typeId, before: change.after, after };
      });
    }
    case 'label-delete': {
      const label = change.type.label ?? '';
      const name = `label ${JSON.stringify(label)}`;
      if (types.some((t) => t.label === label))
        return { item: item(name, 'unchanged', 'a label with that text exists') };
      if (dryRun)
        return {
          item: item(name, 'restored', 'recreated with a new typeId (HubSpot never reuses one)'),
          pairs: (change.pairs ?? []).map((p) => item(`${p.fromId}>${p.toId}`, 'restored')),
        };
      const made = await attempt(
        name,
        async () => {
          const created = await createLabelOnce(deps, from, to, {
            label,
            name: labelName(label, change.inverseLabel ?? undefined),
            ...(change.inverseLabel ? { inverseLabel: change.inverseLabel } : {}),
          });
          return {
            kind: 'label-create',
            from,
            to,
            name: labelName(label, change.inverseLabel ?? undefined),
            type: created.type,
            inverseType: created.inverseType,
          };
        },
        'recreated with a new typeId (HubSpot never reuses one)',
      );
      // It was in use: back on the pairs it was taken off, under its new typeId.
      if (!change.pairs?.length || made.change?.kind !== 'label-create') return made;
      const type = made.change.type;
      const back = await relinkRemoved(
        deps,
        from,
        to,
        change.pairs.map((p) => ({ fromId: p.fromId, toId: p.toId, types: [type] })),
        false,
      );
      return {
        ...made,
        pairs: back.items,
        change: { ...made.change, ...(back.pairs.length ? { pairs: back.pairs } : {}) },
      };
    }
    case 'limit': {
      const name = `limit for typeId ${change.type.typeId}`;
      const limits = configured(await deps.hubspot.limits.forPair(from, to));
      const current = limits.find(
        (l) => l.typeId === change.type.typeId && l.category === change.type.category,
      );
      if (current?.maxToObjectIds !== change.after)
        return { item: item(name, 'conflict', `changed since to ${current?.maxToObjectIds ?? 'default'}`) };
      if (dryRun) return { item: item(name, 'restored') };
      const target = { from, to, type: change.type as AssociationType, current };
      return attempt(name, async () => {
        if (change.before === undefined) await removeLimit(deps, target);
        else await setLimit(deps, target, change.before);
        return { kind: 'limit', from, to, type: change.type, before: change.after, after: change.before };
      });
    }
  }
}

async function attempt(name: string, run: () => Promise<Change>, note?: string): Promise<DefinitionUndo> {
  try {
    return { item: item(name, 'restored', note), change: await run() };
  } catch (error) {
    return { item: item(name, 'failed', failure(error)) };
  }
}
