import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CsvError } from 'csv-parse';
import { InputError } from '../../hubspot/errors.js';

/** Import files larger than this are refused (about a million spreadsheet rows). */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
/**
 * Rows processed together. Per-chunk rounding costs at most a request or two per phase, and
 * companies seen in an earlier chunk are not searched again; a smaller chunk keeps the peak
 * memory of a long file near that of a short one (the work of one chunk is what stays live).
 */
export const CHUNK_ROWS = 2_000;
/** A single CSV record larger than this is a broken file, not data. */
const MAX_RECORD_BYTES = 64 * 1024;

const inside = (root: string, target: string) => {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * Where an import file given by a client lives: a relative path inside `root` (symbolic links
 * included), a regular file within the size limit. Checked before a byte of it is read.
 */
export async function locateImportFile(root: string, file: string, field = 'file'): Promise<string> {
  const plain = 'give a path relative to the import directory, e.g. "contacts.csv"';
  if (/\p{Cc}/u.test(file)) throw new InputError(field, 'contains a control character (such as NUL)', plain);
  if (isAbsolute(file) || /^[A-Za-z]:|^[\\/]/.test(file))
    throw new InputError(field, 'is an absolute path', plain);
  const target = resolve(root, file);
  if (!inside(resolve(root), target)) throw new InputError(field, 'leaves the import directory', plain);
  let real: string;
  try {
    real = await realpath(target);
  } catch {
    throw new InputError(field, `${JSON.stringify(file)} does not exist in the import directory`, plain);
  }
  if (!inside(await realpath(root), real)) throw new InputError(field, 'leaves the import directory', plain);
  return checkFile(real, field, file);
}

/** A regular file within the size limit (the CLI's file, or a located one). */
export async function checkFile(path: string, field: string, shown = path): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile())
    throw new InputError(field, `${JSON.stringify(shown)} is not a file`, 'name a CSV file');
  if (info.size > IMPORT_MAX_BYTES) {
    throw new InputError(
      field,
      `is ${(info.size / 2 ** 20).toFixed(1)} MB; the limit is ${IMPORT_MAX_BYTES / 2 ** 20} MB`,
      'split the file into smaller ones and import each',
    );
  }
  return path;
}

/** The per-row report written beside an input: `people.csv` → `people.report.csv`. */
export const reportPathOf = (path: string) =>
  join(dirname(path), `${basename(path).replace(/\.csv$/i, '')}.report.csv`);

export interface CsvRow {
  /** 1 = the first row after the header. */
  row: number;
  cells: string[];
}

// csv-parse loads with the first import, not with the server (cold start).
async function parser(path: string) {
  const { parse } = await import('csv-parse');
  return createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES }),
  );
}

/**
 * The file's records, `size` at a time. Records are taken with `read()` as they are parsed, not
 * one promise each through the stream's async iterator: that garbage alone grew the heap of a
 * 100,000-row import by tens of MB. The stream stays paused (back-pressure) while a batch is used.
 */
export async function* recordBatches(path: string, size: number): AsyncGenerator<string[][]> {
  const stream = await parser(path);
  const ready = () =>
    new Promise<void>((resolve, reject) => {
      const done = () => {
        stream.off('readable', done).off('end', done).off('error', fail);
        resolve();
      };
      const fail = (error: unknown) => {
        stream.off('readable', done).off('end', done).off('error', fail);
        reject(error);
      };
      stream.on('readable', done).on('end', done).on('error', fail);
    });
  let batch: string[][] = [];
  try {
    for (;;) {
      for (let record = stream.read(); record !== null; record = stream.read()) {
        batch.push(record as string[]);
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (stream.readableEnded) break;
      await ready();
    }
  } finally {
    stream.destroy();
  }
  if (batch.length > 0) yield batch;
}

function csvProblem(error: unknown): never {
  // csv-parse's CsvError (loaded lazily, so known by its CSV_* code rather than by class).
  if (!(error instanceof Error) || !String((error as CsvError).code).startsWith('CSV_')) throw error;
  const line = (error as CsvError & { lines?: number }).lines;
  throw new InputError(
    'file',
    `is not valid CSV${line ? ` at line ${line}` : ''}: ${error.message}`,
    'fix the file (every quote must close) and import it again',
  );
}

/** Reads the whole file once, streaming: its header and number of rows; broken CSV is refused here, before anything is written. */
export async function scanCsv(path: string): Promise<{ header: string[]; rows: number }> {
  let header: string[] | undefined;
  let rows = 0;
  try {
    for await (const batch of recordBatches(path, 1_000)) {
      header ??= batch[0]?.map((h) => h.trim());
      rows += batch.length;
    }
  } catch (error) {
    csvProblem(error);
  }
  if (!header) throw new InputError('file', 'is empty', 'the first line must name the columns');
  return { header, rows: rows - 1 };
}

/** The rows after the header, `size` at a time, streamed (memory holds one chunk). */
export async function* csvChunks(path: string, size = CHUNK_ROWS): AsyncGenerator<CsvRow[]> {
  let row = -1;
  let chunk: CsvRow[] = [];
  try {
    for await (const batch of recordBatches(path, size)) {
      for (const cells of batch) {
        if (++row === 0) continue;
        chunk.push({ row, cells });
        if (chunk.length >= size) {
          yield chunk;
          chunk = [];
        }
      }
    }
  } catch (error) {
    csvProblem(error);
  }
  if (chunk.length > 0) yield chunk;
}
