import { realpath } from 'node:fs/promises';
import { relative } from 'node:path';
import { z } from 'zod';
import type { EdgeRowResult } from '../domain/importEdges.js';
import { locateImportFile } from '../domain/importFile.js';
import { runEdgeImport } from '../domain/importRun.js';
import { stored } from '../domain/journal/changes.js';
import { collectChanges, keepingChanges } from '../domain/journal/collector.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { nameTools } from './advice.js';
import { DETAIL_LIMIT } from './pairOutput.js';
import { progressNotifier } from './progress.js';
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

const named = (r: EdgeRowResult): EdgeRowResult =>
  r.error ? { ...r, error: nameTools(r.error), ...(r.fix ? { fix: nameTools(r.fix) } : {}) } : r;

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
  async handler(deps, args, extra) {
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    if ((args.rows === undefined) === (args.file === undefined)) {
      throw new InputError(
        'rows',
        'give rows or file (one of them)',
        'inline up to 10,000 edges, or name a CSV file',
      );
    }
    const root = deps.importDir;
    if (args.file !== undefined && !root) {
      throw new InputError('file', 'file imports are off (no import directory)', 'pass the rows inline');
    }
    const source = args.rows
      ? { rows: args.rows }
      : { path: await locateImportFile(root ?? '', args.file ?? '') };
    const notify = progressNotifier(extra);
    const journal = args.dryRun ? undefined : collectChanges();
    const change = () => journal?.links(stored(from), stored(to));
    const summary = await keepingChanges(
      () =>
        runEdgeImport(deps, from, to, source, {
          dryRun: args.dryRun,
          detailLimit: DETAIL_LIMIT,
          onProgress: notify && ((p) => notify(p.done, p.total, p.message)),
          journal,
        }),
      change,
    );
    // Shown relative to the import directory (symbolic links resolved, as the file was): never where it is.
    const report = summary.report && root ? relative(await realpath(root), summary.report) : undefined;
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
        failures: summary.failures.map(named),
        ...(summary.results ? { results: summary.results.map(named) } : {}),
        ...(report ? { report } : {}),
      },
      summary: `${from.name}→${to.name}, ${summary.rows} rows${args.dryRun ? ' (dry run, nothing written)' : ''}: ${counts || 'nothing to do'}${report ? ` (every row in ${report})` : ''}.`,
      isError: summary.rows > 0 && (summary.counts.failed ?? 0) === summary.rows,
      change: change(),
    };
  },
});
