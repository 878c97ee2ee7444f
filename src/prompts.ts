import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** A guided flow for the most common setup job: labels (and limits) for one relationship. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'setup_association_labels',
    {
      title: 'Set up association labels',
      description:
        'Plan and create association labels (and optional limits) for a use case, e.g. Manager/Employee.',
      argsSchema: {
        useCase: z
          .string()
          .describe('What the relationship means, e.g. "contacts who manage other contacts"'),
        fromObjectType: z.string().describe("e.g. 'contacts'"),
        toObjectType: z.string().describe("e.g. 'companies'"),
      },
    },
    ({ useCase, fromObjectType, toObjectType }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: [
              `Set up HubSpot association labels for ${fromObjectType} → ${toObjectType}: ${useCase}.`,
              `1. Call list_association_labels for ${fromObjectType}/${toObjectType} and reuse any label that already fits.`,
              '2. Propose the missing labels (a paired label needs an inverse, e.g. Manager/Employee); at most 10 custom labels per pair.',
              '3. After I confirm, create them with create_association_label and report both typeIds.',
              '4. If a label should cap how many records it links, set it with set_association_limit.',
              '5. Try it with associate_records using dryRun: true before writing real associations.',
            ].join('\n'),
          },
        },
      ],
    }),
  );
}
