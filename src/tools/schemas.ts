import { z } from 'zod';

/**
 * Shared input fields, described in as few words as will do: tools/list is paid for on every turn.
 * Object types are explained once, in the server instructions, not on each of their ~24 fields.
 */
export const objectType = z.string().min(1).max(64);

export const recordId = z.string().regex(/^\d{1,20}$/, 'a decimal record id such as "12345"');

export const label = z.string().min(1).max(100).optional().describe('Text, internal name or typeId');

export const associationTypeId = z.number().int().positive().optional().describe('Instead of label');

export const pairs = (max: number) =>
  z
    .array(z.object({ fromId: recordId, toId: recordId }))
    .min(1)
    .max(max);

export const dryRun = z.boolean().optional().describe('Plan only, write nothing');
export const confirm = z.boolean().optional().describe('After reviewing a large dry run');

export const category = z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED', 'WORK']);

export const associationTypeOut = z.object({
  typeId: z.number(),
  category,
  label: z.string().nullable(),
});
