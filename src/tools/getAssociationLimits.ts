import { z } from 'zod';
import { configured, pairOfLimit } from '../associations/limits.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { LimitConfiguration } from '../hubspot/types.js';
import { associationTypeOut, objectType } from './schemas.js';
import { defineTool } from './types.js';

const limitOut = associationTypeOut.extend({
  maxToObjectIds: z.number().optional(),
  fromObjectType: z.string().optional(),
  toObjectType: z.string().optional(),
});

export const getAssociationLimits = defineTool({
  name: 'get_association_limits',
  title: 'Get association limits',
  description: 'Configured association limits (max to-records per record, by label), all or for one pair.',
  inputSchema: {
    fromObjectType: objectType.optional(),
    toObjectType: objectType.optional().describe('Both or neither'),
  },
  outputSchema: {
    limits: z.array(limitOut),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    if ((args.fromObjectType === undefined) !== (args.toObjectType === undefined)) {
      const missing = args.fromObjectType === undefined ? 'fromObjectType' : 'toObjectType';
      throw new InputError(
        missing,
        'is required when the other object type is given',
        'give both, or neither for all limits',
      );
    }
    if (args.fromObjectType === undefined || args.toObjectType === undefined) {
      const all = configured(await deps.hubspot.limits.all());
      const limits = all.map((l) => {
        const pair = pairOfLimit(l);
        return { ...out(l), ...(pair ? { fromObjectType: pair.from, toObjectType: pair.to } : {}) };
      });
      return { data: { limits }, summary: `${limits.length} association limits configured in the portal.` };
    }
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    const limitsSet = configured(await deps.hubspot.limits.forPair(from, to));
    // C2 may omit label text; name custom types from the pair's catalogue (unlabeled stays null).
    const types = limitsSet.some((l) => !l.label) ? await deps.labels.list(from, to) : [];
    const limits = limitsSet.map((l) => ({
      ...out(l),
      label:
        l.label || (types.find((t) => t.typeId === l.typeId && t.category === l.category)?.label ?? null),
      fromObjectType: from.name,
      toObjectType: to.name,
    }));
    return {
      data: { limits },
      summary: `${limits.length} association limits configured for ${from.name}→${to.name}.`,
    };
  },
});

function out(l: LimitConfiguration) {
  return { typeId: l.typeId, category: l.category, label: l.label ?? null, maxToObjectIds: l.maxToObjectIds };
}
