/** Cold start to the tools/list answer, ours vs a one-tool SDK server; and the size of that answer. */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cleanEnv, median, round } from './util.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ONE_TOOL = fileURLToPath(new URL('./fixtures/oneToolServer.mjs', import.meta.url));

async function coldStart(args: string[]): Promise<{ ms: number; listChars: number; tools: number }> {
  const start = performance.now();
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args, stderr: 'ignore' }));
  const listed = await client.listTools();
  const ms = performance.now() - start;
  await client.close();
  return { ms, listChars: JSON.stringify(listed).length, tools: listed.tools.length };
}

export async function benchStartup(opts: { runs: number }) {
  const ours: number[] = [];
  const baseline: number[] = [];
  let listChars = 0;
  let tools = 0;
  let sandboxListChars = 0;
  for (let i = 0; i < opts.runs; i++) {
    baseline.push((await coldStart([ONE_TOOL])).ms);
    const run = await coldStart([CLI, '--sandbox']);
    ours.push(run.ms);
    sandboxListChars = run.listChars;
    tools = run.tools;
  }
  // The production listing (no sandbox): needs a token only to start; tools/list makes no HubSpot call.
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI],
      env: cleanEnv({ HUBSPOT_ACCESS_TOKEN: 'pat-na1-00000000-0000-0000-0000-000000000000' }),
      stderr: 'ignore',
    }),
  );
  listChars = JSON.stringify(await client.listTools()).length;
  await client.close();
  const oursMs = median(ours);
  const baselineMs = median(baseline);
  return {
    runs: opts.runs,
    coldStartToToolsListMs: round(oursMs, 1),
    oneToolSdkServerMs: round(baselineMs, 1),
    ratio: round(oursMs / baselineMs, 2),
    tools,
    toolsListChars: listChars,
    toolsListCharsSandbox: sandboxListChars,
  };
}
