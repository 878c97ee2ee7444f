import { realpath } from 'node:fs/promises';
import { relative } from 'node:path';
import { locateImportFile } from '../domain/import/file.js';
import type { ImportSource, ImportSummary, RunOptions } from '../domain/import/run.js';
import type { Change } from '../domain/journal/changes.js';
import { type ChangeCollector, collectChanges, keepingChanges } from '../domain/journal/collector.js';
import { InputError } from '../hubspot/errors.js';
import { nameTools } from './advice.js';
import { DETAIL_LIMIT } from './pairOutput.js';
import { progressNotifier } from './progress.js';
import type { ToolDeps, ToolExtra } from './types.js';

/**
 * What both import tools do around their run: one of rows or file (a file only from the import
 * directory), progress notifications, the journal (kept when the run stops part-way), and the
 * report's path shown relative to the import directory (symbolic links resolved): never where it is.
 */
export async function runImportTool<I, R extends { error?: string; fix?: string }>(
  deps: ToolDeps,
  args: { rows?: I[]; file?: string; dryRun?: boolean },
  extra: ToolExtra,
  what: string,
  run: (source: ImportSource<I>, options: RunOptions) => Promise<ImportSummary<R>>,
  changeOf: (journal: ChangeCollector) => Change,
): Promise<{ summary: ImportSummary<R>; report?: string; change?: Change }> {
  if ((args.rows === undefined) === (args.file === undefined)) {
    throw new InputError(
      'rows',
      'give rows or file (one of them)',
      `inline up to 10,000 ${what}, or name a CSV file`,
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
  const change = () => journal && changeOf(journal);
  const done = await keepingChanges(
    () =>
      run(source, {
        dryRun: args.dryRun,
        detailLimit: DETAIL_LIMIT,
        onProgress: notify && ((p) => notify(p.done, p.total, p.message)),
        ...(journal ? { journal } : {}),
        // Cancelled (the client gave up before it detached, cancel_job, tasks/cancel, shutdown):
        // the rows not finished are reported as such, and what was done is journaled.
        signal: extra.signal,
      }),
    change,
  );
  // Error and fix texts name our tools (the domain knows none).
  const named = (r: R): R =>
    r.error ? { ...r, error: nameTools(r.error), ...(r.fix ? { fix: nameTools(r.fix) } : {}) } : r;
  const summary = {
    ...done,
    failures: done.failures.map(named),
    ...(done.results ? { results: done.results.map(named) } : {}),
  };
  const report = done.report && root ? relative(await realpath(root), done.report) : undefined;
  return { summary, ...(report ? { report } : {}), change: change() };
}

/** Said when a run was cancelled part-way: how many rows it did not reach, and how to finish. */
export function cancelledNote(counts: Record<string, number>): string {
  const n = counts.cancelled ?? 0;
  return n > 0
    ? `; ${n} cancelled before they were reached: run it again to finish (rows done are found, not repeated)`
    : '';
}
