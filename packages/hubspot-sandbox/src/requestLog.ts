/** Every answered request, so tests can count calls, inputs and throttling. */

export interface LogEntry {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  /** Route template, e.g. 'POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create'. */
  operation: string;
  status: number;
  /** ms timestamp of the answer. */
  at: number;
  /** ms timestamp of the request's arrival (what a rolling-window budget counts). */
  arrivedAt: number;
  /** Number of batch inputs (or array items) in the body, when it had any. */
  inputs?: number;
  /** The signed-in user (e-mail) whose OAuth token made the request. */
  user?: string;
}

export type LogFilter = string | ((entry: LogEntry) => boolean);

export interface RequestLog {
  readonly entries: ReadonlyArray<LogEntry>;
  /** String: a route template matches exactly, other text by substring (see textMatches). */
  count(filter?: LogFilter): number;
  /** Number of 429 answers. */
  rateLimited(): number;
  reset(): void;
}

export interface RecordingLog extends RequestLog {
  record(entry: LogEntry): void;
}

/**
 * A text filter naming a route template ('POST /crm/v3/objects/{objectType}') matches that
 * operation only; any other text matches a substring of the operation or of "METHOD path".
 */
export function textMatches(filter: string, method: string, path: string, operation: string): boolean {
  if (filter.includes('{')) return operation === filter;
  return operation.includes(filter) || `${method} ${path}`.includes(filter);
}

function matches(entry: LogEntry, filter: LogFilter): boolean {
  if (typeof filter === 'function') return filter(entry);
  return textMatches(filter, entry.method, entry.path, entry.operation);
}

export function createRequestLog(): RecordingLog {
  const entries: LogEntry[] = [];
  return {
    entries,
    record: (entry) => {
      entries.push(entry);
    },
    count: (filter) =>
      filter === undefined ? entries.length : entries.filter((e) => matches(e, filter)).length,
    rateLimited: () => entries.filter((e) => e.status === 429).length,
    reset: () => {
      entries.length = 0;
    },
  };
}
