import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { createLogger, type Logger } from '../../src/logger.js';

/** A one-tool server: enough to prove the transport carries MCP, independent of the HubSpot tools. */
export function createEchoServer(): McpServer {
  const server = new McpServer({ name: 'echo-test', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool(
    'echo',
    {
      description: 'Echo text back',
      inputSchema: { text: z.string() },
      outputSchema: { text: z.string(), sessionId: z.string().optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ text }, extra) => {
      const out = { text, ...(extra.sessionId ? { sessionId: extra.sessionId } : {}) };
      return { content: [{ type: 'text', text: JSON.stringify(out) }], structuredContent: out };
    },
  );
  return server;
}

/** Collects log lines instead of printing them. */
export function quietLogger(secrets: string[] = []): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', secrets, sink: (line) => lines.push(line) }), lines };
}
