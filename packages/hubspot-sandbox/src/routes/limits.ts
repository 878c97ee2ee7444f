/**
 * Association limits, "definition configurations" (docs/hubspot-api.md §4, C1–C5), v4 under both
 * prefixes and dated; purge answers 204 in v4, 200 + BatchResponse in dated versions.
 */
import { batchStatus, CAPS, envelope } from '../batch.js';
import { asSandboxError, type SandboxError } from '../errors.js';
import type { LimitInput } from '../limits.js';
import type { PortalState } from '../portal.js';
import type { Route } from '../router.js';
import type { Category, LimitConfig } from '../types.js';
import {
  objectTypeParam,
  requireCategory,
  requireFields,
  requireInputs,
  requireInteger,
} from '../validate.js';
import { archiveReply, FAMILIES } from '../versions.js';

/** `label` is optional in this schema, so unlabeled types omit it rather than send null. */
const wireConfig = (c: { category: Category; typeId: number; label: string | null }, max?: number) => ({
  category: c.category,
  typeId: c.typeId,
  ...(c.label === null ? {} : { label: c.label }),
  ...(max === undefined ? {} : { userEnforcedMaxToObjectIds: max }),
});

const wireLimit = (l: LimitConfig) => wireConfig(l, l.maxToObjectIds);

export function limitRoutes(state: PortalState): Route[] {
  const { labels, limits } = state;

  const parseInputs = (body: unknown, raw: string): LimitInput[] =>
    requireInputs(body, raw, CAPS.associationsOther).map((item) => {
      const input = requireFields(item, ['category', 'typeId', 'maxToObjectIds'], raw, 'configuration');
      return {
        category: requireCategory(input.category, 'category'),
        typeId: requireInteger(input.typeId, 'typeId'),
        maxToObjectIds: requireInteger(input.maxToObjectIds, 'maxToObjectIds'),
      };
    });

  /** Applies each input; failures become per-input errors of a 207. */
  const apply = (inputs: LimitInput[], run: (input: LimitInput) => LimitConfig) => {
    const results: unknown[] = [];
    const errors: SandboxError[] = [];
    for (const input of inputs) {
      try {
        results.push(wireLimit(run(input)));
      } catch (error) {
        errors.push(asSandboxError(error));
      }
    }
    return { results, errors };
  };

  const prefixes = FAMILIES.flatMap((family) => family.schema.map((prefix) => ({ family, prefix })));
  return prefixes.flatMap(({ family, prefix }): Route[] => {
    const base = `${prefix}/definitions/configurations`;
    return [
      {
        method: 'GET',
        template: `${base}/all`,
        handle: () => ({ status: 200, body: { results: limits.list().map(wireLimit) } }),
      },
      {
        method: 'GET',
        template: `${base}/{fromObjectType}/{toObjectType}`,
        handle(ctx) {
          const from = objectTypeParam(ctx.params.fromObjectType);
          const to = objectTypeParam(ctx.params.toObjectType);
          // Every type of the pair; the configured ones carry userEnforcedMaxToObjectIds.
          const results = labels
            .forPair(from.id, to.id)
            .map((d) => wireConfig(d, limits.get(from.id, to.id, d.typeId)?.maxToObjectIds));
          return { status: 200, body: { results } };
        },
      },
      {
        method: 'POST',
        template: `${base}/{fromObjectType}/{toObjectType}/batch/create`,
        handle(ctx) {
          const startedAt = new Date();
          const from = objectTypeParam(ctx.params.fromObjectType);
          const to = objectTypeParam(ctx.params.toObjectType);
          const { results, errors } = apply(parseInputs(ctx.json(), ctx.raw), (i) =>
            limits.create(from, to, i),
          );
          return { status: batchStatus(errors, 201), body: envelope(startedAt, results, errors) };
        },
      },
      {
        method: 'POST',
        template: `${base}/{fromObjectType}/{toObjectType}/batch/update`,
        handle(ctx) {
          const startedAt = new Date();
          const from = objectTypeParam(ctx.params.fromObjectType);
          const to = objectTypeParam(ctx.params.toObjectType);
          const { results, errors } = apply(parseInputs(ctx.json(), ctx.raw), (i) =>
            limits.update(from, to, i),
          );
          const updated = (results as ReturnType<typeof wireLimit>[]).map(
            ({ category, typeId, userEnforcedMaxToObjectIds }) => ({
              category,
              typeId,
              userEnforcedMaxToObjectIds,
            }),
          );
          return { status: batchStatus(errors, 200), body: envelope(startedAt, updated, errors) };
        },
      },
      {
        method: 'POST',
        template: `${base}/{fromObjectType}/{toObjectType}/batch/purge`,
        handle(ctx) {
          const startedAt = new Date();
          const from = objectTypeParam(ctx.params.fromObjectType);
          const to = objectTypeParam(ctx.params.toObjectType);
          const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.associationsOther).map((item) => {
            const input = requireFields(item, ['category', 'typeId'], ctx.raw, 'PublicAssociationSpec');
            return { category: String(input.category), typeId: requireInteger(input.typeId, 'typeId') };
          });
          for (const input of inputs) limits.purge(from, to, input.category, input.typeId);
          return archiveReply(family, startedAt);
        },
      },
    ];
  });
}
