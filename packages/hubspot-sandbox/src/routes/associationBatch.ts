/**
 * Associations batch endpoints, v4 and dated (docs/hubspot-api.md §3, R5–R9): per-input errors,
 * 207 partial results; archive answers 204 in v4 and 200 + BatchResponse in dated versions.
 */

import { batchStatus, CAPS, envelope } from '../batch.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { asSandboxError, notFound, type SandboxError, validationError } from '../errors.js';
import { objectLabel } from '../objectTypes.js';
import type { PortalState } from '../portal.js';
import type { Route } from '../router.js';
import { idOf, objectTypeParam, requireFields, requireInputs } from '../validate.js';
import { archiveReply, FAMILIES, type Family } from '../versions.js';
import { parseSpecs } from './parse.js';
import { wireRecord } from './records.js';

/** Runs one input; a failure becomes that input's StandardError instead of failing the batch. */
function each<T>(inputs: readonly T[], errors: SandboxError[], run: (input: T) => void): void {
  for (const input of inputs) {
    try {
      run(input);
    } catch (error) {
      const e = asSandboxError(error);
      if (e.status >= 500) throw error;
      errors.push(e);
    }
  }
}

export function associationBatchRoutes(state: PortalState): Route[] {
  return FAMILIES.flatMap((family) => familyRoutes(state, family));
}

function familyRoutes(state: PortalState, family: Family): Route[] {
  const { associations } = state;
  const BASE = `${family.associations}/{fromObjectType}/{toObjectType}/batch`;
  const types = (params: Record<string, string>) => ({
    fromType: objectTypeParam(params.fromObjectType),
    toType: objectTypeParam(params.toObjectType),
  });

  return [
    {
      method: 'POST',
      template: `${BASE}/create`,
      handle(ctx) {
        const startedAt = new Date();
        const { fromType, toType } = types(ctx.params);
        const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.associationsCreate).map((item) => {
          const input = requireFields(item, ['from', 'to', 'types'], ctx.raw, 'PublicAssociationMultiPost');
          return {
            from: idOf(input.from, 'from', ctx.raw),
            to: idOf(input.to, 'to', ctx.raw),
            specs: parseSpecs(input.types, ctx.raw, 'types'),
          };
        });
        const results: unknown[] = [];
        const errors: SandboxError[] = [];
        each(inputs, errors, (input) => {
          const defs = associations.resolveSpecs(fromType, toType, input.specs);
          const labels = associations.writeLabels(
            { type: fromType, id: input.from },
            { type: toType, id: input.to },
            defs,
          );
          if (labels === undefined) return; // `types: []` links nothing and reports nothing
          // Reality: ids as JSON numbers (see records.ts).
          results.push({
            fromObjectTypeId: fromType.id,
            fromObjectId: Number(input.from),
            toObjectTypeId: toType.id,
            toObjectId: Number(input.to),
            labels,
          });
        });
        return { status: batchStatus(errors, 201), body: envelope(startedAt, results, errors) };
      },
    },
    {
      method: 'POST',
      template: `${BASE}/associate/default`,
      handle(ctx) {
        const startedAt = new Date();
        const { fromType, toType } = types(ctx.params);
        const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.associationsOther).map((item) => {
          const input = requireFields(item, ['from', 'to'], ctx.raw, 'PublicDefaultAssociationMultiPost');
          return { from: idOf(input.from, 'from', ctx.raw), to: idOf(input.to, 'to', ctx.raw) };
        });
        const results: unknown[] = [];
        const errors: SandboxError[] = [];
        each(inputs, errors, (input) => {
          const writes = associations.associateDefault(
            { type: fromType, id: input.from },
            { type: toType, id: input.to },
          );
          for (const w of writes) {
            results.push({
              from: { id: w.from },
              to: { id: w.to },
              associationSpec: { associationCategory: w.category, associationTypeId: w.typeId },
            });
          }
        });
        // The spec declares no 207 here: failures travel in the 200 body's errors/numErrors.
        return { status: 200, body: envelope(startedAt, results, errors) };
      },
    },
    {
      method: 'POST',
      template: `${BASE}/read`,
      handle(ctx) {
        const startedAt = new Date();
        const { fromType, toType } = types(ctx.params);
        const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.associationsRead).map((item) => {
          const input = requireFields(item, ['id'], ctx.raw, 'PublicFetchAssociationsBatchRequest');
          return { id: idOf(input, 'input', ctx.raw), after: input.after };
        });
        const results: unknown[] = [];
        const errors: SandboxError[] = [];
        each(inputs, errors, (input) => {
          if (!associations.exists(fromType, input.id)) {
            throw notFound(`${objectLabel(fromType)} ${input.id} does not exist`, {
              fromObjectId: [input.id],
            });
          }
          const after = decodeCursor(typeof input.after === 'string' ? input.after : undefined);
          const page = associations.page(
            { type: fromType, id: input.id },
            toType,
            after,
            state.batchReadPageSize,
          );
          const last = page.items.at(-1);
          results.push({
            from: { id: input.id },
            to: page.items.map(wireRecord),
            // Paging is per input and only present when that input has more.
            ...(page.more && last ? { paging: { next: { after: encodeCursor(last.toObjectId) } } } : {}),
          });
        });
        return { status: batchStatus(errors, 200), body: envelope(startedAt, results, errors) };
      },
    },
    {
      method: 'POST',
      template: `${BASE}/archive`,
      handle(ctx) {
        const startedAt = new Date();
        const { fromType, toType } = types(ctx.params);
        const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.associationsOther).map((item) => {
          const input = requireFields(item, ['from', 'to'], ctx.raw, 'PublicAssociationMultiArchive');
          if (!Array.isArray(input.to)) {
            throw validationError('Invalid input JSON: to must be an array of {"id": ...} objects');
          }
          return { from: idOf(input.from, 'from', ctx.raw), to: input.to.map((t) => idOf(t, 'to', ctx.raw)) };
        });
        for (const input of inputs) {
          for (const to of input.to) {
            associations.removeAll({ type: fromType, id: input.from }, { type: toType, id: to });
          }
        }
        // A pair with nothing to remove is no error (docs/hubspot-fidelity.md §2, §12.4).
        return archiveReply(family, startedAt);
      },
    },
    {
      method: 'POST',
      template: `${BASE}/labels/archive`,
      handle(ctx) {
        const startedAt = new Date();
        const { fromType, toType } = types(ctx.params);
        const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.associationsOther).map((item) => {
          const input = requireFields(item, ['from', 'to', 'types'], ctx.raw, 'PublicAssociationMultiPost');
          const specs = parseSpecs(input.types, ctx.raw, 'types');
          return {
            from: idOf(input.from, 'from', ctx.raw),
            to: idOf(input.to, 'to', ctx.raw),
            defs: associations.resolveSpecs(fromType, toType, specs),
          };
        });
        for (const input of inputs) {
          associations.removeTypes(
            { type: fromType, id: input.from },
            { type: toType, id: input.to },
            input.defs,
          );
        }
        return archiveReply(family, startedAt);
      },
    },
  ];
}
