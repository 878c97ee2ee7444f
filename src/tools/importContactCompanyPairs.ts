import { z } from 'zod';
import { runPairImport } from '../domain/import/run.js';
import { stored } from '../domain/journal/changes.js';
import { COMPANIES, CONTACTS } from '../domain/records/findOrCreate.js';
import { cancelledNote, runImportTool } from './importCall.js';
import { dryRun, label } from './schemas.js';
import { defineTool } from './types.js';

const props = z.record(z.string(), z.string()).optional();
const status = z.enum(['created', 'found', 'new']);

export const rowOut = z.object({
  row: z.number(),
  email: z.string(),
  company: z.string(),
  contactId: z.string().optional(),
  contact: status.optional(),
  companyId: z.string().optional(),
  companyStatus: status.optional(),
  linked: z.enum(['associated', 'unchanged']).optional(),
  error: z.string().optional(),
  fix: z.string().optional(),
});

export const importContactCompanyPairs = defineTool({
  name: 'import_contact_company_pairs',
  title: 'Import contact + company pairs',
  description:
    'Spreadsheet scale create_contact_company_pair: finds or creates and links every row in batch requests. Safe to re-run.',
  inputSchema: {
    rows: z
      .array(
        z.object({
          contact: z.object({
            email: z.string().max(254),
            firstname: z.string().max(200).optional(),
            lastname: z.string().max(200).optional(),
            properties: props,
          }),
          company: z.object({
            name: z.string().max(200),
            domain: z.string().max(253).optional(),
            properties: props,
          }),
          label: z.string().max(100).optional(),
        }),
      )
      .min(1)
      .max(10_000)
      .optional(),
    file: z
      .string()
      .max(200)
      .optional()
      .describe(
        'CSV in the import dir: email,firstname,lastname,company_name,company_domain,label,contact.X,company.X',
      ),
    label: label.describe('Default for rows without one'),
    dryRun,
  },
  outputSchema: {
    dryRun: z.boolean(),
    rows: z.number(),
    counts: z.record(z.string(), z.number()),
    failures: z.array(rowOut),
    results: z.array(rowOut).optional(),
    report: z.string().optional(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  longRunning: true,
  async handler(deps, args, extra) {
    const { summary, report, change } = await runImportTool(
      deps,
      args,
      extra,
      'rows',
      (source, options) => runPairImport(deps, source, { ...options, label: args.label }),
      (journal) => journal.records(stored(CONTACTS), stored(COMPANIES)),
    );
    const c = summary.counts;
    const n = (k: string) => c[k] ?? 0;
    const what = args.dryRun
      ? `Dry run: ${n('contactsFound')} contacts found, ${n('contactsNew')} to create; ${n('companiesFound')} companies found, ${n('companiesNew')} to create; nothing written`
      : `${n('contactsCreated')} contacts created, ${n('contactsFound')} found; ${n('companiesCreated')} companies created, ${n('companiesFound')} found; ${n('associated')} pairs linked, ${n('unchanged')} unchanged`;
    return {
      data: {
        dryRun: args.dryRun === true,
        rows: summary.rows,
        counts: c,
        failures: summary.failures,
        ...(summary.results ? { results: summary.results } : {}),
        ...(report ? { report } : {}),
      },
      summary: `${summary.rows} rows: ${what}; ${n('failed')} failed${cancelledNote(c)}${report ? ` (every row in ${report})` : ''}.`,
      isError: summary.rows > 0 && n('failed') === summary.rows,
      change,
    };
  },
});
