import { z } from 'zod';
import { stored } from '../domain/journal/changes.js';
import { describeType } from '../domain/labels/catalogue.js';
import { limitOutcome, removeLimit, resolveLimitTarget } from '../domain/limits/configurations.js';
import { associationTypeId, associationTypeOut, label, objectType } from './schemas.js';
import { defineTool } from './types.js';

export const removeAssociationLimit = defineTool({
  name: 'remove_association_limit',
  title: 'Remove association limit',
  description: "Remove a label's association limit (back to HubSpot's default).",
  inputSchema: { fromObjectType: objectType, toObjectType: objectType, label, associationTypeId },
  outputSchema: {
    ...associationTypeOut.shape,
    removed: z.boolean(),
    previousMaxToObjectIds: z.number().optional(),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    const target = await resolveLimitTarget(deps, args);
    const { from, to, type, current } = target;
    await removeLimit(deps, target);
    const previous = current?.maxToObjectIds;
    return {
      data: { ...limitOutcome(type, current), removed: current !== undefined },
      change: current
        ? { kind: 'limit' as const, from: stored(from), to: stored(to), type, before: previous }
        : undefined,
      summary: current
        ? `Removed the limit (${previous ?? 'set'}) for ${describeType(type)} on ${from.name}→${to.name}; HubSpot's default applies.`
        : `No limit was set for ${describeType(type)} on ${from.name}→${to.name}; nothing sent.`,
    };
  },
});
