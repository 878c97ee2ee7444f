import { z } from 'zod';
import { stored } from '../domain/journal/changes.js';
import { describeType } from '../domain/labels/catalogue.js';
import { limitOutcome, resolveLimitTarget, setLimit } from '../domain/limits/configurations.js';
import { associationTypeId, associationTypeOut, label, objectType } from './schemas.js';
import { defineTool } from './types.js';

export const setAssociationLimit = defineTool({
  name: 'set_association_limit',
  title: 'Set association limit',
  description: 'Create or update the max to-records per record for a label.',
  inputSchema: {
    fromObjectType: objectType,
    toObjectType: objectType,
    label,
    associationTypeId,
    maxToObjectIds: z.number().int().min(1),
  },
  outputSchema: {
    ...associationTypeOut.shape,
    maxToObjectIds: z.number(),
    previousMaxToObjectIds: z.number().optional(),
    action: z.enum(['created', 'updated', 'unchanged']),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    const target = await resolveLimitTarget(deps, args);
    const { from, to, type, current } = target;
    const max = args.maxToObjectIds;
    const { action, maxToObjectIds: applied } = await setLimit(deps, target, max);
    const previous = current?.maxToObjectIds;
    const change =
      action === 'unchanged'
        ? undefined
        : {
            kind: 'limit' as const,
            from: stored(from),
            to: stored(to),
            type,
            before: previous,
            after: applied,
          };
    return {
      data: { ...limitOutcome(type, current), maxToObjectIds: applied, action },
      change,
      summary:
        action === 'unchanged'
          ? `Limit for ${describeType(type)} on ${from.name}→${to.name} is already ${max}; nothing sent.`
          : `Limit for ${describeType(type)} on ${from.name}→${to.name} ${action}: ${previous ?? 'default'} → ${applied}.`,
    };
  },
});
