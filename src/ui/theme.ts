import { type App, applyDocumentTheme, applyHostStyleVariables } from '@modelcontextprotocol/ext-apps';

type HostContext = ReturnType<App['getHostContext']>;

/**
 * The host's theme and CSS variables (style.css falls back to its own light or dark colours for
 * any variable the host leaves out). Host fonts are not loaded: they would be a network request.
 */
export function applyHostContext(context: HostContext): void {
  if (!context) return;
  if (context.theme) applyDocumentTheme(context.theme);
  if (context.styles?.variables) applyHostStyleVariables(context.styles.variables);
}
