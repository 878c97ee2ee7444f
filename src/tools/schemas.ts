import { z } from 'zod';

/** Shared input fields: every field says what HubSpot expects, in as few words as will do. */
export const objectType = z
  .string()
  .min(1)
  .max(64)
  .describe("Object type name or id, e.g. 'contacts', 'company', '0-1', '2-123'");

export const recordId = z
  .string()
  .regex(/^\d{1,20}$/, 'a decimal record id such as "12345"')
  .describe('Record id');

export const label = z
  .string()
  .min(1)
  .max(100)
  .optional()
  .describe('Label text, internal name or typeId (see list_association_labels)');

export const associationTypeId = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('Association typeId instead of label');

export const pairs = (max: number) =>
  z
    .array(z.object({ fromId: recordId, toId: recordId }))
    .min(1)
    .max(max)
    .describe(`Record id pairs (1..${max})`);

export const dryRun = z.boolean().optional().describe('Return the plan without writing');

export const category = z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED', 'WORK']);

export const associationTypeOut = z.object({
  typeId: z.number(),
  category,
  label: z.string().nullable(),
});
