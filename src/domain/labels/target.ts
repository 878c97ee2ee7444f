import { InputError } from '../../hubspot/errors.js';
import { type ObjectType, resolveObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import { describeType, type LabelCatalog } from './catalogue.js';

export interface TargetArgs {
  fromObjectType: string;
  toObjectType: string;
  label?: string;
  associationTypeId?: number;
}

export interface Target {
  from: ObjectType;
  to: ObjectType;
  /** Absent when neither label nor associationTypeId was given. */
  type?: AssociationType;
}

/** The label or typeId a caller named, and the field a mistake in it is reported under. */
export const refOf = (args: TargetArgs) => ({
  label: args.label,
  associationTypeId: args.associationTypeId,
  field: args.associationTypeId !== undefined ? 'associationTypeId' : 'label',
});

/** The object pair and, when one is named, the association type: the first step of every label-aware tool. */
export async function resolveTarget(labels: LabelCatalog, args: TargetArgs): Promise<Target> {
  const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
  const to = resolveObjectType(args.toObjectType, 'toObjectType');
  if (args.label === undefined && args.associationTypeId === undefined) return { from, to };
  const { field, ...ref } = refOf(args);
  return { from, to, type: await labels.resolve(from, to, ref, field) };
}

/** As resolveTarget, for tools that act on one label: it must be named. */
export async function resolveLabelTarget(
  labels: LabelCatalog,
  args: TargetArgs,
  purpose: string,
): Promise<Required<Target>> {
  const target = await resolveTarget(labels, args);
  if (!target.type) {
    throw new InputError(
      'label',
      `give the label or associationTypeId ${purpose}`,
      `call list_association_labels for ${target.from.name}→${target.to.name} to see the choices`,
    );
  }
  return target as Required<Target>;
}

/** HubSpot-defined types cannot be renamed or deleted: refuse before sending anything. */
export function requireCustom(type: AssociationType, verb: 'renamed' | 'deleted'): void {
  if (type.category === 'HUBSPOT_DEFINED') {
    throw new InputError(
      'label',
      `${describeType(type)} is HubSpot-defined and cannot be ${verb}`,
      'only custom (USER_DEFINED) labels can be',
    );
  }
}
