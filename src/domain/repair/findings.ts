import { mkdir } from 'node:fs/promises';
import { type CsvFile, csvFile } from '../export/csvFile.js';
import { emailDomain, type FreeMail } from './domains.js';

export const FINDINGS = [
  'orphans',
  'noPrimary',
  'multiplePrimary',
  'domainMatch',
  'domainAmbiguous',
  'freeMail',
  'noMatch',
  'noEmail',
  'duplicateDomains',
  'overLimit',
] as const;
export type FindingName = (typeof FINDINGS)[number];

/** One finding's item as the sample shows it (the CSV has every item). */
export interface Sample {
  id?: string;
  /** The other records involved: the suggested or candidate companies, the duplicates. */
  ids?: string[];
  domain?: string;
  /** duplicateDomains: each company's link count, in the order of `ids`. */
  links?: number[];
  typeId?: number;
  count?: number;
  max?: number;
}

export interface Finding {
  count: number;
  sample: Sample[];
}

export const CSV_COLUMNS = ['finding', 'objectType', 'id', 'relatedIds', 'domain', 'detail'];

/** Exact counts, the first `sampleSize` items of each finding, and every item as a CSV row. */
export function createFindings(sampleSize: number, csv: CsvFile) {
  const found = new Map<FindingName, Finding>();
  let rows: unknown[][] = [];
  return {
    /** Makes the finding appear (with 0) even when nothing is found. */
    expect(name: FindingName) {
      if (!found.has(name)) found.set(name, { count: 0, sample: [] });
    },
    add(name: FindingName, objectType: string, item: Sample, detail = '') {
      const f = found.get(name) ?? { count: 0, sample: [] };
      found.set(name, f);
      f.count++;
      if (f.sample.length < sampleSize) f.sample.push(item);
      rows.push([name, objectType, item.id ?? '', (item.ids ?? []).join(';'), item.domain ?? '', detail]);
    },
    async flush() {
      const out = rows;
      rows = [];
      await csv.write(out);
    },
    result: (): Partial<Record<FindingName, Finding>> =>
      Object.fromEntries(FINDINGS.filter((n) => found.has(n)).map((n) => [n, found.get(n)])),
  };
}

export type Findings = ReturnType<typeof createFindings>;

/** A report file in the repair folder of the export directory, named by what and when. */
export async function reportFile(directory: string, stem: string, columns: string[]): Promise<CsvFile> {
  await mkdir(directory, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const tag = Math.random().toString(16).slice(2, 6);
  return csvFile(directory, `${stem}-${stamp}-${tag}.csv`, columns, { rows: 0 });
}

export type DomainVerdict =
  | { kind: 'noEmail' }
  | { kind: 'freeMail'; domain: string }
  | { kind: 'noMatch'; domain: string }
  | { kind: 'domainMatch'; domain: string; companyId: string }
  | { kind: 'domainAmbiguous'; domain: string; companyIds: string[] };

/**
 * Where an orphan contact's e-mail domain points: one company (the suggested link), several
 * (ambiguous), none, or a free-mail domain (never linked by domain, whatever company claims it).
 */
export function judgeDomain(
  email: string | null | undefined,
  index: Map<string, string[]>,
  freeMail: FreeMail,
): DomainVerdict {
  const domain = emailDomain(email);
  if (!domain) return { kind: 'noEmail' };
  if (freeMail(domain)) return { kind: 'freeMail', domain };
  const ids = index.get(domain) ?? [];
  if (ids.length === 0) return { kind: 'noMatch', domain };
  if (ids.length === 1) return { kind: 'domainMatch', domain, companyId: ids[0] as string };
  return { kind: 'domainAmbiguous', domain, companyIds: ids };
}
