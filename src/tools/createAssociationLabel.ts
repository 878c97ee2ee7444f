import { z } from 'zod';
import { describeType } from '../associations/labels.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { AssociationType } from '../hubspot/types.js';
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
    const before = await deps.labels.list(from, to);
    const existing = before.find((t) => t.category !== 'HUBSPOT_DEFINED' && t.label === args.label);
    if (existing) {
      return {
        data: { ...head, created: false, type: existing },
        summary: `Label already exists: ${describeType(existing)}; nothing created.`,
      };
    }
    const input = {
      label: args.label,
      name,
      ...(args.inverseLabel ? { inverseLabel: args.inverseLabel } : {}),
    };
    let created: AssociationType[];
    try {
      created = await deps.hubspot.labels.create(from, to, input);
    } catch (error) {
      // A lost answer (the label exists now) or a 409 "already exists" from a repeat: the cached
      // list is stale either way; the label as the portal holds it now is the answer.
      deps.labels.invalidate(from, to);
      const landed = (await deps.labels.list(from, to)).find(
        (t) => t.category !== 'HUBSPOT_DEFINED' && t.label === args.label,
      );
      if (!landed) throw error;
      const inverse = args.inverseLabel
        ? (await deps.labels.list(to, from)).find(
            (t) => t.category !== 'HUBSPOT_DEFINED' && t.label === args.inverseLabel,
          )
        : undefined;
      created = inverse && inverse.typeId !== landed.typeId ? [landed, inverse] : [landed];
    }
    deps.labels.invalidate(from, to);
    // HubSpot answers with one type per direction, in no promised order: the forward one is in the pair's list.
    const forwardIds = new Set((await deps.labels.list(from, to)).map((t) => t.typeId));
    const type =
      created.find((t) => forwardIds.has(t.typeId) && !before.some((b) => b.typeId === t.typeId)) ??
      created[0];
    if (!type) throw new Error('HubSpot created the label but returned no type');
    const inverseType = created.find((t) => t.typeId !== type.typeId);
    deps.labels.rememberName(from, to, name, type.typeId);
    return {
      data: { ...head, created: true, type, inverseType },
      summary: `Created ${describeType(type)}${inverseType ? ` with inverse ${describeType(inverseType)}` : ''} for ${from.name}→${to.name}.`,
    };
  },
});
