import type { HubSpot } from '../../hubspot/index.js';
import type { AssociationWriter } from '../associations/writer.js';
import { stored } from '../journal/changes.js';
import type { ChangeCollector } from '../journal/collector.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import type { RecordFinder } from '../records/finder.js';
import { COMPANIES, CONTACTS } from '../records/findOrCreate.js';
import type { Resolution } from './batch.js';
import { unlessCancelled } from './cancel.js';
import { resolveCompanies } from './companies.js';
import { resolveContacts } from './contacts.js';
import { checkRows, finishRows, type Results, recordRows, tally } from './pairSteps.js';
import { linkPairsKnown } from './relink.js';
import { type DoneRow, verifyDone } from './resume.js';
import {
  companyKeyOf,
  type PairRowInput,
  type PairRowResult,
  type PreparedRow,
  rowIdentity,
} from './rows.js';

export type ImportDeps = {
  hubspot: Pick<HubSpot, 'objects' | 'associations' | 'client'>;
  labels: LabelCatalog;
  records: RecordFinder;
  associations: AssociationWriter;
};

export interface ImportProgress {
  done: number;
  total: number;
  message: string;
}

export type ImportCounts = Record<string, number>;

export interface PairImportOptions {
  /** For rows without their own label. */
  label?: string;
  dryRun?: boolean;
  /** Rows in the whole input, for progress. */
  total: number;
  onProgress?: (p: ImportProgress) => void;
  /** Hears the records created and the types each pair gained, for the change journal. */
  journal?: ChangeCollector;
  /** Cancelled: the rows not finished are reported "cancelled before this row". */
  signal?: AbortSignal;
}

/**
 * The pair tool at spreadsheet scale, one chunk of rows at a time (memory stays flat with the
 * input's size): finds or creates every contact (by e-mail) and company (by domain, else name) in
 * batch requests, then links each row's pair. Rows that share an e-mail or a company key share one
 * record. `chunk` returns the rows' results in row order; `counts` adds them up.
 */
export function createPairImport(deps: ImportDeps, options: PairImportOptions) {
  const counts: ImportCounts = { rows: 0, failed: 0 };
  const counted = new Set<string>();
  /**
   * Companies this run already found or created, by key: a later chunk's rows of the same company
   * need no search (and cannot miss a company the index does not show yet). Bounded by the number
   * of distinct companies, not rows.
   */
  const known = new Map<string, string>();
  let done = 0;
  let reported = 0;
  const report = (rowsDone: number, message: string) => {
    if (rowsDone <= reported && rowsDone < options.total) return;
    reported = rowsDone;
    options.onProgress?.({ done: Math.round(rowsDone), total: options.total, message });
  };

  /** Rows the previous run's report shows done and the portal still links: nothing more to do. */
  async function skipDone(
    valid: PreparedRow[],
    previous: Map<number, DoneRow> | undefined,
    results: Results,
    typeOf: (p: PreparedRow) => { typeId: number } | undefined,
  ) {
    if (!previous || previous.size === 0 || options.dryRun) return valid;
    const verified = await verifyDone(deps.hubspot, valid, previous, (p) => typeOf(p)?.typeId);
    for (const p of valid) {
      const ids = verified.get(p.row);
      if (!ids) continue;
      const found = 'found' as const;
      results.set(p.row, {
        row: p.row,
        email: p.email,
        company: p.companyKey.value,
        contactId: ids.contactId,
        contact: found,
        companyId: ids.companyId,
        companyStatus: found,
        linked: 'unchanged',
      });
    }
    return valid.filter((p) => !verified.has(p.row));
  }

  /** Contacts by e-mail and companies by key (those this run knows need no lookup), in parallel. */
  async function records(prepared: PreparedRow[], rows: number) {
    const contacts = new Map<string, Record<string, string>>();
    const companies = new Map<
      string,
      { key: PreparedRow['companyKey']; properties: Record<string, string> }
    >();
    const firms = new Map<string, Resolution>();
    for (const p of prepared) {
      if (!contacts.has(p.email)) contacts.set(p.email, p.contactProps);
      const k = companyKeyOf(p.companyKey);
      const id = known.get(k);
      if (id) firms.set(k, { id, status: 'found' });
      else if (!companies.has(k)) companies.set(k, { key: p.companyKey, properties: p.companyProps });
    }
    const fraction = { contacts: 0, companies: 0 };
    const step = (side: 'contacts' | 'companies') => (d: number, of: number) => {
      fraction[side] = of > 0 ? d / of : 1;
      report(done + rows * 0.25 * (fraction.contacts + fraction.companies), 'finding and creating records');
    };
    const [people, looked] = await Promise.all([
      resolveContacts(deps.hubspot, contacts, step('contacts'), options.dryRun),
      resolveCompanies(deps, companies, step('companies'), options.dryRun),
    ]);
    for (const [k, r] of looked) {
      firms.set(k, r);
      if ('id' in r && r.id) known.set(k, r.id);
      if ('id' in r && r.id && r.status === 'created') options.journal?.created(stored(COMPANIES), r.id);
    }
    for (const r of people.values())
      if ('id' in r && r.id && r.status === 'created') options.journal?.created(stored(CONTACTS), r.id);
    return { people, firms };
  }

  async function chunk(
    rows: Array<{ row: number; input: PairRowInput }>,
    previous?: Map<number, DoneRow>,
  ): Promise<PairRowResult[]> {
    const out = await unlessCancelled(
      options.signal,
      rows,
      ({ row, input }): PairRowResult => ({ row, ...rowIdentity(input) }),
      () => work(rows, previous),
    );
    tally(counts, counted, out);
    done += rows.length;
    report(done, `${done} of ${options.total} rows`);
    return out;
  }

  async function work(
    rows: Array<{ row: number; input: PairRowInput }>,
    previous?: Map<number, DoneRow>,
  ): Promise<PairRowResult[]> {
    const results: Results = new Map();
    const { valid, typeOf } = await checkRows(deps.labels, rows, options.label, results);
    const prepared = await skipDone(valid, previous, results, typeOf);
    const { people, firms } = await records(prepared, rows.length);
    const linkable = recordRows(prepared, people, firms, typeOf, results, options.dryRun === true);
    const halfway = done + rows.length / 2;
    const links = await linkPairsKnown(
      deps,
      linkable,
      (d, of) => report(halfway + (rows.length / 2) * (d / of), 'linking pairs'),
      options.journal && ((delta) => options.journal?.added(delta)),
    );
    return finishRows(rows, results, links, options.dryRun === true);
  }

  return { chunk, counts };
}
