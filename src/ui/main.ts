import { App } from '@modelcontextprotocol/ext-apps';
import { applyHostContext } from './theme.js';
import { createView } from './view.js';

/**
 * The association graph, an MCP App (SEP-1865): the host renders this page in a sandboxed iframe,
 * sends show_association_graph's input and result, and relays the tools/call requests of Expand,
 * Unlink and Undo to the server. No network: everything it needs is in this file.
 */
const root = document.getElementById('app') as HTMLElement;
const app = new App({ name: 'hubspot-association-graph', version: '1.0.0' });
const view = createView(root, {
  callTool: (name, args) => app.callServerTool({ name, arguments: args }),
  async tellModel(text) {
    if (!app.getHostCapabilities()?.updateModelContext) return;
    await app.updateModelContext({ content: [{ type: 'text', text }] });
  },
});
app.ontoolinput = (params) => view.loading(params.arguments);
app.ontoolresult = (result) => view.result(result);
app.ontoolcancelled = () => view.cancelled();
app.onhostcontextchanged = (context) => applyHostContext(context);
app.onteardown = async () => ({});
try {
  await app.connect();
  applyHostContext(app.getHostContext());
} catch {
  root.textContent = 'This view runs inside an MCP host (it could not reach one).';
}
