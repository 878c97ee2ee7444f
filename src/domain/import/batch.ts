import { adviceFor } from '../../hubspot/errors.js';
import type { BatchOutcome, CrmObject, StandardError } from '../../hubspot/types.js';
import type { RowFailure, Status } from './rows.js';

/** Answers of the record phases: a record (id '' for a dry run's `new`), or why the row fails. */
export type Resolution = { id: string; status: Status } | RowFailure;

export const RERUN = 're-run the import: rows already done are found, not repeated';

/** A per-input error of a batch create, with what to do when HubSpot's wording tells. */
export function inputFailure(e: StandardError): RowFailure {
  const text = `${e.message}${e.context ? ` ${JSON.stringify(e.context)}` : ''}`;
  return { error: e.message, fix: adviceFor(text) ?? 'correct the row, then re-run the import' };
}

/** The trace id a 207 error names (batch creates tag each input with its index). */
export const traceOf = (e: StandardError) => e.context?.objectWriteTraceId?.[0];

/** Answers to a batch create, keyed by the inputs' trace ids; inputs it does not mention are absent. */
export function byTrace(
  outcome: BatchOutcome<CrmObject>,
  keys: string[],
  keyOf: (o: CrmObject) => string,
): Map<string, CrmObject | StandardError> {
  const out = new Map<string, CrmObject | StandardError>();
  const index = new Map(keys.map((k, i) => [k, String(i)]));
  for (const o of outcome.results) {
    const trace = index.get(keyOf(o));
    if (trace !== undefined) out.set(trace, o);
  }
  for (const e of outcome.errors) {
    const trace = traceOf(e);
    if (trace !== undefined) out.set(trace, e);
  }
  return out;
}
