import { z } from 'zod';
import { describeType } from '../associations/labels.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { associationTypeId, associationTypeOut, label, objectType } from './schemas.js';
import { defineTool } from './types.js';

export const deleteAssociationLabel = defineTool({
  name: 'delete_association_label',
  title: 'Delete association label',
  description: 'Delete a custom label. One still in use must first be removed with remove_associations.',
  inputSchema: { fromObjectType: objectType, toObjectType: objectType, label, associationTypeId },
  outputSchema: { fromObjectType: z.string(), toObjectType: z.string(), deleted: associationTypeOut },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler(deps, args) {
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    if (args.label === undefined && args.associationTypeId === undefined) {
      throw new InputError('label', 'is required', 'give label or associationTypeId of the label to delete');
    }
    const type = await deps.labels.resolve(from, to, {
      label: args.label,
      associationTypeId: args.associationTypeId,
    });
    if (type.category === 'HUBSPOT_DEFINED') {
      throw new InputError(
        'label',
        `${describeType(type)} is HubSpot-defined and cannot be deleted`,
        'only custom (USER_DEFINED) labels can be deleted',
      );
    }
    await deps.hubspot.labels.remove(from, to, type.typeId);
    deps.labels.invalidate(from, to);
    return {
      data: { fromObjectType: from.name, toObjectType: to.name, deleted: type },
      summary: `Deleted ${describeType(type)} from ${from.name}→${to.name}.`,
    };
  },
});
