import { z } from 'zod';
import { runEdgeImport } from '../domain/import/run.js';
import { stored } from '../domain/journal/changes.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { cancelledNote, runImportTool } from './importCall.js';
import { dryRun, objectType, recordId } from './schemas.js';
import { defineTool } from './types.js';

const edgeOut = z.object({
  row: z.number(),
  fromId: z.string(),
  toId: z.string(),
  typeId: z.number().optional(),
  status: z.enum(['associated', 'unchanged', 'planned', 'failed']),
  error: z.string().optional(),
  fix: z.string().optional(),
});

export const importAssociations = defineTool({
  name: 'import_associations',
  title: 'Import associations',
  description:
    "Restore or copy links with their labels from rows or an edge-list CSV as export_crm_data writes it. Adds to each pair's labels.",
  inputSchema: {
    fromObjectType: objectType,
    toObjectType: objectType,
    rows: z
      .array(
        z.object({
          fromId: recordId,
          toId: recordId,
          label: z.string().min(1).max(100).optional(),
          typeId: z.number().int().positive().optional(),
        }),
      )
      .min(1)
      .max(10_000)
      .optional(),
    file: z.string().max(200).optional().describe('CSV in the import dir: fromId,toId,typeId,category,label'),
    dryRun,
  },
  outputSchema: {
    fromObjectType: z.string(),
    toObjectType: z.string(),
    dryRun: z.boolean(),
    rows: z.number(),
    counts: z.record(z.string(), z.number()),
    failures: z.array(edgeOut),
    results: z.array(edgeOut).optional(),
    report: z.string().optional(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  longRunning: true,
  async handler(deps, args, extra) {
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    const { summary, report, change } = await runImportTool(
      deps,
      args,
      extra,
      'edges',
      (source, options) => runEdgeImport(deps, from, to, source, options),
      (journal) => journal.links(stored(from), stored(to)),
    );
    const counts = Object.entries(summary.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
    return {
      data: {
        fromObjectType: from.name,
        toObjectType: to.name,
        dryRun: args.dryRun === true,
        rows: summary.rows,
        counts: summary.counts,
        failures: summary.failures,
        ...(summary.results ? { results: summary.results } : {}),
        ...(report ? { report } : {}),
      },
      summary: `${from.name}→${to.name}, ${summary.rows} rows${args.dryRun ? ' (dry run, nothing written)' : ''}: ${counts || 'nothing to do'}${cancelledNote(summary.counts)}${report ? ` (every row in ${report})` : ''}.`,
      isError: summary.rows > 0 && (summary.counts.failed ?? 0) === summary.rows,
      change,
    };
  },
});
