import { InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationCategory, AssociationType } from '../../hubspot/types.js';

export interface LabelRef {
  label?: string;
  associationTypeId?: number;
  associationCategory?: AssociationCategory;
}

/** HubSpot-style internal-name form of a text: lower case, runs of other characters as one `_`. */
export const snake = (text: string) =>
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
 * A label and a typeId given together must agree; a numeric label that is both a label's text and
 * another type's typeId is ambiguous.
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

  /**
   * The types a label names, at the first level that matches: exact text, any case, internal name.
   * A numeric label also names the type with that typeId: neither shadows the other.
   */
  function named(
    from: ObjectType,
    to: ObjectType,
    types: AssociationType[],
    text: string,
  ): AssociationType[] {
    const exact = types.filter((t) => t.label === text);
    const folded = types.filter((t) => t.label !== null && t.label.toLowerCase() === text.toLowerCase());
    const remembered = names.get(`${key(from, to)}:${snake(text)}`);
    const bySnake = types.filter((t) =>
      remembered !== undefined ? t.typeId === remembered : t.label !== null && snake(t.label) === snake(text),
    );
    // HubSpot renamed its PRIMARY labels ("Primary" → "Contact with Primary Company", Feb 2024;
    // docs/hubspot-fidelity.md §10.3): an agent's "Primary" still means the pair's HubSpot-defined
    // primary type, found by HubSpot's wording, never by matching custom label text.
    const primary =
      snake(text) === 'primary'
        ? types.filter(
            (t) => t.category === 'HUBSPOT_DEFINED' && t.label !== null && /\bprimary\b/i.test(t.label),
          )
        : [];
    const byText = [exact, folded, bySnake, primary].find((found) => found.length > 0) ?? [];
    if (!/^\d+$/.test(text)) return byText;
    const byId = types.filter((t) => t.typeId === Number(text) && !byText.includes(t));
    return [...byText, ...byId];
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
    const text = ref.label?.trim() ?? '';
    const what = `label ${JSON.stringify(text)}`;
    if (ref.associationTypeId === undefined) return pick(named(from, to, types, text), what);
    const type = pick(
      types.filter(
        (t) =>
          t.typeId === ref.associationTypeId &&
          (ref.associationCategory === undefined || t.category === ref.associationCategory),
      ),
      `associationTypeId ${ref.associationTypeId}`,
    );
    // Both given: they must name the same type (the label may be ambiguous, the typeId settles it).
    if (ref.label !== undefined) {
      const byLabel = named(from, to, types, text);
      if (!byLabel.some((t) => t.typeId === type.typeId && t.category === type.category)) {
        throw new InputError(
          'label',
          `${JSON.stringify(text)} ${byLabel.length > 0 ? `names ${choices(byLabel)}` : 'names no type'} but associationTypeId ${type.typeId} is ${describeType(type)}`,
          'give only one of label and associationTypeId, or two that name the same type',
        );
      }
    }
    return type;
  }

  /** The unlabeled ("default") type of the pair; HubSpot writes it with every association. */
  async function unlabeled(from: ObjectType, to: ObjectType): Promise<AssociationType | undefined> {
    return (await list(from, to)).find((t) => t.label === null && t.category === 'HUBSPOT_DEFINED');
  }

  return { list, invalidate, resolve, unlabeled, rememberName };
}

export type LabelCatalog = ReturnType<typeof createLabelCatalog>;

const isPrimary = (t: AssociationType) => t.label !== null && /\bprimary\b/i.test(t.label);

/**
 * The inverse of a type is the reverse pair's type for the same relationship: unlabeled ↔
 * unlabeled; HubSpot's PRIMARY types with each other, whatever HubSpot calls them this year
 * ("Primary" ↔ "Contact with Primary Company", 1 ↔ 2); otherwise the same text, else HubSpot's
 * consecutive ids (custom pairs are created as n, n+1).
 */
export function inverseOf(type: AssociationType, reverse: AssociationType[]): number | undefined {
  if (type.category === 'HUBSPOT_DEFINED') {
    const defined = reverse.filter((r) => r.category === 'HUBSPOT_DEFINED');
    const match =
      type.label === null
        ? defined.find((r) => r.label === null)
        : isPrimary(type)
          ? defined.find(isPrimary)
          : defined.find((r) => r.label === type.label);
    if (match) return match.typeId;
  }
  const near = [type.typeId % 2 === 0 ? type.typeId + 1 : type.typeId - 1, type.typeId + 1, type.typeId - 1];
  for (const id of near) {
    const found = reverse.find((r) => r.category === type.category && r.typeId === id);
    if (found) return found.typeId;
  }
  return undefined;
}
