import type { HubSpotClient } from './client.js';
import { batchOutcome, idOf, typeOf } from './normalize.js';
import type { ObjectType } from './objectTypes.js';
import type { Routes } from './routes.js';
import type {
  AssociatedObject,
  AssociationSpec,
  BatchOutcome,
  BatchReadResult,
  DefaultAssociationResult,
  HighUsageReport,
  LabelsBetweenPair,
  ListPage,
} from './types.js';

type Id = { id: string | number };
type RawTypes = Parameters<typeof typeOf>[0][];
interface RawLabelsBetween {
  fromObjectId: string | number;
  toObjectId: string | number;
  labels?: string[];
}
interface RawDefault {
  from: Id;
  to: Id;
  associationSpec: AssociationSpec;
}
interface RawMulti {
  toObjectId: string | number;
  associationTypes?: RawTypes;
}
interface RawBatchRead {
  from: Id;
  to?: RawMulti[];
  paging?: { next?: { after?: string } };
}

const labelsBetween = (raw: RawLabelsBetween): LabelsBetweenPair => ({
  fromObjectId: idOf(raw.fromObjectId),
  toObjectId: idOf(raw.toObjectId),
  labels: raw.labels ?? [],
});
const defaultResult = (raw: RawDefault): DefaultAssociationResult => ({
  fromId: idOf(raw.from.id),
  toId: idOf(raw.to.id),
  spec: raw.associationSpec,
});
const associated = (raw: RawMulti): AssociatedObject => ({
  toObjectId: idOf(raw.toObjectId),
  types: (raw.associationTypes ?? []).map(typeOf),
});

/** Associations v4 record endpoints R1–R10 (docs/hubspot-api.md §3). Ids arrive validated. */
export function associationsApi(client: HubSpotClient, routes: Routes) {
  return {
    /** R1: the array is the full label set for the pair (HubSpot replaces; the unlabeled type stays). */
    async putLabels(
      from: ObjectType,
      fromId: string,
      to: ObjectType,
      toId: string,
      specs: AssociationSpec[],
    ) {
      const res = await client.request<RawLabelsBetween | { entity?: RawLabelsBetween }>({
        method: 'PUT',
        path: routes.recordAssociations(from, fromId, to, toId),
        body: specs,
      });
      // HubSpot's generated SDK types this 201 as {createdResourceId, entity}; every real answer
      // seen is the bare pair (docs/hubspot-fidelity.md §7): accept both.
      const body = res.body as RawLabelsBetween & { entity?: RawLabelsBetween };
      return labelsBetween(body.entity ?? body);
    },

    /** R2 */
    async associateDefault(from: ObjectType, fromId: string, to: ObjectType, toId: string) {
      const res = await client.request<{ results?: RawDefault[] }>({
        method: 'PUT',
        path: routes.defaultAssociation(from, fromId, to, toId),
      });
      return batchOutcome(res.status, res.body, defaultResult);
    },

    /** R3: one page of a record's associations to one object type. */
    async list(
      from: ObjectType,
      fromId: string,
      to: ObjectType,
      page: { limit?: number; after?: string } = {},
    ): Promise<ListPage<AssociatedObject>> {
      const res = await client.request<{ results?: RawMulti[]; paging?: { next?: { after?: string } } }>({
        method: 'GET',
        path: routes.recordAssociations(from, fromId, to),
        query: { limit: page.limit, after: page.after },
      });
      return { results: (res.body?.results ?? []).map(associated), after: res.body?.paging?.next?.after };
    },

    /** R4: removes every association between the two records (never the records). */
    async removeAll(from: ObjectType, fromId: string, to: ObjectType, toId: string): Promise<void> {
      await client.request({
        method: 'DELETE',
        path: routes.recordAssociations(from, fromId, to, toId),
      });
    },

    /** R5 (≤ 2,000 inputs): 201, or 207 with per-input errors. */
    async batchCreate(
      from: ObjectType,
      to: ObjectType,
      inputs: Array<{ fromId: string; toId: string; types: AssociationSpec[] }>,
    ): Promise<BatchOutcome<LabelsBetweenPair>> {
      // HubSpot answers an empty `types` with a 2xx and links nothing (docs/hubspot-fidelity.md §10.12).
      if (inputs.some((i) => i.types.length === 0))
        throw new Error('refusing a batch create with empty types');
      const res = await client.request<{ results?: RawLabelsBetween[] }>({
        method: 'POST',
        path: routes.associationBatch(from, to, 'create'),
        body: { inputs: inputs.map((i) => ({ from: { id: i.fromId }, to: { id: i.toId }, types: i.types })) },
        idempotent: true, // the same input twice gives the same label set (HubSpot replaces the pair's labels)
      });
      return batchOutcome(res.status, res.body, labelsBetween);
    },

    /** R6: default (unlabeled) associations; errors come inline in the 200 body. */
    async batchAssociateDefault(
      from: ObjectType,
      to: ObjectType,
      inputs: Array<{ fromId: string; toId: string }>,
    ): Promise<BatchOutcome<DefaultAssociationResult>> {
      const res = await client.request<{ results?: RawDefault[] }>({
        method: 'POST',
        path: routes.associationBatch(from, to, 'associate/default'),
        body: { inputs: inputs.map((i) => ({ from: { id: i.fromId }, to: { id: i.toId } })) },
        idempotent: true,
      });
      return batchOutcome(res.status, res.body, defaultResult);
    },

    /** R7 (≤ 1,000 inputs): paging is per input; send each `after` back with its id. */
    async batchRead(
      from: ObjectType,
      to: ObjectType,
      inputs: Array<{ id: string; after?: string }>,
    ): Promise<BatchOutcome<BatchReadResult>> {
      const res = await client.request<{ results?: RawBatchRead[] }>({
        method: 'POST',
        path: routes.associationBatch(from, to, 'read'),
        body: { inputs: inputs.map((i) => (i.after ? { id: i.id, after: i.after } : { id: i.id })) },
        idempotent: true,
      });
      return batchOutcome(res.status, res.body, (raw) => ({
        fromId: idOf(raw.from.id),
        to: (raw.to ?? []).map(associated),
        after: raw.paging?.next?.after,
      }));
    },

    /** R8: removes all associations between each from-record and its listed to-records. */
    async batchArchive(from: ObjectType, to: ObjectType, inputs: Array<{ fromId: string; toIds: string[] }>) {
      await client.request({
        method: 'POST',
        path: routes.associationBatch(from, to, 'archive'),
        body: { inputs: inputs.map((i) => ({ from: { id: i.fromId }, to: i.toIds.map((id) => ({ id })) })) },
        idempotent: true,
      });
    },

    /** R9: removes only the given types (removing the unlabeled type removes them all). */
    async batchArchiveLabels(
      from: ObjectType,
      to: ObjectType,
      inputs: Array<{ fromId: string; toId: string; types: AssociationSpec[] }>,
    ) {
      await client.request({
        method: 'POST',
        path: routes.associationBatch(from, to, 'labels/archive'),
        body: { inputs: inputs.map((i) => ({ from: { id: i.fromId }, to: { id: i.toId }, types: i.types })) },
        idempotent: true,
      });
    },

    /** R10: HubSpot e-mails the user a report of records near their association limits. */
    async requestHighUsageReport(userId: number): Promise<HighUsageReport> {
      const res = await client.request<{
        userId: number;
        userEmail: string;
        enqueueTime?: { value?: number };
      }>({
        method: 'POST',
        path: routes.highUsageReport(userId),
        idempotent: false, // a repeat would e-mail the user twice
      });
      const at = res.body.enqueueTime?.value;
      return {
        userId: res.body.userId,
        userEmail: res.body.userEmail,
        enqueuedAt: typeof at === 'number' ? new Date(at).toISOString() : undefined,
      };
    },
  };
}

export type AssociationsApi = ReturnType<typeof associationsApi>;
