/** One record's associations, v4 and dated (docs/hubspot-api.md §3, R1–R4; same codes in all versions). */

import { envelope } from '../batch.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { notFound } from '../errors.js';
import { objectLabel } from '../objectTypes.js';
import type { PortalState } from '../portal.js';
import type { Route } from '../router.js';
import type { AssociatedRecord } from '../types.js';
import { limitParam, objectTypeParam } from '../validate.js';
import { FAMILIES, type Family } from '../versions.js';
import { parseSpecs, pathId } from './parse.js';

/**
 * Reality, not spec: HubSpot answers association ids as JSON numbers (toObjectId here and in
 * batch read, fromObjectId/toObjectId in LabelsBetweenObjectPair) although the spec says string.
 */
export const wireRecord = (r: AssociatedRecord) => ({
  toObjectId: Number(r.toObjectId),
  associationTypes: r.types,
});

export function recordRoutes(state: PortalState): Route[] {
  return FAMILIES.flatMap((family) => familyRoutes(state, family));
}

function familyRoutes(state: PortalState, family: Family): Route[] {
  const { associations } = state;
  const BASE = family.records;
  return [
    {
      method: 'PUT',
      template: `${BASE}/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}`,
      handle(ctx) {
        const fromType = objectTypeParam(ctx.params.objectType);
        const toType = objectTypeParam(ctx.params.toObjectType);
        const from = { type: fromType, id: pathId(ctx.params.objectId, objectLabel(fromType)) };
        const to = { type: toType, id: pathId(ctx.params.toObjectId, objectLabel(toType)) };
        const specs = parseSpecs(ctx.json(), ctx.raw, 'body');
        // The array is the full label set for the pair: labels not in it are removed; [] links nothing.
        const defs = associations.resolveSpecs(fromType, toType, specs);
        const labels = associations.writeLabels(from, to, defs) ?? [];
        return {
          status: 201,
          headers: { Location: ctx.pathname },
          body: {
            fromObjectTypeId: fromType.id,
            fromObjectId: Number(from.id), // reality: a JSON number (see wireRecord)
            toObjectTypeId: toType.id,
            toObjectId: Number(to.id), // reality: a JSON number
            labels,
          },
        };
      },
    },
    {
      method: 'PUT',
      template: `${BASE}/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}`,
      handle(ctx) {
        const startedAt = new Date();
        const fromType = objectTypeParam(ctx.params.fromObjectType);
        const toType = objectTypeParam(ctx.params.toObjectType);
        const writes = associations.associateDefault(
          { type: fromType, id: pathId(ctx.params.fromObjectId, objectLabel(fromType)) },
          { type: toType, id: pathId(ctx.params.toObjectId, objectLabel(toType)) },
        );
        // HubSpot reports both directions it wrote (279 and 280 for contact→company).
        const results = writes.map((w) => ({
          from: { id: w.from },
          to: { id: w.to },
          associationSpec: { associationCategory: w.category, associationTypeId: w.typeId },
        }));
        return { status: 200, body: envelope(startedAt, results) };
      },
    },
    {
      method: 'GET',
      template: `${BASE}/{objectType}/{objectId}/associations/{toObjectType}`,
      handle(ctx) {
        const fromType = objectTypeParam(ctx.params.objectType);
        const toType = objectTypeParam(ctx.params.toObjectType);
        const id = pathId(ctx.params.objectId, objectLabel(fromType));
        if (!associations.exists(fromType, id)) {
          throw notFound(`${objectLabel(fromType)} ${id} does not exist`, { objectId: [id] });
        }
        // "Limit 500 per call"; a larger limit is clamped, not refused (docs/hubspot-fidelity.md
        // §10.10, §12.5: HubSpot's answer above 500 is unknown, this is the sandbox's choice).
        const limit = limitParam(ctx.query, 500, 500);
        const page = associations.page(
          { type: fromType, id },
          toType,
          decodeCursor(ctx.query.get('after')),
          limit,
        );
        const last = page.items.at(-1);
        return {
          status: 200,
          body: {
            results: page.items.map(wireRecord),
            ...(page.more && last ? { paging: { next: { after: encodeCursor(last.toObjectId) } } } : {}),
          },
        };
      },
    },
    {
      method: 'DELETE',
      template: `${BASE}/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}`,
      handle(ctx) {
        const fromType = objectTypeParam(ctx.params.objectType);
        const toType = objectTypeParam(ctx.params.toObjectType);
        associations.removeAll(
          { type: fromType, id: pathId(ctx.params.objectId, objectLabel(fromType)) },
          { type: toType, id: pathId(ctx.params.toObjectId, objectLabel(toType)) },
        );
        return { status: 204 };
      },
    },
  ];
}
