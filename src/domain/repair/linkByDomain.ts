import type { AssociationType } from '../../hubspot/types.js';
import type { LinkChange } from '../journal/changes.js';
import { COMPANIES, CONTACTS, indexCompanies } from './companies.js';
import { loadFreeMail } from './domains.js';
import { judgeDomain } from './findings.js';
import { type Apis, metered } from './meter.js';
import { scanProgress, scanRecords } from './scan.js';
import type { RepairItem, RepairPlan, RepairProgress } from './types.js';
import { writeChecked } from './write.js';

const WHY: Record<string, string> = {
  domainAmbiguous: 'several companies have its e-mail domain',
  freeMail: 'free-mail domain: never linked by domain',
  noMatch: 'no company has its e-mail domain',
  noEmail: 'no e-mail address',
};

/**
 * The orphan contacts (no company at all) whose e-mail domain is exactly one company's domain,
 * each paired with that company; the other orphans are kept with the reason (ambiguous, free-mail,
 * no match, no e-mail). Companies are indexed first (list pages of 100), then contacts are streamed
 * with their company links (batch reads of 1,000); the scan stops once `maxItems` links are found.
 */
export async function planLinkByDomain(
  deps: { hubspot: Apis },
  options: RepairProgress & { maxItems: number },
): Promise<RepairPlan> {
  const { hubspot, requests } = metered(deps.hubspot);
  const progress = await scanProgress(hubspot, [COMPANIES, CONTACTS], options.onProgress);
  const [index, freeMail] = await Promise.all([
    indexCompanies(hubspot, {
      ...(options.signal ? { signal: options.signal } : {}),
      onChunk: (records) => progress(records.length),
    }),
    loadFreeMail(),
  ]);
  const planned: RepairItem[] = [];
  const kept: RepairItem[] = [];
  const counts: Record<string, number> = { link: 0 };
  const scan = await scanRecords(hubspot, {
    from: CONTACTS,
    to: COMPANIES,
    properties: ['email'],
    ...(options.signal ? { signal: options.signal } : {}),
    onChunk(records) {
      for (const r of records) {
        if (r.links.length > 0 || planned.length >= options.maxItems) continue;
        const v = judgeDomain(r.properties.email, index, freeMail);
        if (v.kind === 'domainMatch') {
          planned.push({ fromId: r.id, toId: v.companyId, status: 'planned', reason: v.domain });
          counts.link = (counts.link ?? 0) + 1;
        } else {
          const toId = v.kind === 'domainAmbiguous' ? v.companyIds.join(';') : '';
          kept.push({
            fromId: r.id,
            toId,
            status: 'kept',
            reason: `${WHY[v.kind]}${'domain' in v ? ` (${v.domain})` : ''}`,
          });
          counts[v.kind] = (counts[v.kind] ?? 0) + 1;
        }
      }
      progress(records.length);
      return planned.length >= options.maxItems;
    },
  });
  return {
    fix: 'link_by_domain',
    items: [...planned, ...kept],
    counts,
    scanned: scan.scanned,
    complete: scan.complete,
    requests: requests(),
  };
}

/**
 * Links each planned contact to its company (the default association, or `label` with it, e.g.
 * the Primary type). A contact linked to any company since the plan is skipped: it is no orphan now.
 */
export async function applyLinkByDomain(
  deps: { hubspot: Apis },
  plan: RepairPlan,
  types: { label?: AssociationType; unlabeled?: AssociationType },
  options: RepairProgress,
): Promise<{ items: RepairItem[]; change: LinkChange; requests: number }> {
  const { hubspot, requests } = metered(deps.hubspot);
  const planned = plan.items.filter((i) => i.status === 'planned');
  const gained = [...(types.label ? [types.label] : []), ...(types.unlabeled ? [types.unlabeled] : [])];
  const written = await writeChecked(
    hubspot,
    CONTACTS,
    COMPANIES,
    planned,
    (_item, links) =>
      links.length > 0
        ? { skip: 'linked to a company since the plan' }
        : { write: types.label ? [types.label] : [], gained },
    options,
  );
  const kept = plan.items.filter((i) => i.status !== 'planned');
  return { items: [...written.items, ...kept], change: written.change, requests: requests() };
}
