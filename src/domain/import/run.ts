import type { ObjectType } from '../../hubspot/objectTypes.js';
import { ensureDailyBudget, importMinimum } from '../account/dailyBudget.js';
import { resolvingOnce } from '../labels/catalogue.js';
import { COMPANIES, CONTACTS } from '../records/findOrCreate.js';
import { CANCELLED, unlessCancelled } from './cancel.js';
import { edgeColumns, pairColumns } from './columns.js';
import { importEdgeChunk } from './edges.js';
import type { EdgeRowInput, EdgeRowResult } from './edgeTypes.js';
import { createPairImport, type ImportDeps } from './pairs.js';
import { PAIR_REPORT_COLUMNS, previousReport } from './resume.js';
import { type ImportSource, type ImportSummary, type Kind, type RunOptions, run } from './runner.js';

export { FAILURE_LIMIT, type ImportSource, type ImportSummary, type RunOptions } from './runner.js';

import type { PairRowInput, PairRowResult } from './rows.js';

const importJob = (rows: number) => ({ field: 'rows', what: `importing ${rows} rows` });

const PAIRS: Kind<PairRowInput, PairRowResult> = {
  columns: pairColumns,
  reportColumns: PAIR_REPORT_COLUMNS,
  previous: previousReport,
  cells: (r) => [
    r.row,
    r.email,
    r.company,
    r.contactId,
    r.contact,
    r.companyId,
    r.companyStatus,
    r.linked,
    r.error,
    r.fix,
  ],
};

/** import_contact_company_pairs and `import pairs`: every row found or created and linked. */
export async function runPairImport(
  deps: ImportDeps,
  source: ImportSource<PairRowInput>,
  options: RunOptions & { label?: string },
): Promise<ImportSummary<PairRowResult>> {
  // Each distinct label once for the whole import (a miss re-reads the pair's list once).
  const labels = resolvingOnce(deps.labels);
  // A default label that names no type is the caller's mistake: refused before anything is read.
  if (options.label) await labels.resolve(CONTACTS, COMPANIES, { label: options.label }, 'label');
  let counts: Record<string, number> = {};
  const summary = await run(
    PAIRS,
    source,
    (total) => {
      const importer = createPairImport({ ...deps, labels }, { ...options, total });
      counts = importer.counts;
      return importer.chunk;
    },
    {
      ...options,
      beforeWrite: (rows) => ensureDailyBudget(deps.hubspot, importMinimum(rows), importJob(rows)),
    },
  );
  return { ...summary, counts };
}

const EDGES: Kind<EdgeRowInput, EdgeRowResult> = {
  columns: edgeColumns,
  reportColumns: ['row', 'fromId', 'toId', 'typeId', 'status', 'error', 'fix'],
  cells: (r) => [r.row, r.fromId, r.toId, r.typeId, r.status, r.error, r.fix],
};

/** import_associations and `import associations`: an edge list restored with each pair's labels. */
export async function runEdgeImport(
  deps: Pick<ImportDeps, 'hubspot' | 'labels'>,
  from: ObjectType,
  to: ObjectType,
  source: ImportSource<EdgeRowInput>,
  options: RunOptions,
): Promise<ImportSummary<EdgeRowResult>> {
  const counts: Record<string, number> = {};
  const labels = resolvingOnce(deps.labels);
  const summary = await run(
    EDGES,
    source,
    (total) => {
      let done = 0;
      return async (rows) => {
        const onProgress = (d: number, of: number) =>
          options.onProgress?.({
            done: done + (rows.length * d) / Math.max(of, 1),
            total,
            message: 'linking pairs',
          });
        const results = await unlessCancelled(
          options.signal,
          rows,
          ({ row, input }): EdgeRowResult => ({
            row,
            fromId: input.fromId,
            toId: input.toId,
            status: 'failed',
          }),
          () =>
            importEdgeChunk({ ...deps, labels }, from, to, rows, {
              dryRun: options.dryRun,
              onProgress,
              added: options.journal && ((delta) => options.journal?.added(delta)),
            }),
        );
        for (const r of results) {
          const status = r.error === CANCELLED ? 'cancelled' : r.status;
          counts[status] = (counts[status] ?? 0) + 1;
        }
        done += rows.length;
        options.onProgress?.({ done, total, message: `${done} of ${total} rows` });
        return results;
      };
    },
    {
      ...options,
      beforeWrite: (rows) => ensureDailyBudget(deps.hubspot, importMinimum(rows), importJob(rows)),
    },
  );
  return { ...summary, counts };
}
