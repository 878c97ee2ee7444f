import type { HubSpotClient } from './client.js';
import { batchOutcome, idOf } from './normalize.js';
import type { ObjectType } from './objectTypes.js';
import type { Routes } from './routes.js';
import type {
  AssociationSpec,
  BatchOutcome,
  CrmObject,
  ListPage,
  SearchPage,
  SearchRequest,
  StandardError,
} from './types.js';

interface RawObject {
  id: string | number;
  properties?: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  new?: boolean;
}
type Paged = { results?: RawObject[]; paging?: { next?: { after?: string } }; total?: number };

const objectOf = (raw: RawObject): CrmObject => ({
  id: idOf(raw.id),
  properties: raw.properties ?? {},
  createdAt: raw.createdAt,
  updatedAt: raw.updatedAt,
  archived: raw.archived,
});

/** The CRM objects v3 endpoints the tools need (docs/hubspot-api.md §8). Batch endpoints take ≤ 100 inputs. */
export function objectsApi(client: HubSpotClient, routes: Routes) {
  return {
    /**
     * Create one record. Not idempotent unless the caller says so: a contact with an e-mail is
     * (a repeat meets HubSpot's 409 "Existing ID"); anything else is never blindly repeated after
     * an ambiguous failure.
     */
    async create(
      type: ObjectType,
      properties: Record<string, string>,
      associations: Array<{ toId: string; types: AssociationSpec[] }> = [],
      options: { idempotent?: boolean } = {},
    ): Promise<CrmObject> {
      const res = await client.request<RawObject>({
        method: 'POST',
        path: routes.objects(type),
        // The spec marks `associations` required: send an empty list when there are none.
        body: { properties, associations: associations.map((a) => ({ to: { id: a.toId }, types: a.types })) },
        idempotent: options.idempotent ?? false,
      });
      return objectOf(res.body);
    },

    async get(type: ObjectType, id: string, properties: string[] = []): Promise<CrmObject> {
      const res = await client.request<RawObject>({
        method: 'GET',
        path: routes.objects(type, { id }),
        query: { properties },
      });
      return objectOf(res.body);
    },

    /** One page of the list endpoint (limit ≤ 100). */
    async list(
      type: ObjectType,
      page: { limit?: number; after?: string; properties?: string[] } = {},
    ): Promise<ListPage<CrmObject>> {
      const res = await client.request<Paged>({
        method: 'GET',
        path: routes.objects(type),
        query: { limit: page.limit ?? 100, after: page.after, properties: page.properties, archived: false },
      });
      return { results: (res.body?.results ?? []).map(objectOf), after: res.body?.paging?.next?.after };
    },

    /** By record id, or by a unique property (`idProperty`: `email` for contacts); ≤ 100 ids. */
    async batchRead(
      type: ObjectType,
      ids: string[],
      properties: string[] = [],
      idProperty?: string,
    ): Promise<BatchOutcome<CrmObject>> {
      const res = await client.request<Paged>({
        method: 'POST',
        path: routes.objects(type, { op: 'batch/read' }),
        query: { archived: false },
        body: {
          inputs: ids.map((id) => ({ id })),
          properties,
          propertiesWithHistory: [],
          ...(idProperty ? { idProperty } : {}),
        },
        idempotent: true,
      });
      return batchOutcome(res.status, res.body, objectOf);
    },

    /** CRM search: its own 5/s budget; ≤ 200 per page. */
    async search(type: ObjectType, request: SearchRequest): Promise<SearchPage> {
      const res = await client.request<Paged>({
        method: 'POST',
        path: routes.objects(type, { op: 'search' }),
        kind: 'search',
        idempotent: true,
        // The spec marks every field required, so send them all (empty where unused).
        body: {
          filterGroups: request.filterGroups ?? [],
          sorts: request.sorts ?? [],
          properties: request.properties ?? [],
          limit: request.limit ?? 10,
          after: request.after ?? '0',
          ...(request.query ? { query: request.query } : {}),
        },
      });
      return {
        results: (res.body?.results ?? []).map(objectOf),
        after: res.body?.paging?.next?.after,
        total: res.body?.total ?? 0,
      };
    },

    /**
     * Batch create (≤ 100). Each input carries an `objectWriteTraceId`, so a bad input comes back
     * as its own error in a 207 (naming the trace id) instead of failing the batch. Not idempotent
     * unless the caller says so (contacts with e-mails: a repeat meets 409 "Existing ID").
     */
    async batchCreate(
      type: ObjectType,
      inputs: Array<{ traceId: string; properties: Record<string, string> }>,
      options: { idempotent?: boolean } = {},
    ): Promise<BatchOutcome<CrmObject>> {
      const res = await client.request<Paged & { errors?: StandardError[] }>({
        method: 'POST',
        path: routes.objects(type, { op: 'batch/create' }),
        body: {
          inputs: inputs.map((i) => ({
            properties: i.properties,
            associations: [],
            objectWriteTraceId: i.traceId,
          })),
        },
        idempotent: options.idempotent ?? false,
      });
      return batchOutcome(res.status, res.body, objectOf);
    },

    /** Batch upsert by a unique property (contacts: `email`); repeats are harmless. */
    async batchUpsert(
      type: ObjectType,
      idProperty: string,
      inputs: Array<{ id: string; properties: Record<string, string> }>,
    ): Promise<BatchOutcome<CrmObject & { created: boolean }>> {
      const res = await client.request<Paged>({
        method: 'POST',
        path: routes.objects(type, { op: 'batch/upsert' }),
        body: { inputs: inputs.map((i) => ({ id: i.id, idProperty, properties: i.properties })) },
        idempotent: true,
      });
      return batchOutcome(res.status, res.body, (raw) => ({ ...objectOf(raw), created: raw.new === true }));
    },
  };
}

export type ObjectsApi = ReturnType<typeof objectsApi>;
