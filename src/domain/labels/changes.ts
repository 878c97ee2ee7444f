import { HubSpotError, InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import { inverseOf, type LabelCatalog, snake } from './catalogue.js';

export interface LabelCreation {
  /** False when the label was already there (nothing created). */
  created: boolean;
  type: AssociationType;
  inverseType?: AssociationType;
}

type LabelDeps = { hubspot: Pick<HubSpot, 'labels'>; labels: LabelCatalog };

/**
 * The internal name for a new label: the one given, checked against HubSpot's rule (no hyphens,
 * no leading digit), or one derived from the label texts.
 */
export function labelName(label: string, inverseLabel?: string, name?: string): string {
  if (name !== undefined) {
    if (name.includes('-') || /^\d/.test(name) || !/^[A-Za-z0-9_]+$/.test(name)) {
      throw new InputError(
        'name',
        `${JSON.stringify(name)} is not a valid internal name`,
        'use letters, digits and underscores, starting with a letter (no hyphens)',
      );
    }
    return name;
  }
  const derived =
    [label, inverseLabel]
      .filter((s): s is string => !!s)
      .map(snake)
      .filter(Boolean)
      .join('_') || 'label';
  return (/^[a-z]/.test(derived) ? derived : `label_${derived}`).slice(0, 100);
}

/** Renames a custom label (and its inverse); typeIds stay. The pair's cached list is refreshed. */
export async function renameLabel(
  deps: LabelDeps,
  from: ObjectType,
  to: ObjectType,
  type: AssociationType,
  change: { label: string; inverseLabel?: string },
): Promise<AssociationType> {
  await deps.hubspot.labels.update(from, to, {
    associationTypeId: type.typeId,
    label: change.label,
    ...(change.inverseLabel ? { inverseLabel: change.inverseLabel } : {}),
  });
  // The inverse label lives in the reverse pair's list: both are stale now.
  deps.labels.invalidate(from, to);
  deps.labels.invalidate(to, from);
  return { ...type, label: change.label };
}

/** The text of a label's inverse (the reverse pair's type for it), as HubSpot lists it now. */
export async function inverseLabelOf(
  deps: LabelDeps,
  from: ObjectType,
  to: ObjectType,
  type: AssociationType,
): Promise<string | null | undefined> {
  if (from.id === to.id) return undefined;
  const id = inverseOf(type, await deps.labels.list(to, from));
  return id === undefined
    ? undefined
    : (await deps.labels.list(to, from)).find((t) => t.typeId === id)?.label;
}

/** Deletes a custom label (HubSpot refuses one still in use). The pair's cached list is refreshed. */
export async function deleteLabel(
  deps: LabelDeps,
  from: ObjectType,
  to: ObjectType,
  type: AssociationType,
): Promise<void> {
  await deps.hubspot.labels.remove(from, to, type.typeId);
  deps.labels.invalidate(from, to);
}

const custom = (types: AssociationType[], text: string) =>
  types.find((t) => t.category !== 'HUBSPOT_DEFINED' && t.label === text);

/**
 * Creates a custom label once, however often it is asked and whatever answers get lost: a label
 * with that text already there is the answer; a create whose answer was lost (it landed) or that
 * HubSpot refuses with 409 (someone made it first) is settled from a fresh list of the pair's labels.
 */
export async function createLabelOnce(
  deps: LabelDeps,
  from: ObjectType,
  to: ObjectType,
  input: { label: string; name: string; inverseLabel?: string },
): Promise<LabelCreation> {
  const before = await deps.labels.list(from, to);
  const existing = custom(before, input.label);
  if (existing) return { created: false, type: existing };
  let answered: AssociationType[];
  let created = true;
  try {
    answered = await deps.hubspot.labels.create(from, to, input);
  } catch (error) {
    deps.labels.invalidate(from, to);
    const landed = custom(await deps.labels.list(from, to), input.label);
    if (!landed) throw error;
    created = !(error instanceof HubSpotError && error.status === 409);
    const inverse = input.inverseLabel
      ? custom(await deps.labels.list(to, from), input.inverseLabel)
      : undefined;
    answered = inverse && inverse.typeId !== landed.typeId ? [landed, inverse] : [landed];
  }
  deps.labels.invalidate(from, to);
  // HubSpot answers with one type per direction, in no promised order: the forward one is in the pair's list.
  const forwardIds = new Set((await deps.labels.list(from, to)).map((t) => t.typeId));
  const type =
    answered.find((t) => forwardIds.has(t.typeId) && !before.some((b) => b.typeId === t.typeId)) ??
    answered.find((t) => forwardIds.has(t.typeId)) ??
    answered[0];
  if (!type) throw new Error('HubSpot created the label but returned no type');
  deps.labels.rememberName(from, to, input.name, type.typeId);
  return { created, type, inverseType: answered.find((t) => t.typeId !== type.typeId) };
}
