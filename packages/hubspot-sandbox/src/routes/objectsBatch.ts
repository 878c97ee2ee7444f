/** CRM objects batch endpoints, v3 and dated (≤ 100 inputs): read, create, update, upsert, archive (204 in both). */

import { batchStatus, CAPS, envelope } from '../batch.js';
import { asSandboxError, conflict, notFound, type SandboxError, validationError } from '../errors.js';
import type { ObjectType } from '../objectTypes.js';
import { objectLabel } from '../objectTypes.js';
import type { PortalState } from '../portal.js';
import { normalizeEmail, validateProperties } from '../properties.js';
import type { Route } from '../router.js';
import type { CrmObject } from '../types.js';
import { idOf, objectTypeParam, requireFields, requireInputs, requireString } from '../validate.js';
import { FAMILIES, type Family } from '../versions.js';
import { viewObject } from './objectView.js';
import {
  commitCreate,
  emailConflict,
  findRecord,
  type PreparedCreate,
  prepareCreate,
  requireIdProperty,
} from './objectWrite.js';

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** HubSpot's wording for ids a batch could not find: one error naming them all. */
const missingIds = (type: ObjectType, ids: string[]) =>
  notFound(
    `Could not get some ${objectLabel(type)} objects, they may be deleted or not exist. Check that ids are valid.`,
    { ids },
  );

function rejectDuplicateIds(ids: string[]): void {
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length > 0) {
    throw validationError(`Duplicate IDs found in batch input: [${[...new Set(duplicates)].join(', ')}]`, {
      ids: [...new Set(duplicates)],
    });
  }
}

export function objectBatchRoutes(state: PortalState): Route[] {
  return FAMILIES.flatMap((family) => familyRoutes(state, family));
}

function familyRoutes(state: PortalState, family: Family): Route[] {
  const { objects, associations } = state;
  const BASE = `${family.objects}/{objectType}/batch`;

  /**
   * Batch create: without objectWriteTraceId on every input one bad input fails the whole batch
   * and nothing is written; with them, failures come back per input in a 207 (docs/hubspot-api.md §10).
   */
  const createAll = (type: ObjectType, items: unknown[], raw: string) => {
    const traced = items.every(
      (i) => typeof (i as { objectWriteTraceId?: unknown })?.objectWriteTraceId === 'string',
    );
    const errors: SandboxError[] = [];
    const accepted: PreparedCreate[] = [];
    const emails = new Map<string, number>();
    items.forEach((item, index) => {
      try {
        const prepared = prepareCreate(state, type, item, raw);
        const duplicate = emailConflict(state, type, prepared.properties);
        if (duplicate) throw duplicate;
        const email = prepared.properties.email && normalizeEmail(prepared.properties.email);
        if (email && emails.has(email)) {
          throw conflict(`Duplicate email ${email} in inputs ${emails.get(email)} and ${index} of the batch`);
        }
        if (email) emails.set(email, index);
        accepted.push(prepared);
      } catch (error) {
        const e = asSandboxError(error);
        if (!traced) throw e;
        const trace = (item as { objectWriteTraceId: string }).objectWriteTraceId;
        errors.push(Object.assign(e, { context: { ...(e.context ?? {}), objectWriteTraceId: [trace] } }));
      }
    });
    const created: CrmObject[] = [];
    for (const prepared of accepted) created.push(commitCreate(state, type, prepared));
    return { created, errors };
  };

  return [
    {
      method: 'POST',
      template: `${BASE}/read`,
      handle(ctx) {
        const startedAt = new Date();
        const type = objectTypeParam(ctx.params.objectType);
        const body = ctx.json();
        const inputs = requireInputs(body, ctx.raw, CAPS.objects).map((i) => idOf(i, 'input', ctx.raw));
        const fields = body as {
          properties?: unknown;
          propertiesWithHistory?: unknown;
          idProperty?: unknown;
        };
        const idProperty = requireIdProperty(
          type,
          typeof fields.idProperty === 'string' ? fields.idProperty : undefined,
        );
        const archived = ctx.query.get('archived') === 'true';
        const options = {
          properties: stringList(fields.properties),
          propertiesWithHistory: stringList(fields.propertiesWithHistory),
        };
        const results: unknown[] = [];
        const missing: string[] = [];
        for (const id of inputs) {
          const object = archived
            ? objects.getArchived(type.id, id)
            : findRecord(state, type, id, idProperty);
          if (object) results.push(viewObject(state, type, object, options));
          else missing.push(id);
        }
        const errors = missing.length > 0 ? [missingIds(type, missing)] : [];
        return { status: batchStatus(errors, 200), body: envelope(startedAt, results, errors) };
      },
    },
    {
      method: 'POST',
      template: `${BASE}/create`,
      handle(ctx) {
        const startedAt = new Date();
        const type = objectTypeParam(ctx.params.objectType);
        const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.objects);
        const { created, errors } = createAll(type, inputs, ctx.raw);
        const results = created.map((o) => viewObject(state, type, o, { all: true }));
        return { status: batchStatus(errors, 201), body: envelope(startedAt, results, errors) };
      },
    },
    {
      method: 'POST',
      template: `${BASE}/update`,
      handle(ctx) {
        const startedAt = new Date();
        const type = objectTypeParam(ctx.params.objectType);
        const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.objects).map((item) => {
          const input = requireFields(item, ['id', 'properties'], ctx.raw, 'SimplePublicObjectBatchInput');
          const idProperty = requireIdProperty(
            type,
            typeof input.idProperty === 'string' ? input.idProperty : undefined,
          );
          return {
            id: requireString(input.id, 'id'),
            idProperty,
            properties: validateProperties(type.id, input.properties),
          };
        });
        rejectDuplicateIds(inputs.map((i) => i.id));
        const results: unknown[] = [];
        const missing: string[] = [];
        for (const input of inputs) {
          const object = findRecord(state, type, input.id, input.idProperty);
          if (!object) {
            missing.push(input.id);
            continue;
          }
          results.push(
            viewObject(state, type, objects.update(type.id, object.id, input.properties), { all: true }),
          );
        }
        const errors = missing.length > 0 ? [missingIds(type, missing)] : [];
        return { status: batchStatus(errors, 200), body: envelope(startedAt, results, errors) };
      },
    },
    {
      method: 'POST',
      template: `${BASE}/upsert`,
      handle(ctx) {
        const startedAt = new Date();
        const type = objectTypeParam(ctx.params.objectType);
        const inputs = requireInputs(ctx.json(), ctx.raw, CAPS.objects).map((item) => {
          const input = requireFields(
            item,
            ['id', 'properties'],
            ctx.raw,
            'SimplePublicObjectBatchInputUpsert',
          );
          const idProperty = requireIdProperty(
            type,
            typeof input.idProperty === 'string' ? input.idProperty : undefined,
          );
          if (!idProperty)
            throw validationError(
              'batch/upsert needs idProperty naming a unique property (email for contacts)',
            );
          const id = requireString(input.id, 'id');
          return {
            id: idProperty === 'email' ? normalizeEmail(id) : id,
            idProperty,
            properties: validateProperties(type.id, input.properties),
          };
        });
        rejectDuplicateIds(inputs.map((i) => i.id));
        const results = inputs.map((input) => {
          const existing = findRecord(state, type, input.id, input.idProperty);
          if (existing) {
            const updated = objects.update(type.id, existing.id, input.properties);
            return { ...viewObject(state, type, updated, { all: true }), new: false };
          }
          const created = commitCreate(state, type, {
            properties: { ...input.properties, [input.idProperty]: input.id },
            links: [],
          });
          return { ...viewObject(state, type, created, { all: true }), new: true };
        });
        return { status: 200, body: envelope(startedAt, results) };
      },
    },
    {
      method: 'POST',
      template: `${BASE}/archive`,
      handle(ctx) {
        const type = objectTypeParam(ctx.params.objectType);
        const ids = requireInputs(ctx.json(), ctx.raw, CAPS.objects).map((i) => idOf(i, 'input', ctx.raw));
        for (const id of ids) if (objects.archive(type.id, id)) associations.forgetRecord(type, id);
        return { status: 204 };
      },
    },
  ];
}
