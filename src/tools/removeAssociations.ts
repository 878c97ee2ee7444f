import { ensureDailyBudget } from '../domain/account/dailyBudget.js';
import { removalChange } from '../domain/journal/recorded.js';
import { refusedAsUnknown, writeKnownType } from '../domain/labels/rejection.js';
import { refOf, resolveTarget } from '../domain/labels/target.js';
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
    const target = await resolveTarget(deps.labels, args);
    const { from, to, type } = target;
    const head = (t = type) => ({
      fromObjectType: from.name,
      toObjectType: to.name,
      associationType: t ?? null,
    });
    const what = (t = type) =>
      t ? `label ${t.label ?? 'unlabeled (removes all)'} (typeId ${t.typeId})` : 'all associations';
    const plan = deps.associations.plan.remove(from, to, args.pairs, type);
    if (args.dryRun) {
      return {
        data: { ...head(), dryRun: true, plan, counts: { planned: args.pairs.length }, failures: [] },
        summary: `Dry run: would remove ${what()} from ${args.pairs.length} pairs in ${plan.length} requests; nothing written.`,
      };
    }
    await confirmLarge(deps, args.pairs.length, `unlink ${what()} from that many pairs`, args.confirm);
    await ensureDailyBudget(deps.hubspot, plan.length, {
      field: 'pairs',
      what: `unlinking ${args.pairs.length} pairs`,
    });
    const progress = args.pairs.length > BATCH_PAIRS ? progressNotifier(extra) : undefined;
    // A custom label no pair holds (or whose type HubSpot refuses) may have been deleted and made
    // again elsewhere under a new typeId: it is looked up again once.
    const { results, type: written } = await writeKnownType(
      deps.labels,
      target,
      refOf(args),
      async (t) => ({ results: await deps.associations.remove(from, to, args.pairs, t, progress) }),
      (r) =>
        refusedAsUnknown(r) || (type?.category === 'USER_DEFINED' && r.every((x) => x.status === 'absent')),
    );
    const out = summarisePairs(results);
    return {
      data: { ...head(written), dryRun: false, ...out },
      summary: `${from.name}→${to.name} removed ${what(written)}: ${countsText(out.counts)}.`,
      isError: out.failures.length === results.length,
      change: removalChange(from, to, results),
    };
  },
});
