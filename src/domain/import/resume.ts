import { access } from 'node:fs/promises';
import type { HubSpot } from '../../hubspot/index.js';
import { pairKey } from '../associations/outcome.js';
import { typesOfPairs } from '../associations/read.js';
import { COMPANIES, CONTACTS } from '../records/findOrCreate.js';
import { recordBatches } from './file.js';
import { companyKeyOf, type PreparedRow } from './rows.js';

/** A row the previous run's report shows as done: its records and link. */
export interface DoneRow {
  email: string;
  company: string;
  contactId: string;
  companyId: string;
}

/** The report's columns, in order (the report is only trusted when they match). */
export const PAIR_REPORT_COLUMNS = [
  'row',
  'email',
  'company',
  'contact_id',
  'contact_status',
  'company_id',
  'company_status',
  'linked',
  'error',
  'fix',
];

/**
 * The previous run's report beside the input, read in step with the input (row order), so memory
 * holds one chunk of it. Returns a reader of the done rows up to a row number, or undefined when
 * there is no report (or it is not one of ours).
 */
export async function previousReport(path: string) {
  if (
    !(await access(path).then(
      () => true,
      () => false,
    ))
  )
    return undefined;
  const batches = recordBatches(path, 1_000);
  let buffer: string[][] = [];
  // A report that cannot be read (any more) is no checkpoint: the rest take the full path.
  const next = async (): Promise<string[] | undefined> => {
    if (buffer.length === 0) {
      const r = await batches.next().catch(() => ({ done: true as const, value: undefined }));
      buffer = r.done ? [] : r.value.reverse();
    }
    return buffer.pop();
  };
  const head = await next();
  if (head?.join(',') !== PAIR_REPORT_COLUMNS.join(',')) return undefined;
  let pending = await next();
  return async (lastRow: number): Promise<Map<number, DoneRow>> => {
    const done = new Map<number, DoneRow>();
    for (; pending && Number(pending[0]) <= lastRow; pending = await next()) {
      const [row, email, company, contactId, , companyId, , linked, error] = pending;
      if (contactId && companyId && linked && !error && email && company) {
        done.set(Number(row), { email, company, contactId, companyId });
      }
    }
    return done;
  };
}

/**
 * Of the rows a previous run finished, those whose records and link the portal still holds: the
 * row must be the same (e-mail, company key) and the pair still linked (with the row's label).
 * Read from the contact side (one request per 1,000 contacts; a contact has few companies, a
 * company may have thousands of contacts). Returns row → ids; every other row takes the full path.
 */
export async function verifyDone(
  hubspot: Pick<HubSpot, 'associations'>,
  rows: readonly PreparedRow[],
  done: Map<number, DoneRow>,
  labelOf: (row: PreparedRow) => number | undefined,
): Promise<Map<number, { contactId: string; companyId: string }>> {
  const candidates = rows.flatMap((p) => {
    const d = done.get(p.row);
    const same =
      d &&
      d.email === p.email &&
      companyKeyOf({ ...p.companyKey, value: d.company }) === companyKeyOf(p.companyKey);
    return same ? [{ p, pair: { fromId: d.contactId, toId: d.companyId } }] : [];
  });
  if (candidates.length === 0) return new Map();
  const held = await typesOfPairs(
    hubspot,
    CONTACTS,
    COMPANIES,
    candidates.map((c) => c.pair),
  );
  const out = new Map<number, { contactId: string; companyId: string }>();
  for (const { p, pair } of candidates) {
    const types = held.get(pairKey(pair)) ?? [];
    const label = labelOf(p);
    if (types.length > 0 && (label === undefined || types.some((t) => t.typeId === label))) {
      out.set(p.row, { contactId: pair.fromId, companyId: pair.toId });
    }
  }
  return out;
}
