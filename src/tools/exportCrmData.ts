import { relative } from 'node:path';
import { z } from 'zod';
import { confine, ExportError, exportCrmData as runExport } from '../domain/export/crmData.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { objectType } from './schemas.js';
import { defineTool } from './types.js';

const fileOut = z.object({ file: z.string(), rows: z.number(), complete: z.boolean() });

export const exportCrmData = defineTool({
  name: 'export_crm_data',
  title: 'Export CRM data to CSV',
  description:
    'Write {object}.csv and {from}_{to}.csv edge lists (fromId,toId,typeId,category,label) to the export directory.',
  inputSchema: {
    objectTypes: z.array(objectType).min(1).max(10),
    associations: z
      .array(z.object({ from: objectType, to: objectType }))
      .max(20)
      .optional(),
    properties: z
      .array(z.string().regex(/^[A-Za-z0-9_]+$/))
      .max(50)
      .optional(),
    maxRecords: z.number().int().min(1).optional().describe('Per object type'),
    directory: z.string().max(100).optional().describe('Subfolder'),
  },
  outputSchema: { directory: z.string(), files: z.array(fileOut), complete: z.boolean() },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  longRunning: true,
  async handler(deps, args, extra) {
    const objectTypes = args.objectTypes.map((t, i) => resolveObjectType(t, `objectTypes[${i}]`));
    const associations = (args.associations ?? []).map((a, i) => ({
      from: resolveObjectType(a.from, `associations[${i}].from`),
      to: resolveObjectType(a.to, `associations[${i}].to`),
    }));
    const plain = 'give a plain subfolder name such as "2024-q1"';
    // A NUL would reach the file system as an exception that names the absolute path.
    if (/\p{Cc}/u.test(args.directory ?? '')) {
      throw new InputError('directory', 'contains a control character (such as NUL)', plain);
    }
    let directory: string;
    try {
      directory = confine(deps.exportDir, args.directory);
    } catch {
      throw new InputError('directory', 'leaves the export directory', plain);
    }
    const token = extra._meta?.progressToken;
    let last = 0;
    const onProgress = ({ rows, file }: { rows: number; file: string }) => {
      if (token === undefined || Date.now() - last < 200) return;
      last = Date.now();
      void extra
        .sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: rows, message: `${rows} rows (${file})` },
        })
        .catch(() => {});
    };
    try {
      const summary = await runExport(deps.hubspot, {
        objectTypes,
        associations,
        properties: args.properties,
        maxRecords: args.maxRecords,
        directory,
        root: deps.exportDir,
        onProgress,
      });
      const rows = summary.files.reduce((n, f) => n + f.rows, 0);
      return {
        data: summary,
        summary: `Exported ${rows} rows to ${summary.files.length} files in ${summary.directory}: ${summary.files.map((f) => `${f.file} (${f.rows})`).join(', ')}.`,
      };
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      if (error.unexpected) deps.logger.error('export_crm_data crashed', { error: error.cause });
      // The client sees the folder relative to the export root, never where that root is.
      const shown = { ...error.summary, directory: relative(deps.exportDir, directory) || '.' };
      return { data: shown, summary: error.message, isError: true };
    }
  },
});
