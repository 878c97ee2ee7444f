import { mkdir } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { CancelledError, HubSpotError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import { readAssociations } from '../associations/read.js';
import { BATCH } from '../batching/chunks.js';
import { csvFile, type ExportedFile } from './csvFile.js';

/** Properties exported when none are asked for: what a person needs to recognise the record. */
const DEFAULT_PROPERTIES: Record<string, string[]> = {
  contacts: ['email', 'firstname', 'lastname'],
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'dealstage'],
  tickets: ['subject', 'hs_pipeline_stage'],
};

export type { ExportedFile } from './csvFile.js';

export const EDGE_COLUMNS = ['fromId', 'toId', 'typeId', 'category', 'label'];

export interface ExportRequest {
  objectTypes: ObjectType[];
  associations: Array<{ from: ObjectType; to: ObjectType }>;
  properties?: string[];
  maxRecords?: number;
  /** Files go here, and nowhere else. */
  directory: string;
  /** Paths in error messages are shown relative to this (default: `directory`): clients never see where it is. */
  root?: string;
  onProgress?: (progress: { rows: number; file: string }) => void;
}

export interface ExportSummary {
  directory: string;
  files: ExportedFile[];
  complete: boolean;
  error?: string;
}

/** An export that failed part-way: `summary` says what was written and what was not. */
export class ExportError extends Error {
  constructor(
    readonly summary: ExportSummary,
    override readonly cause: unknown,
  ) {
    super(summary.error);
  }

  /** A failure the message does not explain (neither HubSpot nor the file system): log `cause`. */
  get unexpected(): boolean {
    return (
      !(this.cause instanceof HubSpotError || this.cause instanceof CancelledError) &&
      typeof (this.cause as { path?: unknown })?.path !== 'string'
    );
  }
}

/** Resolves `sub` inside `root`; anything that would land outside is refused. */
export function confine(root: string, sub = '.'): string {
  const target = resolve(root, sub);
  const rel = relative(resolve(root), target);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new Error('path escapes the export directory');
  return target;
}

/** A property's value as a CSV cell: own properties only, so `toString` or `__proto__` are just names. */
function cell(properties: Record<string, unknown>, name: string): string {
  if (!Object.hasOwn(properties, name)) return '';
  const value = properties[name];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

/** Why the export stopped, in words a client may see: HubSpot's hint, or a file system failure with its path relative to `root`. */
function failureText(cause: unknown, root: string): string {
  if (cause instanceof HubSpotError) return cause.hint;
  if (cause instanceof CancelledError) return `cancelled (${cause.reason}); run it again for complete files`;
  const fsError = cause as NodeJS.ErrnoException;
  if (cause instanceof Error && typeof fsError.code === 'string' && typeof fsError.path === 'string') {
    const where = relative(root, fsError.path) || 'the export directory';
    return `could not ${fsError.syscall ?? 'write'} ${JSON.stringify(where)} (${fsError.code})`;
  }
  return 'an internal error stopped it (the server logged the details)';
}

/**
 * Streams objects (list endpoint, 100 a page) and their associations (batch read, 1,000 ids a
 * request) to `{object}.csv` and `{from}_{to}.csv`. Memory holds one page and one id chunk per
 * object type, whatever the number of records.
 */
export async function exportCrmData(
  hubspot: Pick<HubSpot, 'objects' | 'associations'>,
  req: ExportRequest,
): Promise<ExportSummary> {
  const total = { rows: 0 };
  const files: Array<Awaited<ReturnType<typeof csvFile>>> = [];
  const summary = (): ExportSummary => ({
    directory: req.directory,
    files: files.map((f) => ({ ...f.file })),
    complete: files.every((f) => f.file.complete),
  });
  const sources = new Map<string, ObjectType>();
  for (const t of [...req.objectTypes, ...req.associations.map((a) => a.from)]) sources.set(t.id, t);
  // One file per pair, however often the pair was asked for.
  const pairs = [...new Map(req.associations.map((a) => [`${a.from.id}>${a.to.id}`, a])).values()];

  const exportSource = async (type: ObjectType) => {
    const wanted = req.objectTypes.some((t) => t.id === type.id);
    const defaults = Object.hasOwn(DEFAULT_PROPERTIES, type.name)
      ? (DEFAULT_PROPERTIES[type.name] ?? [])
      : [];
    const properties = [...new Set([...defaults, ...(req.properties ?? [])])];
    const objects = wanted
      ? await csvFile(
          req.directory,
          `${type.name}.csv`,
          ['id', ...properties, 'createdAt', 'updatedAt'],
          total,
        )
      : undefined;
    if (objects) files.push(objects);
    const edges: Array<{ to: ObjectType; file: Awaited<ReturnType<typeof csvFile>> }> = [];
    for (const a of pairs.filter((x) => x.from.id === type.id)) {
      const edgeFile = await csvFile(req.directory, `${a.from.name}_${a.to.name}.csv`, EDGE_COLUMNS, total);
      files.push(edgeFile);
      edges.push({ to: a.to, file: edgeFile });
    }
    const flush = async (ids: string[]) => {
      for (const edge of edges) {
        await readAssociations(
          hubspot,
          type,
          edge.to,
          ids.map((id) => ({ id })),
          {
            onPage: (fromId, to) =>
              edge.file.write(
                to.flatMap((o) =>
                  o.types.map((t) => [fromId, o.toObjectId, t.typeId, t.category, t.label ?? '']),
                ),
              ),
          },
        );
        req.onProgress?.({ rows: total.rows, file: edge.file.file.file });
      }
    };
    let ids: string[] = [];
    let inflight: Promise<void> = Promise.resolve();
    let after: string | undefined;
    let listed = 0;
    const max = req.maxRecords ?? Number.POSITIVE_INFINITY;
    do {
      const page = await hubspot.objects.list(type, {
        limit: Math.min(100, max - listed),
        after,
        properties: wanted ? properties : [],
      });
      const records = page.results.slice(0, max - listed);
      listed += records.length;
      after = page.after;
      await objects?.write(
        records.map((r) => [
          r.id,
          ...properties.map((p) => cell(r.properties, p)),
          r.createdAt ?? '',
          r.updatedAt ?? '',
        ]),
      );
      if (objects) req.onProgress?.({ rows: total.rows, file: objects.file.file });
      if (edges.length > 0) {
        ids.push(...records.map((r) => r.id));
        while (ids.length >= BATCH.read) {
          const part = ids.slice(0, BATCH.read);
          ids = ids.slice(BATCH.read);
          await inflight; // at most one association read overlaps the listing: bounded memory
          inflight = flush(part);
          inflight.catch(() => {}); // surfaced by the next await; never an unhandled rejection
        }
      }
    } while (after && listed < max);
    await inflight;
    if (ids.length > 0) await flush(ids);
    await objects?.finish();
    for (const edge of edges) await edge.file.finish();
  };

  // Every source runs to its end (or failure) before the outcome is judged: nothing keeps writing after we report.
  const made = await mkdir(req.directory, { recursive: true }).then(
    () => undefined,
    (error: unknown) => error,
  );
  const outcomes =
    made === undefined
      ? await Promise.allSettled([...sources.values()].map(exportSource))
      : [{ status: 'rejected' as const, reason: made }];
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (!failed) return summary();
  {
    const cause: unknown = failed.reason;
    await Promise.all(files.map((f) => f.abandon()));
    const reason = failureText(cause, req.root ?? req.directory);
    const partial = summary();
    const written = partial.files.map(
      (f) => `${f.file}: ${f.rows} rows${f.complete ? '' : ' (incomplete, left as .partial)'}`,
    );
    throw new ExportError(
      {
        ...partial,
        complete: false,
        error: `export failed: ${reason}. Written so far: ${written.join('; ') || 'nothing'}`,
      },
      cause,
    );
  }
}
