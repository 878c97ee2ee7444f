import { z } from 'zod';
import { undoChange as revert, undoSize } from '../domain/journal/undo.js';
import { InputError } from '../hubspot/errors.js';
import { confirmLarge } from './confirm.js';
import { DETAIL_LIMIT } from './pairOutput.js';
import { confirm } from './schemas.js';
import { defineTool } from './types.js';

const item = z.object({ item: z.string(), status: z.string(), reason: z.string().optional() });

export const undoChange = defineTool({
  name: 'undo_change',
  title: 'Undo a change',
  description:
    'Revert one change from list_changes exactly (links, labels, limits); records are never deleted. Try dryRun first.',
  inputSchema: {
    changeId: z.string().min(1).max(100),
    dryRun: z.boolean().optional(),
    confirm,
  },
  outputSchema: {
    changeId: z.string(),
    dryRun: z.boolean(),
    alreadyUndoneBy: z.string().optional(),
    counts: z.record(z.string(), z.number()),
    items: z.array(item).optional(),
    problems: z.array(item),
    recordsKept: z.array(z.object({ type: z.string(), id: z.string() })),
    undoChangeId: z.string().optional(),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  longRunning: true,
  async handler(deps, args) {
    const entry = await deps.journal.get(args.changeId);
    if (!entry) {
      throw new InputError(
        'changeId',
        `no change ${JSON.stringify(args.changeId.slice(0, 40))}`,
        'pick one from list_changes',
      );
    }
    if (!args.dryRun && !entry.undoneBy)
      await confirmLarge(deps, undoSize(entry.change), 'revert that many items', args.confirm);
    const outcome = await revert(deps, entry, {
      dryRun: args.dryRun === true,
      tool: 'undo_change',
      ...(deps.clientName ? { client: deps.clientName } : {}),
    });
    const counts: Record<string, number> = {};
    for (const i of outcome.items) counts[i.status] = (counts[i.status] ?? 0) + 1;
    const problems = outcome.items.filter((i) => i.status === 'conflict' || i.status === 'failed');
    const { items, ...rest } = outcome;
    const kept = outcome.recordsKept.length > 0 ? ` ${outcome.recordsKept.length} created records kept.` : '';
    const summary = outcome.alreadyUndoneBy
      ? `Change ${entry.changeId} was already undone (${outcome.alreadyUndoneBy}); nothing written.`
      : `${args.dryRun ? 'Dry run: would undo' : 'Undid'} ${entry.changeId}: ${
          Object.entries(counts)
            .map(([s, n]) => `${n} ${s}`)
            .join(', ') || 'nothing to revert'
        }.${kept}`;
    return {
      data: { ...rest, counts, items: items.length <= DETAIL_LIMIT ? items : undefined, problems },
      summary,
      isError: items.length > 0 && problems.length === items.length,
    };
  },
});
