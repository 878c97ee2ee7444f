import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import type { Change } from '../journal/changes.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { COMPANIES, CONTACTS } from './companies.js';
import { reportFile } from './findings.js';
import { applyLinkByDomain, planLinkByDomain } from './linkByDomain.js';
import { type Apis, metered } from './meter.js';
import { applyMove } from './move.js';
import { moveItems, planMove } from './movePlan.js';
import { applySetPrimary, planSetPrimary } from './setPrimary.js';
import { type FixName, type RepairItem, type RepairPlan, tally } from './types.js';

export interface RepairRequest {
  fix: FixName;
  /** set_primary: the records' type (contacts, deals, tickets); move_associations: both records' type. */
  type: ObjectType;
  /** link_by_domain: the label written with each link (e.g. the Primary type). */
  label?: AssociationType;
  fromRecordId?: string;
  toRecordId?: string;
  toTypes?: ObjectType[];
  maxItems: number;
  dryRun: boolean;
  /** Where the report CSV goes (already confined to the export directory). */
  directory: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Asked with the number of items before anything is written; throws to refuse. */
  confirm?: (count: number, what: string) => Promise<void>;
}

export interface RepairOutcome {
  fix: FixName;
  dryRun: boolean;
  objectType: string;
  /** What the plan found, by kind (link, primary, move, and what it leaves: ambiguous, freeMail, …). */
  counts: Record<string, number>;
  /** Items by status: planned (dry run), done, kept, skipped, failed. */
  statuses: Record<string, number>;
  items: RepairItem[];
  /** The report CSV (every item with its status and reason), in `directory`. */
  report?: string;
  scanned?: number;
  complete: boolean;
  requests: number;
  change?: Change;
}

type Deps = { hubspot: Apis; labels: LabelCatalog };

/**
 * One repair: the plan (a scan of the portal, or the two records' links), then, unless a dry run,
 * the confirmation (with the number of items) and the writes, journaled as one change, and a
 * report CSV of every item. Progress counts the records scanned, then the items written.
 */
export async function runRepair(deps: Deps, req: RepairRequest): Promise<RepairOutcome> {
  let offset = 0;
  let planTotal = 0;
  const scanning = {
    signal: req.signal,
    onProgress: (d: number, t: number) => {
      planTotal = t;
      req.onProgress?.(d, t);
    },
  };
  const writing = {
    signal: req.signal,
    onProgress: (d: number, t: number) => req.onProgress?.(offset + d, offset + t),
  };
  const maxItems = req.maxItems;
  let plan: RepairPlan;
  const move =
    req.fix === 'move_associations'
      ? {
          type: req.type,
          fromRecordId: req.fromRecordId ?? '',
          toRecordId: req.toRecordId ?? '',
          toTypes: req.toTypes ?? [],
          maxItems,
        }
      : undefined;
  if (move) {
    const m = metered(deps.hubspot);
    const items = moveItems(move, await planMove({ hubspot: m.hubspot, labels: deps.labels }, move));
    const counts = { move: tally(items).planned ?? 0, keepPrimary: tally(items).kept ?? 0 };
    plan = { fix: req.fix, items, counts, scanned: 0, complete: true, requests: m.requests() };
  } else if (req.fix === 'set_primary')
    plan = await planSetPrimary(deps, req.type, { ...scanning, maxItems });
  else plan = await planLinkByDomain(deps, { ...scanning, maxItems });
  const head = {
    fix: req.fix,
    dryRun: req.dryRun,
    objectType: move ? req.type.name : req.fix === 'set_primary' ? req.type.name : CONTACTS.name,
    counts: plan.counts,
    ...(move ? {} : { scanned: plan.scanned }),
    complete: plan.complete,
  };
  const writes = plan.items.filter(
    (i) => i.status === 'planned' || (move && i.status === 'kept' && i.toType),
  ).length;
  if (req.dryRun || writes === 0)
    return { ...head, statuses: tally(plan.items), items: plan.items, requests: plan.requests };
  const what = move
    ? `move ${writes} associations of ${req.type.name} ${move.fromRecordId} to ${move.toRecordId}`
    : req.fix === 'set_primary'
      ? `make a company Primary for ${writes} ${req.type.name}`
      : `link ${writes} contacts to the company of their e-mail domain`;
  await req.confirm?.(writes, what);
  offset = planTotal;
  const applied = move
    ? await applyMove(deps, move, writing)
    : req.fix === 'set_primary'
      ? await applySetPrimary(deps, req.type, plan, writing)
      : await applyLinkByDomain(
          deps,
          plan,
          {
            ...(req.label ? { label: req.label } : {}),
            unlabeled: await deps.labels.unlabeled(CONTACTS, COMPANIES),
          },
          writing,
        );
  const csv = await reportFile(req.directory, req.fix, ['fromId', 'toId', 'toType', 'status', 'reason']);
  await csv.write(applied.items.map((i) => [i.fromId, i.toId, i.toType ?? '', i.status, i.reason ?? '']));
  await csv.finish();
  return {
    ...head,
    statuses: tally(applied.items),
    items: applied.items,
    report: csv.file.file,
    requests: plan.requests + applied.requests,
    change: applied.change,
  };
}
