import { z } from 'zod';
import { confine } from '../domain/export/crmData.js';
import { COMPANIES, CONTACTS } from '../domain/repair/companies.js';
import { runRepair } from '../domain/repair/fixes.js';
import { FIXES, type RepairItem } from '../domain/repair/types.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { REPAIR_DIR } from './auditAssociations.js';
import { confirmLarge } from './confirm.js';
import { DETAIL_LIMIT } from './pairOutput.js';
import { progressNotifier } from './progress.js';
import { confirm, dryRun, objectType, recordId } from './schemas.js';
import { defineTool } from './types.js';

const item = z.object({
  fromId: z.string(),
  toId: z.string(),
  toType: z.string().optional(),
  status: z.enum(['planned', 'done', 'kept', 'skipped', 'failed']),
  reason: z.string().optional(),
});

const MOVED_TYPES = ['contacts', 'companies', 'deals', 'tickets'];

/** Fields that belong to one fix only: given to another, they are a mistake worth saying. */
const ONLY: Record<string, string> = {
  label: 'link_by_domain',
  fromRecordId: 'move_associations',
  toRecordId: 'move_associations',
  toObjectTypes: 'move_associations',
};

export const repairAssociations = defineTool({
  name: 'repair_associations',
  title: 'Repair associations',
  description:
    "One undoable fix after audit_associations: link_by_domain (orphan contacts to their domain's one company), set_primary (where one company fits), move_associations (fromRecordId's links to toRecordId).",
  inputSchema: {
    fix: z.enum(FIXES),
    label: z.string().min(1).max(100).optional().describe('e.g. Primary'),
    objectType: objectType.optional().describe('set_primary: contacts|deals|tickets'),
    fromRecordId: recordId.optional(),
    toRecordId: recordId.optional(),
    toObjectTypes: z.array(objectType).optional(),
    maxItems: z.number().int().min(1).max(100_000).optional(),
    dryRun,
    confirm,
  },
  outputSchema: {
    dryRun: z.boolean(),
    counts: z.record(z.string(), z.number()),
    statuses: z.record(z.string(), z.number()),
    items: z.array(item),
    failures: z.array(item),
    report: z.string().optional(),
    scanned: z.number().optional(),
    complete: z.boolean(),
    requests: z.number(),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  longRunning: true,
  async handler(deps, args, extra) {
    for (const [field, fix] of Object.entries(ONLY))
      if (args[field as keyof typeof args] !== undefined && args.fix !== fix)
        throw new InputError(field, `is for ${fix}, not ${args.fix}`, `leave ${field} out`);
    const move = args.fix === 'move_associations';
    if (move && (!args.objectType || !args.fromRecordId || !args.toRecordId))
      throw new InputError(
        !args.objectType ? 'objectType' : !args.fromRecordId ? 'fromRecordId' : 'toRecordId',
        'is required for move_associations',
        'give objectType and the two record ids (fromRecordId moves to toRecordId)',
      );
    if (
      args.fix === 'link_by_domain' &&
      args.objectType &&
      resolveObjectType(args.objectType).id !== CONTACTS.id
    )
      throw new InputError('objectType', 'link_by_domain links contacts', 'leave objectType out');
    if (args.toObjectTypes?.length === 0 || (args.toObjectTypes?.length ?? 0) > 10)
      throw new InputError(
        'toObjectTypes',
        'needs 1 to 10 types',
        'leave it out for contacts, companies, deals, tickets',
      );
    const type = resolveObjectType(args.objectType ?? 'contacts', 'objectType');
    const toTypes = (args.toObjectTypes ?? MOVED_TYPES).map((t, i) =>
      resolveObjectType(t, `toObjectTypes[${i}]`),
    );
    const chosen = args.label
      ? await deps.labels.resolve(CONTACTS, COMPANIES, { label: args.label })
      : undefined;
    const notify = progressNotifier(extra);
    const out = await runRepair(deps, {
      fix: args.fix,
      type,
      ...(chosen ? { label: chosen } : {}),
      ...(args.fromRecordId ? { fromRecordId: args.fromRecordId } : {}),
      ...(args.toRecordId ? { toRecordId: args.toRecordId } : {}),
      toTypes,
      maxItems: args.maxItems ?? 100_000,
      dryRun: args.dryRun === true,
      directory: confine(deps.exportDir, REPAIR_DIR),
      signal: extra.signal,
      ...(notify ? { onProgress: (d: number, t: number) => notify(d, t) } : {}),
      confirm: (count, what) => confirmLarge(deps, count, what, args.confirm),
    });
    const { change, items, report, objectType: _, fix: _fix, ...rest } = out;
    const failures = items.filter((i: RepairItem) => i.status === 'failed');
    const counts = Object.entries(out.statuses).map(([s, n]) => `${n} ${s}`);
    const file = report ? `${REPAIR_DIR}/${report}` : undefined;
    return {
      data: {
        ...rest,
        items: items.slice(0, DETAIL_LIMIT),
        failures: failures.slice(0, DETAIL_LIMIT),
        ...(file ? { report: file } : {}),
      },
      summary: `${args.fix}${out.dryRun ? ' (dry run, nothing written)' : ''}: ${counts.join(', ') || 'nothing to do'}${file ? ` (every item in ${file})` : ''}.`,
      isError: items.length > 0 && failures.length === items.length,
      ...(change ? { change } : {}),
    };
  },
});
