import { InputError } from '../../hubspot/errors.js';
import type { AssociationType } from '../../hubspot/types.js';
import { pairKey } from '../associations/outcome.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { COMPANIES, CONTACTS } from '../records/findOrCreate.js';
import type { Resolution } from './batch.js';
import { CANCELLED } from './cancel.js';
import type { LinkOutcome, LinkWanted } from './links.js';
import {
  companyKeyOf,
  type PairRowInput,
  type PairRowResult,
  type PreparedRow,
  prepareRow,
  type RowFailure,
  rowIdentity,
} from './rows.js';

export type Counts = Record<string, number>;
export type Results = Map<number, PairRowResult>;

const bump = (counts: Counts, name: string) => {
  counts[name] = (counts[name] ?? 0) + 1;
};

/**
 * Checks every row and resolves each distinct label text once (the import's `labels` remember them
 * from chunk to chunk: resolvingOnce). A row with a mistake (or a label that names no type) gets
 * its failure in `results` and writes nothing; the others are returned.
 */
export async function checkRows(
  labels: Pick<LabelCatalog, 'resolve'>,
  rows: Array<{ row: number; input: PairRowInput }>,
  defaultLabel: string | undefined,
  results: Results,
): Promise<{ valid: PreparedRow[]; typeOf: (p: PreparedRow) => AssociationType | undefined }> {
  const checked = rows.flatMap(({ row, input }) => {
    const p = prepareRow(row, { ...input, label: input.label || defaultLabel });
    if ('error' in p) results.set(row, { row, ...rowIdentity(input), ...p });
    return 'error' in p ? [] : [p];
  });
  const types = new Map<string, AssociationType | RowFailure>();
  // All at once: the labels the cached list lacks share one fresh read of it.
  const texts = [...new Set(checked.flatMap((p) => (p.label ? [p.label] : [])))];
  const found = await Promise.allSettled(
    texts.map((text) => labels.resolve(CONTACTS, COMPANIES, { label: text }, 'label')),
  );
  texts.forEach((text, i) => {
    const outcome = found[i] as PromiseSettledResult<AssociationType>;
    if (outcome.status === 'fulfilled') types.set(text, outcome.value);
    else if (outcome.reason instanceof InputError)
      types.set(text, { error: `label: ${outcome.reason.problem}`, fix: outcome.reason.fix });
    else throw outcome.reason;
  });
  const valid = checked.filter((p) => {
    const type = p.label ? types.get(p.label) : undefined;
    if (type && 'error' in type)
      results.set(p.row, { row: p.row, email: p.email, company: p.companyKey.value, ...type });
    return !(type && 'error' in type);
  });
  return { valid, typeOf: (p) => (p.label ? (types.get(p.label) as AssociationType) : undefined) };
}

/** Each row's records as resolved (or why not), and the pairs to link. */
export function recordRows(
  prepared: PreparedRow[],
  people: Map<string, Resolution>,
  firms: Map<string, Resolution>,
  typeOf: (p: PreparedRow) => AssociationType | undefined,
  results: Results,
  dryRun: boolean,
): LinkWanted[] {
  return prepared.flatMap((p) => {
    const contact = people.get(p.email) as Resolution;
    const company = firms.get(companyKeyOf(p.companyKey)) as Resolution;
    const ids = {
      ...('id' in contact ? { contactId: contact.id || undefined, contact: contact.status } : {}),
      ...('id' in company ? { companyId: company.id || undefined, companyStatus: company.status } : {}),
    };
    const why = 'error' in contact ? contact : 'error' in company ? company : undefined;
    results.set(p.row, { row: p.row, email: p.email, company: p.companyKey.value, ...ids, ...why });
    if (why || dryRun || !('id' in contact) || !('id' in company)) return [];
    const bothFound = contact.status === 'found' && company.status === 'found';
    return [{ fromId: contact.id, toId: company.id, bothFound, type: typeOf(p) }];
  });
}

/** The rows in order, each with its link outcome; a row never reached says so. */
export function finishRows(
  rows: Array<{ row: number }>,
  results: Results,
  links: Map<string, LinkOutcome>,
  dryRun: boolean,
): PairRowResult[] {
  return rows.map(({ row }) => {
    const r = results.get(row) ?? {
      row,
      email: '',
      company: '',
      error: 'not processed',
      fix: 're-run the import',
    };
    if (!r.error && !r.linked && r.contactId && r.companyId && !dryRun) {
      const outcome = links.get(pairKey({ fromId: r.contactId, toId: r.companyId }));
      if (outcome && 'linked' in outcome) r.linked = outcome.linked;
      else Object.assign(r, outcome ?? { error: 'not linked', fix: 're-run the import' });
    }
    return r;
  });
}

/**
 * Adds a chunk's rows to the counts: rows, failed, cancelled, associated/unchanged, and each record once per
 * chunk whichever rows share it (a company once per import: `counted` remembers it).
 */
export function tally(counts: Counts, counted: Set<string>, out: PairRowResult[]): void {
  const title = (s: string) => `${s[0]?.toUpperCase()}${s.slice(1)}`;
  const contacts = new Map(out.flatMap((r) => (r.contact ? [[r.email, r.contact] as const] : [])));
  for (const s of contacts.values()) bump(counts, `contacts${title(s)}`);
  for (const r of out) {
    const k = r.company.toLowerCase();
    if (r.companyStatus && !counted.has(k)) {
      counted.add(k);
      bump(counts, `companies${title(r.companyStatus)}`);
    }
    bump(counts, 'rows');
    if (r.error) bump(counts, r.error === CANCELLED ? 'cancelled' : 'failed');
    if (r.linked) bump(counts, r.linked);
  }
}
