import { ensureDailyBudget } from '../domain/account/dailyBudget.js';
import { associateRecorded } from '../domain/journal/recorded.js';
import { writeKnownType } from '../domain/labels/rejection.js';
import { refOf, resolveTarget } from '../domain/labels/target.js';
import type { AssociationType } from '../hubspot/types.js';
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
    const target = await resolveTarget(deps.labels, args);
    const { from, to } = target;
    const head = (type?: AssociationType) => ({
      fromObjectType: from.name,
      toObjectType: to.name,
      associationType: type ?? null,
    });
    const what = (type?: AssociationType) =>
      type ? `label ${type.label ?? 'unlabeled'} (typeId ${type.typeId})` : 'default association';
    const plan = deps.associations.plan.associate(from, to, args.pairs, target.type);
    if (args.dryRun) {
      return {
        data: {
          ...head(target.type),
          dryRun: true,
          plan,
          counts: { planned: args.pairs.length },
          failures: [],
        },
        summary: `Dry run: ${args.pairs.length} pairs ${from.name}→${to.name} with ${what(target.type)} in ${plan.length} requests; nothing written.`,
      };
    }
    await ensureDailyBudget(deps.hubspot, plan.length, {
      field: 'pairs',
      what: `linking ${args.pairs.length} pairs`,
    });
    // Over more than one batch, progress (pairs sent of all) when the caller passed a token.
    const progress = args.pairs.length > BATCH_PAIRS ? progressNotifier(extra) : undefined;
    // A type HubSpot refuses as unknown (changed elsewhere) is looked up again once.
    const { results, change, type } = await writeKnownType(deps.labels, target, refOf(args), (t) =>
      associateRecorded(deps, from, to, args.pairs, t, progress),
    );
    const out = summarisePairs(results);
    return {
      data: { ...head(type), dryRun: false, ...out },
      summary: `${from.name}→${to.name} ${what(type)}: ${countsText(out.counts)}.`,
      isError: out.failures.length === results.length,
      change,
    };
  },
});
