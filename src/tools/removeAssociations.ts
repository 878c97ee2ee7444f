import { ensureDailyBudget } from '../domain/account/dailyBudget.js';
import { removalChange } from '../domain/journal/recorded.js';
import { resolveTarget } from '../domain/labels/target.js';
import { confirmLarge } from './confirm.js';
import { countsText, pairToolInput, pairToolOutput, summarisePairs } from './pairOutput.js';
import { BATCH_PAIRS, progressNotifier } from './progress.js';
import { confirm } from './schemas.js';
import { defineTool } from './types.js';

export const removeAssociations = defineTool({
  name: 'remove_associations',
  title: 'Remove associations',
  description: 'Unlink record pairs: all their associations, or only the given label. Never deletes records.',
  inputSchema: {
    ...pairToolInput,
    confirm,
  },
  outputSchema: pairToolOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  longRunning: true,
  async handler(deps, args, extra) {
    const { from, to, type } = await resolveTarget(deps.labels, args);
    const head = { fromObjectType: from.name, toObjectType: to.name, associationType: type ?? null };
    const what = type
      ? `label ${type.label ?? 'unlabeled (removes all)'} (typeId ${type.typeId})`
      : 'all associations';
    const plan = deps.associations.plan.remove(from, to, args.pairs, type);
    if (args.dryRun) {
      return {
        data: { ...head, dryRun: true, plan, counts: { planned: args.pairs.length }, failures: [] },
        summary: `Dry run: would remove ${what} from ${args.pairs.length} pairs in ${plan.length} requests; nothing written.`,
      };
    }
    await confirmLarge(deps, args.pairs.length, `unlink ${what} from that many pairs`, args.confirm);
    await ensureDailyBudget(deps.hubspot, plan.length, {
      field: 'pairs',
      what: `unlinking ${args.pairs.length} pairs`,
    });
    const progress = args.pairs.length > BATCH_PAIRS ? progressNotifier(extra) : undefined;
    const results = await deps.associations.remove(from, to, args.pairs, type, progress);
    const out = summarisePairs(results);
    return {
      data: { ...head, dryRun: false, ...out },
      summary: `${from.name}→${to.name} removed ${what}: ${countsText(out.counts)}.`,
      isError: out.failures.length === results.length,
      change: removalChange(from, to, results),
    };
  },
});
