/** CRM objects, v3 and dated, one record at a time and the list (docs/hubspot-api.md §8). */
import { idCursor } from '../cursor.js';
import { notFound } from '../errors.js';
import type { PortalState } from '../portal.js';
import { validateProperties } from '../properties.js';
import type { Route, RouteContext } from '../router.js';
import type { CrmObject } from '../types.js';
import { limitParam, listParam, objectTypeParam, requireFields } from '../validate.js';
import { FAMILIES, type Family } from '../versions.js';
import { type ViewOptions, viewObject } from './objectView.js';
import { commitCreate, emailConflict, findRecord, prepareCreate, requireIdProperty } from './objectWrite.js';

/** properties / propertiesWithHistory / associations query parameters. */
function viewOptions(ctx: RouteContext): ViewOptions {
  return {
    properties: listParam(ctx.query, 'properties'),
    propertiesWithHistory: listParam(ctx.query, 'propertiesWithHistory'),
    associations: listParam(ctx.query, 'associations').map((name) => objectTypeParam(name)),
  };
}

export function objectRoutes(state: PortalState): Route[] {
  return FAMILIES.flatMap((family) => familyRoutes(state, family));
}

function familyRoutes(state: PortalState, family: Family): Route[] {
  const { objects, associations } = state;
  const BASE = `${family.objects}/{objectType}`;
  return [
    {
      method: 'GET',
      template: BASE,
      handle(ctx) {
        const type = objectTypeParam(ctx.params.objectType);
        const limit = limitParam(ctx.query, 10, 100);
        const after = idCursor(ctx.query.get('after'));
        const options = viewOptions(ctx);
        let items: CrmObject[];
        let more: boolean;
        if (ctx.query.get('archived') === 'true') {
          const archived = [...objects.archivedAll(type.id)]
            .filter((o) => after === undefined || Number(o.id) > Number(after))
            .sort((a, b) => Number(a.id) - Number(b.id));
          items = archived.slice(0, limit);
          more = archived.length > limit;
        } else {
          ({ items, more } = objects.page(type.id, after, limit));
        }
        const last = items.at(-1);
        return {
          status: 200,
          body: {
            results: items.map((o) => viewObject(state, type, o, options)),
            ...(more && last ? { paging: { next: { after: last.id } } } : {}),
          },
        };
      },
    },
    {
      method: 'POST',
      template: BASE,
      handle(ctx) {
        const type = objectTypeParam(ctx.params.objectType);
        const prepared = prepareCreate(state, type, ctx.json(), ctx.raw);
        const duplicate = emailConflict(state, type, prepared.properties);
        if (duplicate) throw duplicate;
        const object = commitCreate(state, type, prepared);
        return { status: 201, body: viewObject(state, type, object, { all: true }) };
      },
    },
    {
      method: 'GET',
      template: `${BASE}/{objectId}`,
      handle(ctx) {
        const type = objectTypeParam(ctx.params.objectType);
        const id = ctx.params.objectId ?? '';
        const idProperty = requireIdProperty(type, ctx.query.get('idProperty'));
        let object = findRecord(state, type, id, idProperty);
        if (!object && ctx.query.get('archived') === 'true' && !idProperty)
          object = objects.getArchived(type.id, id);
        if (!object) throw notFound();
        return { status: 200, body: viewObject(state, type, object, viewOptions(ctx)) };
      },
    },
    {
      method: 'PATCH',
      template: `${BASE}/{objectId}`,
      handle(ctx) {
        const type = objectTypeParam(ctx.params.objectType);
        const idProperty = requireIdProperty(type, ctx.query.get('idProperty'));
        const body = requireFields(ctx.json(), ['properties'], ctx.raw, 'SimplePublicObjectInput');
        const properties = validateProperties(type.id, body.properties);
        const object = findRecord(state, type, ctx.params.objectId ?? '', idProperty);
        if (!object) throw notFound();
        const updated = objects.update(type.id, object.id, properties);
        return { status: 200, body: viewObject(state, type, updated, { all: true }) };
      },
    },
    {
      method: 'DELETE',
      template: `${BASE}/{objectId}`,
      handle(ctx) {
        const type = objectTypeParam(ctx.params.objectType);
        const idProperty = requireIdProperty(type, ctx.query.get('idProperty'));
        const object = findRecord(state, type, ctx.params.objectId ?? '', idProperty);
        // Archiving a missing or already archived record is not an error in HubSpot.
        if (object && objects.archive(type.id, object.id)) associations.forgetRecord(type, object.id);
        return { status: 204 };
      },
    },
  ];
}
