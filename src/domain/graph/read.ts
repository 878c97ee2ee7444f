import { HubSpotError, InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociatedObject, CrmObject } from '../../hubspot/types.js';
import { readAssociations } from '../associations/read.js';
import { BATCH, chunk } from '../batching/chunks.js';
import { listObjectTypes } from '../records/objectTypes.js';
import { displayName, type Namer, namerFor } from './displayNames.js';
import type { AssociationGraph, GraphEdge, GraphGroup } from './types.js';

/** Associations counted per type before the total is reported as a lower bound (20 pages of 500). */
export const COUNT_LIMIT = 10_000;

type GraphHubSpot = Pick<HubSpot, 'associations' | 'objects' | 'schemas'>;

export interface GraphRequest {
  center: ObjectType;
  id: string;
  toTypes: readonly ObjectType[];
  limitPerType: number;
}

interface TypeInfo {
  namer: Namer;
  label?: string;
}

/** Custom types need the schemas (their primary display property and label); standard ones do not. */
async function typeInfo(hubspot: GraphHubSpot, types: readonly ObjectType[]) {
  const custom = types.some((t) => t.id.startsWith('2-'))
    ? new Map((await listObjectTypes({ hubspot })).map((t) => [t.objectTypeId, t]))
    : undefined;
  return (type: ObjectType): TypeInfo => {
    const listed = custom?.get(type.id);
    return {
      namer: namerFor(type, listed?.primaryDisplayProperty),
      ...(listed?.custom && listed.label ? { label: listed.label } : {}),
    };
  };
}

/** Names of records of one type, read in batches of 100 (records HubSpot no longer has stay unnamed). */
async function readNames(hubspot: GraphHubSpot, type: ObjectType, ids: string[], namer: Namer) {
  const found = new Map<string, CrmObject['properties']>();
  const outcomes = await Promise.all(
    chunk(ids, BATCH.objects).map((part) => hubspot.objects.batchRead(type, part, namer.properties)),
  );
  for (const outcome of outcomes) for (const r of outcome.results) found.set(r.id, r.properties);
  return (id: string) => displayName(namer, id, found.get(id));
}

/** Labelled links first (they say the most), each side in HubSpot's order. */
function firstShown(all: AssociatedObject[], limit: number): AssociatedObject[] {
  const labelled = (o: AssociatedObject) => o.types.some((t) => t.label);
  return [...all.filter(labelled), ...all.filter((o) => !labelled(o))].slice(0, limit);
}

function labelsOf(o: AssociatedObject): string[] {
  return [...new Set(o.types.flatMap((t) => (t.label ? [t.label] : [])))];
}

async function readGroup(
  hubspot: GraphHubSpot,
  request: GraphRequest,
  to: ObjectType,
  info: TypeInfo,
): Promise<GraphGroup> {
  const head = { objectType: to.name, ...(info.label ? { label: info.label } : {}) };
  try {
    const all: AssociatedObject[] = [];
    const pending = await readAssociations(hubspot, request.center, to, [{ id: request.id }], {
      limit: COUNT_LIMIT,
      onPage: (_, objects) => {
        all.push(...objects);
      },
    });
    const labelCounts: Record<string, number> = {};
    for (const o of all) for (const l of labelsOf(o)) labelCounts[l] = (labelCounts[l] ?? 0) + 1;
    const shown = firstShown(all, request.limitPerType);
    const name = await readNames(
      hubspot,
      to,
      shown.map((o) => o.toObjectId),
      info.namer,
    );
    const edges: GraphEdge[] = shown.map((o) => ({
      id: o.toObjectId,
      name: name(o.toObjectId),
      labels: labelsOf(o),
    }));
    return {
      ...head,
      total: all.length,
      ...(pending.length > 0 ? { totalAtLeast: true } : {}),
      truncated: shown.length < all.length,
      labelCounts,
      edges,
    };
  } catch (error) {
    if (!(error instanceof HubSpotError)) throw error;
    return { ...head, total: 0, truncated: false, labelCounts: {}, edges: [], error: error.message };
  }
}

/**
 * A record and its associated records per type, with their labels and display names, in batch
 * reads: per type, the associations batch read (following its pages to count them all, up to
 * COUNT_LIMIT) and one objects batch read for the names shown; the centre's own name in one
 * more; the schemas once when a custom type is involved. Types are read side by side.
 */
export async function readGraph(hubspot: GraphHubSpot, request: GraphRequest): Promise<AssociationGraph> {
  const info = await typeInfo(hubspot, [request.center, ...request.toTypes]);
  const centerInfo = info(request.center);
  const [center, groups] = await Promise.all([
    hubspot.objects.batchRead(request.center, [request.id], centerInfo.namer.properties),
    Promise.all(request.toTypes.map((to) => readGroup(hubspot, request, to, info(to)))),
  ]);
  const record = center.results.find((r) => r.id === request.id);
  if (!record) {
    throw new InputError(
      'id',
      `no ${request.center.name} record ${request.id}`,
      'find record ids with find_records',
    );
  }
  return {
    center: {
      objectType: request.center.name,
      id: request.id,
      name: displayName(centerInfo.namer, request.id, record.properties),
      ...(centerInfo.label ? { label: centerInfo.label } : {}),
    },
    groups,
  };
}
