// The test MCP Apps host (test/browser/host/page.ts) in Chromium, wired to a real SDK client: the
// view's tools/call requests reach the server through it. Records every call, host event, console
// error, CSP violation and network request. No test-runner imports (the bench and scripts use it).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { build } from 'esbuild';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { HostApi, StartOptions } from '../browser/host/api.js';

export const GRAPH_VIEW_URI = 'ui://hubspot-associations/association-graph.html';
const PAGE = fileURLToPath(new URL('../browser/host/page.ts', import.meta.url));

export interface ViewCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface HostEvent {
  kind: string;
  data: unknown;
}

/** The CSP a host builds from a resource's `_meta.ui.csp` (SEP-1865's default, widened by its domains). */
export function cspFor(csp: { connectDomains?: string[]; resourceDomains?: string[] } = {}): string {
  const connect = csp.connectDomains?.length ? csp.connectDomains.join(' ') : "'none'";
  const resources = (csp.resourceDomains ?? []).join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${resources}`.trim(),
    `style-src 'self' 'unsafe-inline' ${resources}`.trim(),
    `img-src 'self' data: ${resources}`.trim(),
    `media-src 'self' data: ${resources}`.trim(),
    `connect-src ${connect}`,
  ].join('; ');
}

/** The view as a host gets it: resources/read of the ui:// resource. */
export async function readView(client: Client) {
  const read = await client.readResource({ uri: GRAPH_VIEW_URI });
  const content = read.contents[0] as { text: string; mimeType: string; _meta?: { ui?: { csp?: object } } };
  return { html: content.text, mimeType: content.mimeType, csp: cspFor(content._meta?.ui?.csp) };
}

async function hostHtml(): Promise<string> {
  const result = await build({
    entryPoints: [PAGE],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  const js = (result.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>test host</title><style>body{margin:0}</style></head><body><script type="module">${js}</script></body></html>`;
}

// Reported from inside every frame, the view's sandboxed one included (init scripts run in all).
const REPORT_CSP = `document.addEventListener('securitypolicyviolation', (e) =>
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.lineNumber + ':' + e.columnNumber));`;

export interface AppHost {
  page: Page;
  /** The view's document (the host's iframe). */
  view: FrameLocator;
  calls: ViewCall[];
  events: HostEvent[];
  /** Console errors, page errors and CSP violations, in any frame. */
  problems: string[];
  /** Every URL the browser requested. */
  requests: string[];
  url: string;
  start(options: StartOptions): Promise<void>;
  /** Sends a tool result to the view; answers the epoch ms it was sent at. */
  sendToolResult(result: CallToolResult): Promise<number>;
  close(): Promise<void>;
}

/** Serves host.html on 127.0.0.1, opens it in a fresh browser context and wires it to `client`. */
export async function openAppHost(browser: Browser, client: Client): Promise<AppHost> {
  const html = await hostHtml();
  const server = createServer((req, res) => {
    if (req.url !== '/host.html') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/host.html`;
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport: { width: 760, height: 480 } });
    const calls: ViewCall[] = [];
    const events: HostEvent[] = [];
    const problems: string[] = [];
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    await context.addInitScript(REPORT_CSP);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.exposeFunction('hostCallTool', async (params: ViewCall) => {
      const call = { name: params.name, arguments: params.arguments ?? {} };
      calls.push(call);
      return client.callTool(call);
    });
    await page.exposeFunction('hostEvent', (kind: string, data: unknown) => {
      events.push({ kind, data });
    });
    await page.goto(url);
    const opened = context;
    return {
      page,
      view: page.frameLocator('iframe'),
      calls,
      events,
      problems,
      requests,
      url,
      start: (options) => page.evaluate((o) => (globalThis as unknown as HostApi).startApp(o), options),
      sendToolResult: (result) =>
        page.evaluate((r) => (globalThis as unknown as HostApi).sendToolResult(r), result as never),
      async close() {
        await opened.close();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  } catch (error) {
    await context?.close();
    server.close();
    throw error;
  }
}
