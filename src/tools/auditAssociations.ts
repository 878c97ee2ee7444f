import { z } from 'zod';
import { confine } from '../domain/export/crmData.js';
import { runAudit } from '../domain/repair/audit.js';
import { CHECKS } from '../domain/repair/checks.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { progressNotifier } from './progress.js';
import { objectType } from './schemas.js';
import { defineTool } from './types.js';

const sample = z.object({
  id: z.string().optional(),
  ids: z.array(z.string()).optional(),
  domain: z.string().optional(),
  links: z.array(z.number()).optional(),
  typeId: z.number().optional(),
  count: z.number().optional(),
  max: z.number().optional(),
});

/** Where audit and repair files go in the export directory. */
export const REPAIR_DIR = 'repair';

export const auditAssociations = defineTool({
  name: 'audit_associations',
  title: 'Audit associations',
  description:
    "Find what is broken between two types: orphans, no or 2+ Primary, orphans' e-mail domains, companies sharing a domain, over-limit records. Counts, samples, CSV. Then repair_associations.",
  inputSchema: {
    fromObjectType: objectType,
    toObjectType: objectType,
    checks: z.array(z.enum(CHECKS)).optional().describe('Default: all'),
    maxRecords: z.number().int().min(1).optional(),
    sampleSize: z.number().int().min(1).max(100).optional().describe('Default 10'),
  },
  outputSchema: {
    checks: z.array(z.string()),
    scanned: z.number(),
    complete: z.boolean(),
    findings: z.record(z.string(), z.object({ count: z.number(), sample: z.array(sample) })),
    file: z.string(),
    requests: z.number(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  longRunning: true,
  async handler(deps, args, extra) {
    const from = resolveObjectType(args.fromObjectType, 'fromObjectType');
    const to = resolveObjectType(args.toObjectType, 'toObjectType');
    const notify = progressNotifier(extra);
    const report = await runAudit(deps, {
      from,
      to,
      ...(args.checks ? { checks: args.checks } : {}),
      ...(args.maxRecords ? { maxRecords: args.maxRecords } : {}),
      sampleSize: args.sampleSize ?? 10,
      directory: confine(deps.exportDir, REPAIR_DIR),
      signal: extra.signal,
      ...(notify ? { onProgress: (done: number, total: number) => notify(done, total) } : {}),
    });
    const found = Object.entries(report.findings)
      .map(([name, f]) => `${f.count} ${name}`)
      .join(', ');
    const file = `${REPAIR_DIR}/${report.file}`;
    const { from: _f, to: _t, notApplicable, ...data } = report;
    const skipped = notApplicable.length > 0 ? ` (${notApplicable.join(', ')}: not for this pair)` : '';
    return {
      data: { ...data, file },
      summary: `Audited ${report.scanned} ${from.name}→${to.name}${report.complete ? '' : ' (stopped at maxRecords)'} in ${report.requests} requests: ${found}${skipped}. Every item in ${file}.`,
    };
  },
});
