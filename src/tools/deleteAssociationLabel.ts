import { z } from 'zod';
import { isLabelInUse, pairsWithType } from '../domain/associations/byLabel.js';
import { InterruptedChange, type PairDelta, stored } from '../domain/journal/changes.js';
import { removalChange } from '../domain/journal/recorded.js';
import { describeType } from '../domain/labels/catalogue.js';
import { deleteLabel, inverseLabelOf } from '../domain/labels/changes.js';
import { requireCustom, resolveLabelTarget } from '../domain/labels/target.js';
import { confirmLarge } from './confirm.js';
import { associationTypeId, associationTypeOut, confirm, dryRun, label, objectType } from './schemas.js';
import { defineTool } from './types.js';

export const deleteAssociationLabel = defineTool({
  name: 'delete_association_label',
  title: 'Delete association label',
  description: 'Delete a custom label. One in use is first taken off its pairs, once the user confirms.',
  inputSchema: {
    fromObjectType: objectType,
    toObjectType: objectType,
    label,
    associationTypeId,
    dryRun,
    confirm,
  },
  outputSchema: {
    fromObjectType: z.string(),
    toObjectType: z.string(),
    dryRun: z.boolean(),
    deleted: associationTypeOut,
    pairsUnlabeled: z.number(),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler(deps, args) {
    const { from, to, type } = await resolveLabelTarget(deps.labels, args, 'to delete');
    requireCustom(type, 'deleted');
    // Its inverse's text, so an undo recreates the pair of labels as it was.
    const inverseLabel = await inverseLabelOf(deps, from, to, type);
    const head = {
      fromObjectType: from.name,
      toObjectType: to.name,
      dryRun: args.dryRun === true,
      deleted: type,
    };
    const deleted = (pairs: PairDelta[] = []) => ({
      data: { ...head, pairsUnlabeled: pairs.length },
      summary: `Deleted ${describeType(type)} from ${from.name}→${to.name}${pairs.length ? ` after taking it off ${pairs.length} pairs` : ''}.`,
      change: {
        kind: 'label-delete' as const,
        from: stored(from),
        to: stored(to),
        type,
        ...(inverseLabel && inverseLabel !== type.label ? { inverseLabel } : {}),
        ...(pairs.length ? { pairs } : {}),
      },
    });
    if (!args.dryRun) {
      // Most labels being deleted are unused: HubSpot says so when one is not, and only then are its pairs looked for.
      try {
        await deleteLabel(deps, from, to, type);
        return deleted();
      } catch (error) {
        if (!isLabelInUse(error)) throw error;
      }
    }
    const using = await pairsWithType(deps.hubspot, from, to, type);
    if (args.dryRun) {
      return {
        data: { ...head, pairsUnlabeled: using.length },
        summary: `Dry run: would ${using.length ? `take ${describeType(type)} off ${using.length} pairs (their other associations stay), then ` : ''}delete it; nothing written.`,
      };
    }
    // A label in use is only deleted with a person's yes, whatever the number of pairs.
    await confirmLarge(
      { ...deps, confirmThreshold: 0 },
      using.length,
      `take ${describeType(type)} off ${using.length} pairs and delete it`,
      args.confirm,
    );
    const results = await deps.associations.remove(from, to, using, type);
    const removed = removalChange(from, to, results);
    try {
      await deleteLabel(deps, from, to, type);
    } catch (error) {
      // The label stays (still in use somewhere, or HubSpot failed): what was taken off is journaled.
      throw removed.kind === 'remove' && removed.pairs.length > 0
        ? new InterruptedChange(error, removed)
        : error;
    }
    return deleted(removed.kind === 'remove' ? removed.pairs : []);
  },
});
