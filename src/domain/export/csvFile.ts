import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

export interface ExportedFile {
  file: string;
  rows: number;
  complete: boolean;
}

/** A CSV file written page by page; it only gets its final name once complete. */
export async function csvFile(directory: string, name: string, columns: string[], total: { rows: number }) {
  const path = join(directory, name);
  const { stringify } = await import('csv-stringify/sync'); // loads with the first export, not at start
  const handle = await open(`${path}.partial`, 'w');
  await handle.write(stringify([columns]));
  const file: ExportedFile = { file: name, rows: 0, complete: false };
  return {
    file,
    async write(rows: unknown[][]) {
      if (rows.length === 0) return;
      await handle.write(stringify(rows));
      file.rows += rows.length;
      total.rows += rows.length;
    },
    async finish() {
      await handle.close();
      await rename(`${path}.partial`, path);
      file.complete = true;
    },
    async abandon() {
      await handle.close().catch(() => {});
    },
  };
}

export type CsvFile = Awaited<ReturnType<typeof csvFile>>;
