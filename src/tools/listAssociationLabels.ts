import { z } from 'zod';
import { inverseOf } from '../domain/labels/catalogue.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { associationTypeOut, objectType } from './schemas.js';
import { defineTool } from './types.js';

export const listAssociationLabels = defineTool({
  name: 'list_association_labels',
  title: 'List association labels',
  description:
    'Association types of an object pair: typeId, category, label (null = default), inverse. Use before labeling.',
  inputSchema: { fromObjectType: objectType, toObjectType: objectType },
  outputSchema: {
    fromObjectType: z.string(),
    toObjectType: z.string(),
    types: z.array(associationTypeOut.extend({ inverseTypeId: z.number().optional() })),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    const [types, reverse] = await Promise.all([deps.labels.list(from, to), deps.labels.list(to, from)]);
    const out = types.map((t) => ({ ...t, inverseTypeId: inverseOf(t, reverse) }));
    const custom = types.filter((t) => t.category !== 'HUBSPOT_DEFINED').length;
    return {
      data: { fromObjectType: from.name, toObjectType: to.name, types: out },
      summary: `${types.length} association types for ${from.name}→${to.name} (${custom} custom).`,
    };
  },
});
