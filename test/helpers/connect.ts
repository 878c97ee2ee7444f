// In-memory MCP connections to a real server: no test-runner imports, so benchmarks use it too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { Sandbox } from 'hubspot-sandbox';
import type { JournalStore } from '../../src/domain/journal/store.js';
import type { LabelListOptions } from '../../src/domain/labels/lists.js';
import type { RecordFinderOptions } from '../../src/domain/records/finder.js';
import { createServices } from '../../src/domain/services.js';
import { createHubSpot, type HubSpotOptions } from '../../src/hubspot/index.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type ServerDeps } from '../../src/server.js';
import { selectTools } from '../../src/tools/index.js';
import { prepareToolset } from '../../src/tools/register.js';

export interface Connected {
  client: Client;
  /** Temporary export root, removed by close(). */
  exportDir: string;
  close(): Promise<void>;
}

export interface ConnectOptions extends Partial<Pick<ServerDeps, 'sandbox'>> {
  readOnly?: boolean;
  tools?: readonly string[];
  hubspot?: Partial<Omit<HubSpotOptions, 'baseUrl' | 'token'>>;
  /** Find-or-create timing (e.g. a short settle window against a sandbox with a search lag). */
  records?: RecordFinderOptions;
  /** The label cache's age bound and clock (a test moves its own). */
  labels?: LabelListOptions;
  /** Where the import tools read files (HUBSPOT_IMPORT_DIR); unset, they refuse `file`. */
  importDir?: string;
  /** A client that supports elicitation, answering each request with this. */
  elicit?: (message: string) => ElicitResult;
  confirmThreshold?: number;
  /** HUBSPOT_JOB_DETACH_S in ms (default 20 s). */
  jobDetachMs?: number;
  /** The change journal (default: a fresh one in memory), e.g. one shared by two servers in turn. */
  journal?: JournalStore;
}

/** A real server (createServer) against the sandbox over HTTP, spoken to by an SDK Client in memory. */
export async function connectInMemory(
  sandbox: Pick<Sandbox, 'url' | 'token'>,
  options: ConnectOptions = {},
): Promise<Connected> {
  const exportDir = await mkdtemp(join(tmpdir(), 'hsmcp-test-'));
  const hubspot = createHubSpot({ baseUrl: sandbox.url, token: sandbox.token, ...options.hubspot });
  const services = createServices(hubspot, {
    records: options.records,
    labels: options.labels,
    ...(options.journal ? { journal: options.journal } : {}),
  });
  const server = createServer({
    services,
    logger: createLogger({ level: 'error', secrets: [], sink: () => {} }),
    sandbox: options.sandbox ?? true,
    exportDir,
    importDir: options.importDir,
    toolset: prepareToolset(selectTools({ readOnly: options.readOnly, tools: options.tools })),
    ...(options.confirmThreshold ? { confirmThreshold: options.confirmThreshold } : {}),
    ...(options.jobDetachMs ? { jobDetachMs: options.jobDetachMs } : {}),
  });
  const client = new Client(
    { name: 'test-client', version: '0.0.0' },
    options.elicit ? { capabilities: { elicitation: {} } } : {},
  );
  const { elicit } = options;
  if (elicit) client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request.params.message));
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(clientTransport), server.server.connect(serverTransport)]);
  return {
    client,
    exportDir,
    async close() {
      await client.close();
      await server.close();
      await services.jobs.stopAll('the test is over'); // as app.close() does
      await hubspot.close();
      await rm(exportDir, { recursive: true, force: true });
    },
  };
}

export interface CallOutcome {
  isError: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: tests read structured content by field
  data: any;
  text: string;
}

/** Calls a tool and returns its structured content, error flag and text. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallOutcome> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as Array<{ type: string; text?: string }>;
  return {
    isError: result.isError === true,
    data: result.structuredContent,
    text: content.map((c) => c.text ?? '').join('\n'),
  };
}
