import { ADVICE } from '../hubspot/errors.js';

/** HubSpot's advice, with the tool that carries it out named: what an agent should call next. */
const NAMED: Array<[string, string]> = [
  [ADVICE.invalidType, 'pick a type from list_association_labels for this object pair'],
  [ADVICE.labelInUse, 'remove the label from its associations first (remove_associations with that label)'],
  [ADVICE.limitReached, 'remove some associations, or raise the limit with set_association_limit'],
  [
    ADVICE.invalidIds,
    'check that each record id exists and belongs to its object type (find_records finds ids)',
  ],
  [ADVICE.notFound, 'Check the object type and record ids (find_records finds ids)'],
  [ADVICE.customObjects, "a custom object's id like '2-123' (list_object_types lists them)"],
];

/** Names our tools in the advice HubSpot's errors carry (the client and domain know no tools). */
export function nameTools(text: string): string {
  let out = text;
  for (const [plain, named] of NAMED) if (out.includes(plain)) out = out.split(plain).join(named);
  return out;
}
