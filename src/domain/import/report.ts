import { open, rename } from 'node:fs/promises';

/**
 * A per-row report written as the import goes (`.partial`), renamed to its final name when the
 * import ends, finished or not: the rows it lists are the ones done, and re-running the input
 * finds them.
 */
export async function openReport(path: string, columns: string[]) {
  const partial = `${path}.partial`;
  const { stringify } = await import('csv-stringify/sync'); // loads with the first import, not at start
  const handle = await open(partial, 'w');
  await handle.write(stringify([columns]));
  return {
    async write(rows: unknown[][]) {
      if (rows.length > 0) await handle.write(stringify(rows));
    },
    async close() {
      await handle.close();
      await rename(partial, path);
    },
  };
}

export type Report = Awaited<ReturnType<typeof openReport>>;
