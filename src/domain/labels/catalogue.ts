import { InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationCategory, AssociationType } from '../../hubspot/types.js';
import { createLabelLists, type LabelListOptions } from './lists.js';

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

/** A resolution that found nothing (`miss`: a fresh list may know it) or that fails however fresh the list. */
type Verdict = { type: AssociationType } | { error: InputError; miss: boolean };

/**
 * The association types of each object-type pair, cached per pair (lists.ts): HubSpot's list
 * has no paging, and labels change outside this process too, so a list older than `maxAgeMs` is
 * read again, and a label or typeId the cached list lacks gets one fresh read (shared by every miss
 * at that moment) before it is refused with the choices. Changes made through the label tools
 * invalidate the pair's list.
 * Resolution matches on typeId, exact label text, then case and internal-name forms; never on substrings.
 * A label and a typeId given together must agree; a numeric label that is both a label's text and
 * another type's typeId is ambiguous.
 */
export function createLabelCatalog(hubspot: Pick<HubSpot, 'labels'>, options: LabelListOptions = {}) {
  const lists = createLabelLists(hubspot, options);
  /** Internal names of labels created through this server (HubSpot's list does not return them). */
  const names = new Map<string, number>();
  const key = (from: ObjectType, to: ObjectType) => `${from.id}>${to.id}`;

  const list = (from: ObjectType, to: ObjectType): Promise<AssociationType[]> => lists.get(from, to);

  function invalidate(from: ObjectType, to: ObjectType) {
    lists.invalidate(from, to);
    lists.invalidate(to, from);
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

  /** What `ref` names in one list of the pair's types. */
  function judge(
    from: ObjectType,
    to: ObjectType,
    types: AssociationType[],
    ref: LabelRef,
    field: string,
  ): Verdict {
    const pair = `${from.name}→${to.name}`;
    const pick = (found: AssociationType[], what: string): Verdict => {
      const only = found.length === 1 ? found[0] : undefined;
      if (only) return { type: only };
      if (found.length > 1) {
        const fix = `pass associationTypeId, one of: ${choices(found)}`;
        return { error: new InputError(field, `${what} is ambiguous for ${pair}`, fix), miss: false };
      }
      const problem = `${what} is not an association type of ${pair}`;
      return { error: new InputError(field, problem, `valid choices: ${choices(types)}`), miss: true };
    };
    const text = ref.label?.trim() ?? '';
    const what = `label ${JSON.stringify(text)}`;
    if (ref.associationTypeId === undefined) return pick(named(from, to, types, text), what);
    const verdict = pick(
      types.filter(
        (t) =>
          t.typeId === ref.associationTypeId &&
          (ref.associationCategory === undefined || t.category === ref.associationCategory),
      ),
      `associationTypeId ${ref.associationTypeId}`,
    );
    if (!('type' in verdict) || ref.label === undefined) return verdict;
    // Both given: they must name the same type (the label may be ambiguous, the typeId settles it).
    const { type } = verdict;
    const byLabel = named(from, to, types, text);
    if (byLabel.some((t) => t.typeId === type.typeId && t.category === type.category)) return verdict;
    const problem = `${JSON.stringify(text)} ${byLabel.length > 0 ? `names ${choices(byLabel)}` : 'names no type'} but associationTypeId ${type.typeId} is ${describeType(type)}`;
    const fix = 'give only one of label and associationTypeId, or two that name the same type';
    // A label that names nothing may have been renamed elsewhere: a fresh list may settle it.
    return { error: new InputError('label', problem, fix), miss: byLabel.length === 0 };
  }

  /** The type `ref` names; a miss reads the pair's list once more before failing with the choices. */
  async function resolve(
    from: ObjectType,
    to: ObjectType,
    ref: LabelRef,
    field = 'label',
  ): Promise<AssociationType> {
    const types = await list(from, to);
    let verdict = judge(from, to, types, ref, field);
    if ('error' in verdict && verdict.miss) {
      verdict = judge(from, to, await lists.reread(from, to, types), ref, field);
    }
    if ('error' in verdict) throw verdict.error;
    return verdict.type;
  }

  /**
   * HubSpot refused `rejected` (what `ref` resolved to) as unknown: it was deleted, or deleted and
   * made again, elsewhere. The type `ref` names in a fresh list (read once, shared), or the choices.
   */
  async function resolveAgain(
    from: ObjectType,
    to: ObjectType,
    ref: LabelRef,
    rejected: AssociationType,
    field = 'label',
  ): Promise<AssociationType> {
    const verdict = judge(from, to, await lists.rereadWithout(from, to, rejected), ref, field);
    if ('error' in verdict) throw verdict.error;
    return verdict.type;
  }

  /** The unlabeled ("default") type of the pair; HubSpot writes it with every association. */
  async function unlabeled(from: ObjectType, to: ObjectType): Promise<AssociationType | undefined> {
    return (await list(from, to)).find((t) => t.label === null && t.category === 'HUBSPOT_DEFINED');
  }

  return { list, invalidate, resolve, resolveAgain, unlabeled, rememberName };
}

export type LabelCatalog = ReturnType<typeof createLabelCatalog>;

/**
 * The catalogue for one bulk call (an import): each distinct label or typeId is resolved once, its
 * answer or refusal shared by every row that names it, so a label nobody has costs one extra read
 * per import, not one per row. A failure that is not the input's (HubSpot unreachable) is not kept.
 * A type HubSpot refused as unknown is looked up again once (`resolveAgain`), and every later row
 * that resolves to it gets what it names now.
 */
export function resolvingOnce<T extends Pick<LabelCatalog, 'resolve' | 'resolveAgain'>>(labels: T): T {
  const known = new Map<string, Promise<AssociationType>>();
  const replaced = new Map<string, Promise<AssociationType>>();
  const typeKey = (from: ObjectType, to: ObjectType, t: AssociationType) =>
    `${from.id}>${to.id}:${t.category}:${t.typeId}`;
  const remember = (
    map: Map<string, Promise<AssociationType>>,
    k: string,
    found: Promise<AssociationType>,
  ) => {
    found.catch((error) => {
      if (!(error instanceof InputError)) map.delete(k);
    });
    map.set(k, found);
    return found;
  };
  const resolve: LabelCatalog['resolve'] = (from, to, ref, field = 'label') => {
    const k = JSON.stringify([
      from.id,
      to.id,
      ref.label,
      ref.associationTypeId,
      ref.associationCategory,
      field,
    ]);
    const found = known.get(k) ?? remember(known, k, labels.resolve(from, to, ref, field));
    return found.then((t) => replaced.get(typeKey(from, to, t)) ?? t);
  };
  const resolveAgain: LabelCatalog['resolveAgain'] = (from, to, ref, rejected, field) => {
    const k = typeKey(from, to, rejected);
    return replaced.get(k) ?? remember(replaced, k, labels.resolveAgain(from, to, ref, rejected, field));
  };
  return { ...labels, resolve, resolveAgain };
}

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
