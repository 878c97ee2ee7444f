import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { configured } from '../limits/configurations.js';
import { checkLimits, distinct, duplicates } from './auditChecks.js';
import { type CheckName, resolveChecks } from './checks.js';
import { addToIndex, COMPANIES, type DomainIndex } from './companies.js';
import { loadFreeMail } from './domains.js';
import {
  CSV_COLUMNS,
  createFindings,
  type Finding,
  type FindingName,
  judgeDomain,
  reportFile,
} from './findings.js';
import { type Apis, metered } from './meter.js';
import { hasType } from './primary.js';
import { scanProgress, scanRecords } from './scan.js';

export interface AuditRequest {
  from: ObjectType;
  to: ObjectType;
  checks?: CheckName[];
  maxRecords?: number;
  sampleSize: number;
  /** Where the findings CSV goes (already confined to the export directory). */
  directory: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditReport {
  from: string;
  to: string;
  checks: CheckName[];
  notApplicable: CheckName[];
  /** Records of `from` scanned, and whether that was all of them. */
  scanned: number;
  complete: boolean;
  findings: Partial<Record<FindingName, Finding>>;
  /** The CSV with every item of every finding (its name in `directory`). */
  file: string;
  /** HubSpot requests the audit sent. */
  requests: number;
}

/**
 * Scans the portal for what is broken between two object types, streamed (list pages of 100, batch
 * reads of 1,000 ids; memory holds one chunk and the company domain index): orphans, records
 * without a Primary or with several, orphan contacts' domain matches, companies sharing a domain,
 * records over a configured limit. Exact counts, a sample of each, and every item in one CSV.
 */
export async function runAudit(
  deps: { hubspot: Apis; labels: LabelCatalog },
  req: AuditRequest,
): Promise<AuditReport> {
  const { from, to } = req;
  const { checks, notApplicable, primary } = await resolveChecks(deps.labels, from, to, req.checks);
  const { hubspot, requests } = metered(deps.hubspot);
  const on = (c: CheckName) => checks.includes(c);
  const fromLimits = on('limits') ? configured(await hubspot.limits.forPair(from, to)) : [];
  const toLimits = on('limits') ? configured(await hubspot.limits.forPair(to, from)) : [];
  const freeMail = on('domain') ? await loadFreeMail() : undefined;
  // Companies first when the contacts need their domains (or their own limits are checked).
  const toPass = (on('domain') || on('duplicates')) && to.id === COMPANIES.id;
  const inversePass = toLimits.length > 0;
  const progress = await scanProgress(
    hubspot,
    [...(toPass || inversePass ? [to] : []), from],
    req.onProgress,
    req.maxRecords,
  );

  const csv = await reportFile(req.directory, `audit-${from.name}-${to.name}`, CSV_COLUMNS);
  const f = createFindings(req.sampleSize, csv);
  const expect = (...names: FindingName[]) => {
    for (const n of names) f.expect(n);
  };
  if (on('orphans')) expect('orphans');
  if (on('primary')) expect('noPrimary', 'multiplePrimary');
  if (on('domain')) expect('domainMatch', 'domainAmbiguous', 'freeMail', 'noMatch', 'noEmail');
  if (on('duplicates')) expect('duplicateDomains');
  if (on('limits')) expect('overLimit');
  const index: DomainIndex = new Map();
  /** Companies' link counts to contacts, where a pass read them. */
  const linkCounts = new Map<string, number>();
  try {
    if (toPass || inversePass) {
      await scanRecords(hubspot, {
        from: to,
        ...(inversePass ? { to: from } : {}),
        properties: to.id === COMPANIES.id ? ['domain'] : [],
        ...(req.signal ? { signal: req.signal } : {}),
        async onChunk(records) {
          for (const r of records) {
            if (to.id === COMPANIES.id) addToIndex(index, r.id, r.properties.domain);
            if (inversePass) {
              linkCounts.set(r.id, distinct(r.links));
              checkLimits(f, to, r, toLimits);
            }
          }
          await f.flush();
          progress(records.length);
        },
      });
    }
    const properties = [
      ...(on('domain') ? ['email'] : []),
      ...(on('duplicates') && from.id === COMPANIES.id ? ['domain'] : []),
    ];
    const scan = await scanRecords(hubspot, {
      from,
      to,
      properties,
      ...(req.maxRecords ? { maxRecords: req.maxRecords } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      async onChunk(records) {
        for (const r of records) {
          if (from.id === COMPANIES.id && on('duplicates')) {
            addToIndex(index, r.id, r.properties.domain);
            linkCounts.set(r.id, distinct(r.links));
          }
          if (r.links.length === 0) {
            if (on('orphans')) f.add('orphans', from.name, { id: r.id });
            if (freeMail) {
              const v = judgeDomain(r.properties.email, index, freeMail);
              if (v.kind === 'noEmail') f.add('noEmail', from.name, { id: r.id });
              else if (v.kind === 'domainMatch')
                f.add(v.kind, from.name, { id: r.id, ids: [v.companyId], domain: v.domain });
              else if (v.kind === 'domainAmbiguous')
                f.add(v.kind, from.name, { id: r.id, ids: v.companyIds, domain: v.domain });
              else f.add(v.kind, from.name, { id: r.id, domain: v.domain });
            }
          } else if (primary && on('primary')) {
            const n = r.links.filter((l) => hasType(l.types, primary.type)).length;
            const ids = r.links.map((l) => l.toObjectId);
            if (n === 0) f.add('noPrimary', from.name, { id: r.id, ids });
            else if (n > 1) f.add('multiplePrimary', from.name, { id: r.id, ids, count: n });
          }
          if (fromLimits.length > 0) checkLimits(f, from, r, fromLimits);
        }
        await f.flush();
        progress(records.length);
      },
    });
    if (on('duplicates')) await duplicates(hubspot, f, index, linkCounts, req.signal);
    await f.flush();
    await csv.finish();
    return {
      from: from.name,
      to: to.name,
      checks,
      notApplicable,
      scanned: scan.scanned,
      complete: scan.complete,
      findings: f.result(),
      file: csv.file.file,
      requests: requests(),
    };
  } catch (error) {
    await csv.abandon();
    throw error;
  }
}
