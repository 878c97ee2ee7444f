import { z } from 'zod';
import { createLabelOnce } from '../associations/labelCreate.js';
import { describeType } from '../associations/labels.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { associationTypeOut, objectType } from './schemas.js';
import { defineTool } from './types.js';

const labelText = z.string().trim().min(1).max(100);

/** HubSpot's rule for internal names: no hyphens, no leading digit. */
function checkName(name: string): string {
  if (name.includes('-') || /^\d/.test(name) || !/^[A-Za-z0-9_]+$/.test(name)) {
    throw new InputError(
      'name',
      `${JSON.stringify(name)} is not a valid internal name`,
      'use letters, digits and underscores, starting with a letter (no hyphens)',
    );
  }
  return name;
}

function deriveName(label: string, inverse?: string): string {
  const snake = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '');
  const name =
    [label, inverse]
      .filter((s): s is string => !!s)
      .map(snake)
      .filter(Boolean)
      .join('_') || 'label';
  return (/^[a-z]/.test(name) ? name : `label_${name}`).slice(0, 100);
}

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
    const name = args.name ? checkName(args.name) : deriveName(args.label, args.inverseLabel);
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
    };
  },
});
