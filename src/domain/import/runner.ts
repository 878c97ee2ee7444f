import type { ChangeCollector } from '../journal/collector.js';
import { CANCELLED } from './cancel.js';
import { CHUNK_ROWS, csvChunks, reportPathOf, scanCsv } from './file.js';
import type { ImportProgress } from './pairs.js';
import { openReport, type Report } from './report.js';
import type { DoneRow } from './resume.js';

/** Failures an answer carries at most (the report file has them all). */
export const FAILURE_LIMIT = 20;

/** Inline rows, or a CSV file already located (see locateImportFile / checkFile). */
export type ImportSource<I> = { rows: I[] } | { path: string };

export interface ImportSummary<R> {
  rows: number;
  counts: Record<string, number>;
  /** The first failures, in row order (rows cancelled before they were reached are counted, not listed). */
  failures: R[];
  /** Every row's result, when there are at most `detailLimit` rows. */
  results?: R[];
  /** The per-row report beside the input file (not for a dry run). */
  report?: string;
}

export interface RunOptions {
  dryRun?: boolean;
  detailLimit?: number;
  /** Rows per chunk (default CHUNK_ROWS). */
  chunkRows?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Called with the number of rows once known, before anything is written (a check may refuse the job). */
  beforeWrite?: (rows: number) => Promise<void>;
  /** Collects what the import changed, for the change journal (kept even when a run stops part-way). */
  journal?: ChangeCollector;
  /** Cancelled: the rows not finished are reported "cancelled before this row" (cancel.ts). */
  signal?: AbortSignal;
}

export interface Kind<I, R> {
  columns(header: string[]): (cells: string[]) => I;
  reportColumns: string[];
  cells(r: R): unknown[];
  /** The previous run's report as a checkpoint: the rows it shows done, chunk by chunk. */
  previous?: (report: string) => Promise<((lastRow: number) => Promise<Map<number, DoneRow>>) | undefined>;
}

type Chunk<I, R> = (rows: Array<{ row: number; input: I }>, done?: Map<number, DoneRow>) => Promise<R[]>;

/** Streams the source through `chunk` (files in chunks of CHUNK_ROWS), keeping the first failures and the report. */
export async function run<I, R extends { error?: string }>(
  kind: Kind<I, R>,
  source: ImportSource<I>,
  begin: (total: number) => Chunk<I, R>,
  options: RunOptions,
): Promise<ImportSummary<R>> {
  const failures: R[] = [];
  const kept: R[] = [];
  let counted = 0;
  const take = (results: R[]) => {
    for (const r of results) {
      counted++;
      // A row cancelled before it was reached is no failure (the report and counts say so).
      if (r.error && r.error !== CANCELLED && failures.length < FAILURE_LIMIT) failures.push(r);
      if (counted <= (options.detailLimit ?? 0)) kept.push(r);
    }
  };
  // Counts are the caller's (it knows what its rows mean); every row's result only for small inputs.
  const summary = (report?: string): ImportSummary<R> => ({
    rows: counted,
    counts: {},
    failures,
    ...(counted <= (options.detailLimit ?? 0) ? { results: kept } : {}),
    ...(report ? { report } : {}),
  });
  if ('rows' in source) {
    if (!options.dryRun) await options.beforeWrite?.(source.rows.length);
    const chunk = begin(source.rows.length);
    const size = options.chunkRows ?? CHUNK_ROWS;
    for (let i = 0; i < source.rows.length; i += size) {
      take(await chunk(source.rows.slice(i, i + size).map((input, j) => ({ row: i + j + 1, input }))));
    }
    return summary();
  }
  const { header, rows } = await scanCsv(source.path);
  const map = kind.columns(header); // a missing or unknown column stops here: nothing written
  if (!options.dryRun) await options.beforeWrite?.(rows);
  const chunk = begin(rows);
  const path = reportPathOf(source.path);
  const previous = options.dryRun ? undefined : await kind.previous?.(path);
  const report: Report | undefined = options.dryRun ? undefined : await openReport(path, kind.reportColumns);
  try {
    for await (const part of csvChunks(source.path, options.chunkRows)) {
      const done = await previous?.(part.at(-1)?.row ?? 0);
      const results = await chunk(
        part.map(({ row, cells }) => ({ row, input: map(cells) })),
        done,
      );
      await report?.write(results.map(kind.cells));
      take(results);
    }
  } finally {
    await report?.close();
  }
  return summary(report ? path : undefined);
}
