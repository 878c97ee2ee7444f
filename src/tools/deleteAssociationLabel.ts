import { z } from 'zod';
import { stored } from '../domain/journal/changes.js';
import { deleteLabel } from '../domain/labelChanges.js';
import { describeType } from '../domain/labels.js';
import { requireCustom, resolveLabelTarget } from '../domain/target.js';
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
    const { from, to, type } = await resolveLabelTarget(deps.labels, args, 'to delete');
    requireCustom(type, 'deleted');
    await deleteLabel(deps, from, to, type);
    return {
      data: { fromObjectType: from.name, toObjectType: to.name, deleted: type },
      summary: `Deleted ${describeType(type)} from ${from.name}→${to.name}.`,
      change: { kind: 'label-delete' as const, from: stored(from), to: stored(to), type },
    };
  },
});
