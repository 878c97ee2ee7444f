import { InputError } from '../../hubspot/errors.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociatedObject, AssociationType } from '../../hubspot/types.js';
import { readAssociations } from '../associations/read.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import type { Apis } from './meter.js';
import { hasType, type PrimaryType, primaryOf } from './primary.js';
import type { RepairItem } from './types.js';

export interface MoveRequest {
  type: ObjectType;
  fromRecordId: string;
  toRecordId: string;
  toTypes: ObjectType[];
  maxItems: number;
}

/** One link of the source and what moving it takes. */
export interface Move {
  id: string;
  /** The source's types on it, and the target's (empty: the target has no link to it). */
  source: AssociationType[];
  target: AssociationType[];
  /** The target's full type set after the copy, and what it gains. */
  write: AssociationType[];
  gained: AssociationType[];
  /** A Primary owned by the other record (its Primary is the source): set once the source's link is gone. */
  later?: AssociationType;
  /** Why the source keeps this link (the target already has a Primary of this type). */
  keep?: string;
}

export interface MoveGroup {
  to: ObjectType;
  primary?: PrimaryType;
  moves: Move[];
  /** Links the plan leaves alone (the two records linked to each other). */
  left: RepairItem[];
}

const minus = (a: AssociationType[], b: AssociationType[]) => a.filter((t) => !hasType(b, t));

/** Both records must exist as records of `type`, and be two. */
async function checkRecords(hubspot: Apis, req: MoveRequest) {
  if (req.fromRecordId === req.toRecordId)
    throw new InputError(
      'toRecordId',
      'is fromRecordId itself',
      'give the record that receives the associations',
    );
  const read = await hubspot.objects.batchRead(req.type, [req.fromRecordId, req.toRecordId]);
  const found = new Set(read.results.map((r) => r.id));
  for (const [field, id] of [
    ['fromRecordId', req.fromRecordId],
    ['toRecordId', req.toRecordId],
  ] as const)
    if (!found.has(id))
      throw new InputError(
        field,
        `no ${req.type.name} record ${id}`,
        `both records must be ${req.type.name} (records of different types cannot be merged); find_records gives ids`,
      );
}

/**
 * What moving every association of one record to another of the same type takes, per object type:
 * the target gets each link with the source's exact types (added to its own: HubSpot replaces a
 * pair's set), then the source's link goes. A Primary the target already holds is never replaced:
 * that link is copied without it and stays on the source. A Primary owned by the other record
 * (a contact whose Primary company is the source) is set on the target after the source's link is
 * gone, so nothing relies on how HubSpot treats a second Primary (docs/hubspot-fidelity.md §10.4, §12).
 */
export async function planMove(
  deps: { hubspot: Apis; labels: LabelCatalog },
  req: MoveRequest,
): Promise<MoveGroup[]> {
  await checkRecords(deps.hubspot, req);
  const groups: MoveGroup[] = [];
  let budget = req.maxItems;
  for (const to of req.toTypes) {
    const primary = primaryOf(await deps.labels.list(req.type, to));
    const links = new Map<string, AssociatedObject[]>();
    await readAssociations(deps.hubspot, req.type, to, [{ id: req.fromRecordId }, { id: req.toRecordId }], {
      onPage(fromId, objects) {
        links.set(fromId, [...(links.get(fromId) ?? []), ...objects.filter((o) => o.types.length > 0)]);
      },
    });
    const targetLinks = new Map((links.get(req.toRecordId) ?? []).map((o) => [o.toObjectId, o.types]));
    const held =
      primary?.owner === 'from'
        ? [...targetLinks].find(([, types]) => hasType(types, primary.type))
        : undefined;
    const group: MoveGroup = { to, ...(primary ? { primary } : {}), moves: [], left: [] };
    for (const link of links.get(req.fromRecordId) ?? []) {
      if (budget <= 0) break;
      budget--;
      if (to.id === req.type.id && link.toObjectId === req.toRecordId) {
        group.left.push({
          fromId: req.fromRecordId,
          toId: link.toObjectId,
          toType: to.name,
          status: 'kept',
          reason: 'links the two records to each other',
        });
        continue;
      }
      const source = link.types;
      const target = targetLinks.get(link.toObjectId) ?? [];
      const p = primary && hasType(source, primary.type) ? primary : undefined;
      const keep = p?.owner === 'from' && held && held[0] !== link.toObjectId ? held[0] : undefined;
      const later = p?.owner === 'to' ? p.type : undefined;
      const moving = p && (keep || later) ? minus(source, [p.type]) : source;
      const write = [...target, ...minus(moving, target)];
      group.moves.push({
        id: link.toObjectId,
        source,
        target,
        write,
        gained: minus(write, target),
        ...(later ? { later } : {}),
        ...(keep
          ? {
              keep: `the target's ${p?.type.label ?? 'Primary'} ${to.name} is ${keep}: copied without it, the source keeps this link`,
            }
          : {}),
      });
    }
    groups.push(group);
  }
  return groups;
}

/** The plan as items: one per link to move (or left), in type order. */
export function moveItems(req: MoveRequest, groups: MoveGroup[]): RepairItem[] {
  return groups.flatMap((g) => [
    ...g.moves.map(
      (m): RepairItem => ({
        fromId: req.fromRecordId,
        toId: m.id,
        toType: g.to.name,
        status: m.keep ? 'kept' : 'planned',
        ...(m.keep ? { reason: m.keep } : {}),
      }),
    ),
    ...g.left,
  ]);
}
