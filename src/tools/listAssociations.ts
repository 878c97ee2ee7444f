import { z } from 'zod';
import { type PendingRead, readAssociations } from '../domain/associations/read.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { AssociatedObject } from '../hubspot/types.js';
import { associationTypeOut, objectType, recordId } from './schemas.js';
import { defineTool } from './types.js';

/** The cursor is opaque to the agent: the records (and HubSpot cursors) still to read. */
function encodeCursor(pending: PendingRead[]): string | undefined {
  return pending.length > 0 ? Buffer.from(JSON.stringify(pending)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string): PendingRead[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.every((v) => typeof v?.id === 'string' && /^\d+$/.test(v.id)))
      return value;
  } catch {}
  throw new InputError(
    'cursor',
    'is not a cursor this tool returned',
    'pass nextCursor from the previous answer unchanged',
  );
}

export const listAssociations = defineTool({
  name: 'list_associations',
  title: 'List associations',
  description: "Records' associated ids of one object type, with labels. Continue with nextCursor.",
  inputSchema: {
    objectType,
    objectIds: z.array(recordId).min(1).max(1_000),
    toObjectType: objectType,
    limit: z.number().int().min(1).max(10_000).optional().describe('Default 1000'),
    cursor: z.string().max(200_000).optional(),
  },
  outputSchema: {
    objectType: z.string(),
    toObjectType: z.string(),
    records: z.array(
      z.object({
        id: z.string(),
        associations: z.array(z.object({ toObjectId: z.string(), types: z.array(associationTypeOut) })),
      }),
    ),
    total: z.number(),
    nextCursor: z.string().optional(),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    const from = resolveObjectType(args.objectType, 'objectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    const start = args.cursor
      ? decodeCursor(args.cursor)
      : [...new Set(args.objectIds)].map((id) => ({ id }));
    const found = new Map<string, AssociatedObject[]>(start.map((p) => [p.id, []]));
    let total = 0;
    const pending = await readAssociations(deps.hubspot, from, to, start, {
      limit: args.limit ?? 1_000,
      onPage(fromId, objects) {
        found.get(fromId)?.push(...objects);
        total += objects.length;
      },
    });
    const records = [...found].map(([id, associations]) => ({ id, associations }));
    const nextCursor = encodeCursor(pending);
    return {
      data: { objectType: from.name, toObjectType: to.name, records, total, nextCursor },
      summary: `${total} associated ${to.name} across ${records.length} ${from.name} record(s)${nextCursor ? '; more with nextCursor' : ''}.`,
    };
  },
});
