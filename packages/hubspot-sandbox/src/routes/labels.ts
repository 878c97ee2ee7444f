/** Association labels (docs/hubspot-api.md §4, S1–S4): v4 under both published prefixes, and dated. */
import { validationError } from '../errors.js';
import type { PortalState } from '../portal.js';
import type { Route } from '../router.js';
import type { AssociationTypeDef } from '../types.js';
import { objectTypeParam, requireFields, requireInteger, requireString } from '../validate.js';
import { FAMILIES } from '../versions.js';

/** Every labels and limits prefix: v4's current spec path and the SDK's legacy one, then dated. */
export const SCHEMA_PREFIXES: readonly string[] = FAMILIES.flatMap((f) => f.schema);

/** Reality, not spec: `label` is null (not absent) for unlabeled types. */
const wireType = (d: Readonly<AssociationTypeDef>) => ({
  category: d.category,
  typeId: d.typeId,
  label: d.label,
});

export function labelRoutes(state: PortalState): Route[] {
  const { labels, limits, associations } = state;
  return SCHEMA_PREFIXES.flatMap((prefix): Route[] => [
    {
      method: 'GET',
      template: `${prefix}/{fromObjectType}/{toObjectType}/labels`,
      handle(ctx) {
        const from = objectTypeParam(ctx.params.fromObjectType);
        const to = objectTypeParam(ctx.params.toObjectType);
        return { status: 200, body: { results: labels.forPair(from.id, to.id).map(wireType) } };
      },
    },
    {
      method: 'POST',
      template: `${prefix}/{fromObjectType}/{toObjectType}/labels`,
      handle(ctx) {
        const from = objectTypeParam(ctx.params.fromObjectType);
        const to = objectTypeParam(ctx.params.toObjectType);
        const body = requireFields(
          ctx.json(),
          ['label', 'name'],
          ctx.raw,
          'PublicAssociationDefinitionCreateRequest',
        );
        const created = labels.create(from, to, {
          label: requireString(body.label, 'label'),
          name: requireString(body.name, 'name'),
          inverseLabel:
            body.inverseLabel == null ? undefined : requireString(body.inverseLabel, 'inverseLabel'),
        });
        // 200, not 201. HubSpot's documented example lists the inverse type first: never rely on order.
        return { status: 200, body: { results: [...created].reverse().map(wireType) } };
      },
    },
    {
      method: 'PUT',
      template: `${prefix}/{fromObjectType}/{toObjectType}/labels`,
      handle(ctx) {
        const from = objectTypeParam(ctx.params.fromObjectType);
        const to = objectTypeParam(ctx.params.toObjectType);
        const body = requireFields(
          ctx.json(),
          ['associationTypeId', 'label'],
          ctx.raw,
          'PublicAssociationDefinitionUpdateRequest',
        );
        labels.update(
          from,
          to,
          requireInteger(body.associationTypeId, 'associationTypeId'),
          requireString(body.label, 'label'),
          body.inverseLabel == null ? undefined : requireString(body.inverseLabel, 'inverseLabel'),
        );
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      template: `${prefix}/{fromObjectType}/{toObjectType}/labels/{associationTypeId}`,
      handle(ctx) {
        const from = objectTypeParam(ctx.params.fromObjectType);
        const to = objectTypeParam(ctx.params.toObjectType);
        const raw = ctx.params.associationTypeId ?? '';
        if (!/^[0-9]{1,10}$/.test(raw))
          throw validationError(`associationTypeId must be an integer, got ${raw}`);
        const removed = labels.remove(from, to, Number(raw), associations.inUse);
        limits.forgetTypes(removed);
        return { status: 204 };
      },
    },
  ]);
}
