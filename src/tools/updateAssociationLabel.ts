import { z } from 'zod';
import { describeType } from '../associations/labels.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { associationTypeId, associationTypeOut, label, objectType } from './schemas.js';
import { defineTool } from './types.js';

export const updateAssociationLabel = defineTool({
  name: 'update_association_label',
  title: 'Rename association label',
  description: 'Rename a custom label (and its inverse); typeIds stay.',
  inputSchema: {
    fromObjectType: objectType,
    toObjectType: objectType,
    label,
    associationTypeId,
    newLabel: z.string().trim().min(1).max(100),
    newInverseLabel: z.string().trim().min(1).max(100).optional(),
  },
  outputSchema: {
    fromObjectType: z.string(),
    toObjectType: z.string(),
    before: associationTypeOut,
    after: associationTypeOut,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    if (args.label === undefined && args.associationTypeId === undefined) {
      throw new InputError('label', 'is required', 'give label or associationTypeId of the label to rename');
    }
    const type = await deps.labels.resolve(from, to, {
      label: args.label,
      associationTypeId: args.associationTypeId,
    });
    if (type.category === 'HUBSPOT_DEFINED') {
      throw new InputError(
        'label',
        `${describeType(type)} is HubSpot-defined and cannot be renamed`,
        'rename a custom (USER_DEFINED) label instead',
      );
    }
    await deps.hubspot.labels.update(from, to, {
      associationTypeId: type.typeId,
      label: args.newLabel,
      ...(args.newInverseLabel ? { inverseLabel: args.newInverseLabel } : {}),
    });
    deps.labels.invalidate(from, to);
    const after = { ...type, label: args.newLabel };
    return {
      data: { fromObjectType: from.name, toObjectType: to.name, before: type, after },
      summary: `Renamed typeId ${type.typeId} from ${JSON.stringify(type.label)} to ${JSON.stringify(args.newLabel)}.`,
    };
  },
});
