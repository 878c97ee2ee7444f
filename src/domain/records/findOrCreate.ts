import { HubSpotError, InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import { type ObjectType, resolveObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationSpec, AssociationType, CrmObject } from '../../hubspot/types.js';
import { assertBatchOk } from '../batching/chunks.js';
import type { LabelCatalog } from '../labels/catalogue.js';

const CONTACTS = resolveObjectType('contacts');
const COMPANIES = resolveObjectType('companies');

const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:]+$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Contacts are keyed by e-mail; HubSpot stores it lower-cased. */
export function normalizeEmail(input: string, field: string): string {
  const email = input.trim().toLowerCase();
  if (!EMAIL.test(email)) {
    throw new InputError(
      field,
      `${JSON.stringify(input.slice(0, 80))} is not an e-mail address`,
      'use a form like "ada@example.com"',
    );
  }
  return email;
}

/** Company domains are bare host names: no scheme, path, port or spaces. */
export function normalizeDomain(input: string, field: string): string {
  const domain = input.trim().toLowerCase();
  const shown = JSON.stringify(input.slice(0, 80));
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(domain)) {
    throw new InputError(
      field,
      `${shown} has a scheme`,
      `give the bare domain, e.g. "${domain.replace(/^[^:]+:\/\//, '').split(/[/:?#]/)[0]}"`,
    );
  }
  if (/[/?#]/.test(domain)) {
    throw new InputError(
      field,
      `${shown} has a path`,
      `give the bare domain, e.g. "${domain.split(/[/?#]/)[0]}"`,
    );
  }
  if (!DOMAIN.test(domain)) {
    throw new InputError(
      field,
      `${shown} is not a domain name`,
      'use a form like "example.com" (no port, no spaces)',
    );
  }
  return domain;
}

export type Status = 'created' | 'found';
export interface FoundOrCreated {
  id: string;
  status: Status;
  /** Other records matching the same key (they are not used: the oldest wins). */
  duplicates: string[];
}

const byAge = (a: CrmObject, b: CrmObject) =>
  BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0;

/** The records with an exact property value, oldest (lowest id) first; [] when the index has none. */
export async function searchByKey(
  hubspot: Pick<HubSpot, 'objects'>,
  type: ObjectType,
  key: { propertyName: string; value: string },
): Promise<string[]> {
  const page = await hubspot.objects.search(type, {
    filterGroups: [{ filters: [{ propertyName: key.propertyName, operator: 'EQ', value: key.value }] }],
    properties: [key.propertyName],
    limit: 100,
  });
  return [...page.results].sort(byAge).map((o) => o.id);
}

/**
 * Creates a record. A contact with an e-mail is safe to repeat after an ambiguous failure: HubSpot
 * answers a duplicate e-mail with 409 "Existing ID: n", taken here as found. Anything else is
 * never repeated by the client; the caller settles an ambiguous failure (see isAmbiguous).
 */
export async function createRecord(
  hubspot: Pick<HubSpot, 'objects'>,
  type: ObjectType,
  properties: Record<string, string>,
): Promise<FoundOrCreated> {
  const byEmail = type.id === CONTACTS.id && Boolean(properties.email);
  try {
    const created = await hubspot.objects.create(type, properties, [], { idempotent: byEmail });
    return { id: created.id, status: 'created', duplicates: [] };
  } catch (error) {
    const existing =
      error instanceof HubSpotError &&
      error.status === 409 &&
      /Existing ID:\s*(\d+)/.exec(error.message)?.[1];
    if (existing) return { id: existing, status: 'found', duplicates: [] };
    throw error;
  }
}

/** A create that failed this way may still have been committed: its outcome is unknown. */
export function isAmbiguous(error: unknown): boolean {
  return error instanceof HubSpotError && (error.status === 0 || error.status >= 500);
}

/** The types already on a contact→company pair (R3 pages through the contact's companies). */
async function typesBetween(hubspot: Pick<HubSpot, 'associations'>, contactId: string, companyId: string) {
  let after: string | undefined;
  do {
    const page = await hubspot.associations.list(CONTACTS, contactId, COMPANIES, { limit: 500, after });
    const hit = page.results.find((r) => r.toObjectId === companyId);
    if (hit) return hit.types;
    after = page.after;
  } while (after);
  return [];
}

/**
 * Associates a contact with a company: the default (unlabeled) type, or the given label. HubSpot
 * treats a labeled write as the pair's full label set, so when both records already existed the
 * labels on the pair are read first and kept (a label already there means nothing is written).
 */
export async function linkContactCompany(
  deps: { hubspot: Pick<HubSpot, 'associations'>; labels: LabelCatalog },
  pair: { contactId: string; companyId: string; bothFound: boolean },
  label?: AssociationType,
): Promise<{ typeIds: number[]; labels: string[] }> {
  const { contactId, companyId } = pair;
  if (!label) {
    const outcome = await deps.hubspot.associations.associateDefault(
      CONTACTS,
      contactId,
      COMPANIES,
      companyId,
    );
    assertBatchOk(outcome, 'default association');
    const written = outcome.results
      .filter((r) => r.fromId === contactId)
      .map((r) => r.spec.associationTypeId);
    if (written.length > 0) return { typeIds: [...new Set(written)], labels: [] };
    const unlabeled = await deps.labels.unlabeled(CONTACTS, COMPANIES);
    return { typeIds: unlabeled ? [unlabeled.typeId] : [], labels: [] };
  }
  const unlabeled = await deps.labels.unlabeled(CONTACTS, COMPANIES);
  const existing = pair.bothFound ? await typesBetween(deps.hubspot, contactId, companyId) : [];
  const types = new Map<number, AssociationType>();
  for (const t of [...(unlabeled ? [unlabeled] : []), ...existing, label]) types.set(t.typeId, t);
  const all = [...types.values()].sort((a, b) => a.typeId - b.typeId);
  if (!existing.some((t) => t.typeId === label.typeId)) {
    const specs: AssociationSpec[] = all.map((t) => ({
      associationCategory: t.category,
      associationTypeId: t.typeId,
    }));
    const outcome = await deps.hubspot.associations.batchCreate(CONTACTS, COMPANIES, [
      { fromId: contactId, toId: companyId, types: specs },
    ]);
    assertBatchOk(outcome, 'labeled association');
  }
  return { typeIds: all.map((t) => t.typeId), labels: all.flatMap((t) => (t.label ? [t.label] : [])) };
}

export { COMPANIES, CONTACTS };
