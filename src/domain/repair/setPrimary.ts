import { InputError } from '../../hubspot/errors.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import { BATCH, chunk } from '../batching/chunks.js';
import type { LinkChange } from '../journal/changes.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { COMPANIES, CONTACTS } from './companies.js';
import { emailDomain, normalizeDomain } from './domains.js';
import { type Apis, metered } from './meter.js';
import { hasType, type PrimaryType, primaryOf } from './primary.js';
import { scanProgress, scanRecords } from './scan.js';
import type { RepairItem, RepairPlan, RepairProgress } from './types.js';
import { writeChecked } from './write.js';

export const PRIMARY_OWNERS = ['contacts', 'deals', 'tickets'];

/** The record type's Primary company type; a type without one is a clear error. */
export async function primaryCompanyType(labels: LabelCatalog, type: ObjectType): Promise<PrimaryType> {
  const primary = PRIMARY_OWNERS.includes(type.name)
    ? primaryOf(await labels.list(type, COMPANIES))
    : undefined;
  if (primary?.owner !== 'from')
    throw new InputError(
      'objectType',
      `${type.name} have no Primary company`,
      `use one of: ${PRIMARY_OWNERS.join(', ')}`,
    );
  return primary;
}

/**
 * Records of `type` linked to companies but to none as Primary, each paired with the one company
 * that qualifies: its only company, or (contacts) the only one whose domain is the e-mail's. The
 * rest are kept with the reason. One scan (list pages, batch reads of 1,000), then the domains of
 * the candidate companies of contacts with several (batch reads of 100).
 */
export async function planSetPrimary(
  deps: { hubspot: Apis; labels: LabelCatalog },
  type: ObjectType,
  options: RepairProgress & { maxItems: number },
): Promise<RepairPlan> {
  const primary = await primaryCompanyType(deps.labels, type);
  const { hubspot, requests } = metered(deps.hubspot);
  const progress = await scanProgress(hubspot, [type], options.onProgress);
  const planned: RepairItem[] = [];
  const kept: RepairItem[] = [];
  const several: Array<{ id: string; domain?: string; companies: string[] }> = [];
  const counts: Record<string, number> = { primary: 0, several: 0 };
  const contacts = type.id === CONTACTS.id;
  const scan = await scanRecords(hubspot, {
    from: type,
    to: COMPANIES,
    properties: contacts ? ['email'] : [],
    ...(options.signal ? { signal: options.signal } : {}),
    onChunk(records) {
      for (const r of records) {
        if (r.links.length === 0 || r.links.some((l) => hasType(l.types, primary.type))) continue;
        const companies = r.links.map((l) => l.toObjectId);
        if (companies.length === 1)
          planned.push({
            fromId: r.id,
            toId: companies[0] as string,
            status: 'planned',
            reason: 'its only company',
          });
        else if (contacts) several.push({ id: r.id, domain: emailDomain(r.properties.email), companies });
        else
          kept.push({
            fromId: r.id,
            toId: companies.join(';'),
            status: 'kept',
            reason: `${companies.length} companies: none stands out`,
          });
      }
      progress(records.length);
      return planned.length >= options.maxItems;
    },
  });
  const domains = new Map<string, string | undefined>();
  const ids = [...new Set(several.filter((s) => s.domain).flatMap((s) => s.companies))];
  for (const part of chunk(ids, BATCH.objects)) {
    options.signal?.throwIfAborted();
    const read = await hubspot.objects.batchRead(COMPANIES, part, ['domain']);
    for (const c of read.results) domains.set(c.id, normalizeDomain(c.properties.domain));
  }
  for (const s of several) {
    const matching = s.domain ? s.companies.filter((c) => domains.get(c) === s.domain) : [];
    if (matching.length === 1 && planned.length < options.maxItems)
      planned.push({
        fromId: s.id,
        toId: matching[0] as string,
        status: 'planned',
        reason: `its company with ${s.domain}`,
      });
    else
      kept.push({
        fromId: s.id,
        toId: s.companies.join(';'),
        status: 'kept',
        reason: `${s.companies.length} companies, ${matching.length === 0 ? 'none' : matching.length} with its e-mail domain${s.domain ? ` (${s.domain})` : ''}`,
      });
  }
  counts.primary = planned.length;
  counts.several = kept.length;
  return {
    fix: 'set_primary',
    items: [...planned, ...kept],
    counts,
    scanned: scan.scanned,
    complete: scan.complete,
    requests: requests(),
  };
}

/** Makes each planned company Primary, only where the record still has none and is still linked to it. */
export async function applySetPrimary(
  deps: { hubspot: Apis; labels: LabelCatalog },
  type: ObjectType,
  plan: RepairPlan,
  options: RepairProgress,
): Promise<{ items: RepairItem[]; change: LinkChange; requests: number }> {
  const primary = await primaryCompanyType(deps.labels, type);
  const { hubspot, requests } = metered(deps.hubspot);
  const written = await writeChecked(
    hubspot,
    type,
    COMPANIES,
    plan.items.filter((i) => i.status === 'planned'),
    (item, links) => {
      if (links.some((l) => hasType(l.types, primary.type)))
        return { skip: 'has a Primary company since the plan' };
      const link = links.find((l) => l.toObjectId === item.toId);
      if (!link) return { skip: 'no longer linked to that company' };
      return { write: [...link.types, primary.type], gained: [primary.type] };
    },
    options,
  );
  return {
    items: [...written.items, ...plan.items.filter((i) => i.status !== 'planned')],
    change: written.change,
    requests: requests(),
  };
}
