import { InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import type { LabelCatalog, LabelRef } from '../labels/catalogue.js';
import { isUnknownType, retyped, typeKey } from '../labels/rejection.js';
import type { EdgeRowInput, EdgeRowResult, Wanted } from './edgeTypes.js';
import { writeEdges } from './edgeWrite.js';

/** What an edge row named: its typeId (and category) when given, else its label. */
export function refOfEdge(e: EdgeRowInput): (LabelRef & { field: string }) | undefined {
  if (e.typeId !== undefined && e.typeId !== '') {
    const category = e.category ? { associationCategory: e.category as LabelRef['associationCategory'] } : {};
    return { associationTypeId: Number(e.typeId), ...category, field: 'typeId' };
  }
  return e.label ? { label: e.label, field: 'label' } : undefined;
}

/**
 * After writeEdges: the pairs HubSpot refused because it no longer knows a type their rows named
 * (a label deleted, or deleted and made again, elsewhere since the list was read). Each refused
 * row's type is looked up once more in a fresh list, by what the row named; a type that is gone
 * fails the pair's rows with the choices, and pairs whose rows now name other types are written
 * again with them.
 */
export async function rewriteRefused(
  deps: { hubspot: Pick<HubSpot, 'associations'>; labels: Pick<LabelCatalog, 'resolveAgain'> },
  from: ObjectType,
  to: ObjectType,
  rows: ReadonlyMap<number, EdgeRowInput>,
  wanted: Wanted,
  results: Map<number, EdgeRowResult>,
  options: Parameters<typeof writeEdges>[5],
): Promise<void> {
  const refused = [...wanted].filter(([, w]) =>
    w.rows.some((row) => {
      const r = results.get(row);
      return r?.status === 'failed' && isUnknownType(r.error);
    }),
  );
  const named = refused.flatMap(([, w]) =>
    w.rows.flatMap((row) => {
      const type = w.types.get(results.get(row)?.typeId ?? -1);
      const ref = refOfEdge(rows.get(row) as EdgeRowInput);
      return type && ref ? [{ row, type, ref }] : [];
    }),
  );
  if (named.length === 0) return;
  const now = await retyped(deps.labels, from, to, named);
  const typeOfRow = new Map(named.map((n) => [n.row, now.get(typeKey(n.type)) ?? n.type]));
  const again: Wanted = new Map();
  for (const [k, w] of refused) {
    const types = new Map<number, AssociationType>();
    let gone: InputError | undefined;
    let changed = false;
    for (const row of w.rows) {
      const before = w.types.get(results.get(row)?.typeId ?? -1);
      const after = typeOfRow.get(row) ?? before;
      if (after instanceof InputError) gone = after;
      else if (after) {
        types.set(after.typeId, after);
        changed ||= before !== undefined && typeKey(before) !== typeKey(after);
      }
    }
    if (gone) {
      for (const row of w.rows)
        Object.assign(results.get(row) as EdgeRowResult, {
          status: 'failed',
          error: `${gone.field}: ${gone.problem}`,
          fix: gone.fix,
        });
    } else if (changed) {
      again.set(k, { ...w, types });
      for (const row of w.rows) {
        const r = results.get(row) as EdgeRowResult;
        const type = typeOfRow.get(row);
        if (type && !(type instanceof InputError)) r.typeId = type.typeId;
        // Written again: the second answer is the row's.
        delete r.error;
        delete r.fix;
      }
    }
  }
  // Nothing named anew: HubSpot's answer stands.
  if (again.size > 0)
    await writeEdges(deps.hubspot, from, to, again, results, { ...options, onProgress: undefined });
}
