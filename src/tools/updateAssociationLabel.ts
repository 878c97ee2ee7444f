import { z } from 'zod';
import { stored } from '../domain/journal/changes.js';
import { inverseLabelOf, renameLabel } from '../domain/labels/changes.js';
import { requireCustom, resolveLabelTarget } from '../domain/labels/target.js';
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
    const { from, to, type } = await resolveLabelTarget(deps.labels, args, 'to rename');
    requireCustom(type, 'renamed');
    // The inverse's text before and after, as HubSpot lists it: an undo puts both back.
    const inverseBefore = await inverseLabelOf(deps, from, to, type);
    const after = await renameLabel(deps, from, to, type, {
      label: args.newLabel,
      inverseLabel: args.newInverseLabel,
    });
    const inverseAfter =
      inverseBefore === undefined ? undefined : await inverseLabelOf(deps, from, to, after);
    return {
      data: { fromObjectType: from.name, toObjectType: to.name, before: type, after },
      summary: `Renamed typeId ${type.typeId} from ${JSON.stringify(type.label)} to ${JSON.stringify(args.newLabel)}.`,
      change: {
        kind: 'label-rename' as const,
        from: stored(from),
        to: stored(to),
        typeId: type.typeId,
        before: {
          label: type.label,
          ...(inverseBefore !== undefined ? { inverseLabel: inverseBefore } : {}),
        },
        after: { label: args.newLabel, ...(inverseAfter ? { inverseLabel: inverseAfter } : {}) },
      },
    };
  },
});
