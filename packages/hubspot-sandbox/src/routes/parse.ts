/** Body pieces shared by the association routes. */
import type { Spec } from '../associations.js';
import { validationError } from '../errors.js';
import { requireCategory, requireFields, requireInteger } from '../validate.js';

/** An AssociationSpec array (`[{associationCategory, associationTypeId}]`). */
export function parseSpecs(value: unknown, raw: string, field: string): Spec[] {
  if (!Array.isArray(value)) {
    throw validationError(
      `Invalid input JSON on line 1, column 1: Cannot deserialize value of type \`java.util.HashSet<AssociationSpec>\` from ${typeof value} value (${field} must be an array)`,
    );
  }
  return value.map((item) => {
    const spec = requireFields(item, ['associationCategory', 'associationTypeId'], raw, 'AssociationSpec');
    return {
      category: requireCategory(spec.associationCategory, 'associationCategory'),
      typeId: requireInteger(spec.associationTypeId, 'associationTypeId'),
    };
  });
}

/** A record id in a path: decimal digits, else HubSpot's invalid-id answer. */
export function pathId(value: string | undefined, label: string): string {
  const id = value ?? '';
  if (!/^[0-9]{1,20}$/.test(id)) {
    throw validationError('One or more associations are invalid', {
      INVALID_OBJECT_IDS: [`${label}=${id} is not valid`],
    });
  }
  return id;
}
