/**
 * A test MCP Apps host, bundled into host.html by test/helpers/appHost.ts: the view in a
 * `sandbox="allow-scripts"` srcdoc iframe under the CSP its resource declares, spoken to by
 * ext-apps' AppBridge. Tool calls and model-context updates go to Node through functions the test
 * exposes (hostCallTool, hostEvent), where a real SDK client calls the server.
 */
import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';

import type { HostApi, HostBindings } from './api.js';

type CallToolResult = Awaited<ReturnType<NonNullable<AppBridge['oncalltool']>>>;
type HostContext = NonNullable<ConstructorParameters<typeof AppBridge>[3]>['hostContext'];
type ToolResult = Parameters<AppBridge['sendToolResult']>[0];

const host = window as unknown as Window & HostApi & HostBindings;
let bridge: AppBridge | undefined;

function withCsp(html: string, csp: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">`;
  return html.replace(/<head>/i, `<head>${meta}`);
}

host.startApp = async (options) => {
  document.querySelector('iframe')?.remove();
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.title = 'MCP App';
  iframe.style.cssText = 'width: 760px; height: 480px; border: 0; display: block';
  document.body.append(iframe);
  const view = iframe.contentWindow as Window;
  const current = new AppBridge(
    null,
    { name: 'test-host', version: '0.0.0' },
    { serverTools: {}, updateModelContext: { text: {} }, logging: {} },
    { hostContext: (options.hostContext ?? {}) as HostContext },
  );
  bridge = current;
  current.oncalltool = async (params) =>
    (await host.hostCallTool({ name: params.name, arguments: params.arguments })) as CallToolResult;
  current.onupdatemodelcontext = async (params) => {
    host.hostEvent('update-model-context', params);
    return {};
  };
  current.onloggingmessage = (params) => host.hostEvent('log', params);
  current.onsizechange = (params) => host.hostEvent('size-changed', params);
  const initialized = new Promise<void>((resolve) => {
    current.oninitialized = () => resolve();
  });
  // Connected before the document loads, so the view's ui/initialize is never missed.
  await current.connect(new PostMessageTransport(view, view));
  iframe.srcdoc = withCsp(options.html, options.csp);
  await initialized;
  host.hostEvent('initialized', current.getAppVersion() ?? null);
  if (options.toolInput) await current.sendToolInput({ arguments: options.toolInput });
};

host.sendToolResult = async (result) => {
  const at = performance.timeOrigin + performance.now();
  await bridge?.sendToolResult(result as ToolResult);
  return at;
};

host.setHostContext = (context) => bridge?.setHostContext(context as HostContext & object);
