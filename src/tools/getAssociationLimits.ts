import { z } from 'zod';
import { listLimits } from '../domain/limits/configurations.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
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
      const limits = await listLimits(deps);
      return { data: { limits }, summary: `${limits.length} association limits configured in the portal.` };
    }
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    const limits = await listLimits(deps, { from, to });
    return {
      data: { limits },
      summary: `${limits.length} association limits configured for ${from.name}→${to.name}.`,
    };
  },
});
