import { InputError } from '../hubspot/errors.js';
import type { HubSpot } from '../hubspot/index.js';
import type { ObjectType } from '../hubspot/objectTypes.js';
import type { AssociationCategory, AssociationType } from '../hubspot/types.js';

export interface LabelRef {
  label?: string;
  associationTypeId?: number;
  associationCategory?: AssociationCategory;
}

const snake = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export function describeType(type: AssociationType): string {
  return `${type.label === null ? 'unlabeled' : JSON.stringify(type.label)} (typeId ${type.typeId}, ${type.category})`;
}

function choices(types: AssociationType[]): string {
  return types.map(describeType).join(', ');
}

/**
 * The association types of each object-type pair, read once and cached per pair (HubSpot's list
 * has no paging and changes only through the label tools, which invalidate it).
 * Resolution matches on typeId, exact label text, then case and internal-name forms; never on substrings.
 */
export function createLabelCatalog(hubspot: Pick<HubSpot, 'labels'>) {
  const cache = new Map<string, Promise<AssociationType[]>>();
  /** Internal names of labels created through this server (HubSpot's list does not return them). */
  const names = new Map<string, number>();
  const key = (from: ObjectType, to: ObjectType) => `${from.id}>${to.id}`;

  function list(from: ObjectType, to: ObjectType): Promise<AssociationType[]> {
    const k = key(from, to);
    let pending = cache.get(k);
    if (!pending) {
      pending = hubspot.labels.list(from, to);
      // A failed lookup must not be remembered.
      pending.catch(() => cache.delete(k));
      cache.set(k, pending);
    }
    return pending;
  }

  function invalidate(from: ObjectType, to: ObjectType) {
    cache.delete(key(from, to));
    cache.delete(key(to, from));
  }

  function rememberName(from: ObjectType, to: ObjectType, name: string, typeId: number) {
    names.set(`${key(from, to)}:${snake(name)}`, typeId);
  }

  async function resolve(
    from: ObjectType,
    to: ObjectType,
    ref: LabelRef,
    field = 'label',
  ): Promise<AssociationType> {
    const types = await list(from, to);
    const pair = `${from.name}→${to.name}`;
    const pick = (found: AssociationType[], what: string): AssociationType => {
      const only = found.length === 1 ? found[0] : undefined;
      if (only) return only;
      if (found.length > 1) {
        throw new InputError(
          field,
          `${what} is ambiguous for ${pair}`,
          `pass associationTypeId, one of: ${choices(found)}`,
        );
      }
      throw new InputError(
        field,
        `${what} is not an association type of ${pair}`,
        `valid choices: ${choices(types)}`,
      );
    };
    if (ref.associationTypeId !== undefined) {
      const found = types.filter(
        (t) =>
          t.typeId === ref.associationTypeId &&
          (ref.associationCategory === undefined || t.category === ref.associationCategory),
      );
      return pick(found, `associationTypeId ${ref.associationTypeId}`);
    }
    const text = ref.label?.trim() ?? '';
    const what = `label ${JSON.stringify(text)}`;
    const exact = types.filter((t) => t.label === text);
    if (exact.length > 0) return pick(exact, what);
    const folded = types.filter((t) => t.label !== null && t.label.toLowerCase() === text.toLowerCase());
    if (folded.length > 0) return pick(folded, what);
    const named = names.get(`${key(from, to)}:${snake(text)}`);
    const bySnake = types.filter((t) =>
      named !== undefined ? t.typeId === named : t.label !== null && snake(t.label) === snake(text),
    );
    if (bySnake.length > 0) return pick(bySnake, what);
    if (/^\d+$/.test(text))
      return pick(
        types.filter((t) => t.typeId === Number(text)),
        what,
      );
    return pick([], what);
  }

  /** The unlabeled ("default") type of the pair; HubSpot writes it with every association. */
  async function unlabeled(from: ObjectType, to: ObjectType): Promise<AssociationType | undefined> {
    return (await list(from, to)).find((t) => t.label === null && t.category === 'HUBSPOT_DEFINED');
  }

  return { list, invalidate, resolve, unlabeled, rememberName };
}

export type LabelCatalog = ReturnType<typeof createLabelCatalog>;
