import { ensureDailyBudget } from '../domain/account/dailyBudget.js';
import { associateRecorded } from '../domain/journal/recorded.js';
import { resolveTarget } from '../domain/labels/target.js';
import { countsText, pairToolInput, pairToolOutput, summarisePairs } from './pairOutput.js';
import { BATCH_PAIRS, progressNotifier } from './progress.js';
import { defineTool } from './types.js';

export const associateRecords = defineTool({
  name: 'associate_records',
  title: 'Associate records',
  description:
    'Link record pairs with the default association or a label (see list_association_labels), keeping existing labels.',
  inputSchema: pairToolInput,
  outputSchema: pairToolOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  longRunning: true,
  async handler(deps, args, extra) {
    const { from, to, type } = await resolveTarget(deps.labels, args);
    const head = {
      fromObjectType: from.name,
      toObjectType: to.name,
      associationType: type ?? null,
    };
    const what = type ? `label ${type.label ?? 'unlabeled'} (typeId ${type.typeId})` : 'default association';
    const plan = deps.associations.plan.associate(from, to, args.pairs, type);
    if (args.dryRun) {
      return {
        data: { ...head, dryRun: true, plan, counts: { planned: args.pairs.length }, failures: [] },
        summary: `Dry run: ${args.pairs.length} pairs ${from.name}→${to.name} with ${what} in ${plan.length} requests; nothing written.`,
      };
    }
    await ensureDailyBudget(deps.hubspot, plan.length, {
      field: 'pairs',
      what: `linking ${args.pairs.length} pairs`,
    });
    // Over more than one batch, progress (pairs sent of all) when the caller passed a token.
    const progress = args.pairs.length > BATCH_PAIRS ? progressNotifier(extra) : undefined;
    const { results, change } = await associateRecorded(deps, from, to, args.pairs, type, progress);
    const out = summarisePairs(results);
    return {
      data: { ...head, dryRun: false, ...out },
      summary: `${from.name}→${to.name} ${what}: ${countsText(out.counts)}.`,
      isError: out.failures.length === results.length,
      change,
    };
  },
});
