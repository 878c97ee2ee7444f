import { z } from 'zod';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { AssociationType } from '../hubspot/types.js';
import { associationTypeOut, objectType } from './schemas.js';
import { defineTool } from './types.js';

const isPrimary = (t: AssociationType) => t.label !== null && /\bprimary\b/i.test(t.label);

/**
 * The inverse of a type is the reverse pair's type for the same relationship: unlabeled ↔
 * unlabeled; HubSpot's PRIMARY types with each other, whatever HubSpot calls them this year
 * ("Primary" ↔ "Contact with Primary Company", 1 ↔ 2); otherwise the same text, else HubSpot's
 * consecutive ids (custom pairs are created as n, n+1).
 */
function inverseOf(type: AssociationType, reverse: AssociationType[]): number | undefined {
  if (type.category === 'HUBSPOT_DEFINED') {
    const defined = reverse.filter((r) => r.category === 'HUBSPOT_DEFINED');
    const match =
      type.label === null
        ? defined.find((r) => r.label === null)
        : isPrimary(type)
          ? defined.find(isPrimary)
          : defined.find((r) => r.label === type.label);
    if (match) return match.typeId;
  }
  const near = [type.typeId % 2 === 0 ? type.typeId + 1 : type.typeId - 1, type.typeId + 1, type.typeId - 1];
  for (const id of near) {
    const found = reverse.find((r) => r.category === type.category && r.typeId === id);
    if (found) return found.typeId;
  }
  return undefined;
}

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
