import { z } from 'zod';
import { stored } from '../domain/journal/changes.js';
import { describeType } from '../domain/labels/catalogue.js';
import { createLabelOnce, labelName } from '../domain/labels/changes.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { associationTypeOut, objectType } from './schemas.js';
import { defineTool } from './types.js';

const labelText = z.string().trim().min(1).max(100);

export const createAssociationLabel = defineTool({
  name: 'create_association_label',
  title: 'Create association label',
  description:
    'Create a custom label (max 10 per pair), paired if inverseLabel is given (e.g. Manager/Employee). Never duplicates.',
  inputSchema: {
    fromObjectType: objectType,
    toObjectType: objectType,
    label: labelText,
    inverseLabel: labelText.optional().describe('Reverse direction text'),
    name: z.string().max(100).optional().describe('Internal name (derived if omitted)'),
  },
  outputSchema: {
    fromObjectType: z.string(),
    toObjectType: z.string(),
    name: z.string(),
    created: z.boolean(),
    type: associationTypeOut,
    inverseType: associationTypeOut.optional(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    const name = labelName(args.label, args.inverseLabel, args.name);
    const head = { fromObjectType: from.name, toObjectType: to.name, name };
    const outcome = await createLabelOnce(deps, from, to, {
      label: args.label,
      name,
      ...(args.inverseLabel ? { inverseLabel: args.inverseLabel } : {}),
    });
    const { type, inverseType } = outcome;
    if (!outcome.created) {
      return {
        data: { ...head, created: false, type, ...(inverseType ? { inverseType } : {}) },
        summary: `Label already exists: ${describeType(type)}; nothing created.`,
      };
    }
    return {
      data: { ...head, created: true, type, inverseType },
      summary: `Created ${describeType(type)}${inverseType ? ` with inverse ${describeType(inverseType)}` : ''} for ${from.name}→${to.name}.`,
      change: {
        kind: 'label-create' as const,
        from: stored(from),
        to: stored(to),
        name,
        type,
        ...(inverseType ? { inverseType } : {}),
      },
    };
  },
});
