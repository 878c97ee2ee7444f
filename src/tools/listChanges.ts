import { z } from 'zod';
import { describeChange } from '../domain/journal/changes.js';
import { undoable } from '../domain/journal/undo.js';
import { defineTool } from './types.js';

export const listChanges = defineTool({
  name: 'list_changes',
  title: 'List changes',
  description: 'The writes this server made, newest first, with whether undo_change can revert each.',
  inputSchema: {
    limit: z.number().int().min(1).max(100).optional().describe('Default 20'),
    cursor: z.string().min(1).max(100).optional(),
  },
  outputSchema: {
    changes: z.array(
      z.object({
        changeId: z.string(),
        tool: z.string(),
        at: z.string(),
        client: z.string().optional(),
        summary: z.string(),
        undoable: z.boolean(),
        why: z.string().optional(),
        undoOf: z.string().optional(),
      }),
    ),
    nextCursor: z.string().optional(),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(deps, args) {
    const page = await deps.journal.list({ limit: args.limit, cursor: args.cursor });
    const changes = page.entries.map((e) => ({
      changeId: e.changeId,
      tool: e.tool,
      at: e.at,
      ...(e.client ? { client: e.client } : {}),
      summary: describeChange(e.change),
      ...undoable(e),
      ...(e.undoOf ? { undoOf: e.undoOf } : {}),
    }));
    const more = page.nextCursor ? `; more with cursor "${page.nextCursor}"` : '';
    return {
      data: { changes, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      summary: `${changes.length} changes${more}.`,
    };
  },
});
