/** What the test host page offers the test (and the bench and screenshot script), DOM-free. */
export interface StartOptions {
  html: string;
  /** The Content-Security-Policy the host applies to the view. */
  csp: string;
  /** ui/initialize's hostContext (theme, styles, …). */
  hostContext?: Record<string, unknown>;
  toolInput?: Record<string, unknown>;
}

/** Set on the host page's window by page.ts. */
export interface HostApi {
  startApp(options: StartOptions): Promise<void>;
  /** Sends the tool result; answers when it was sent (epoch ms, comparable across frames). */
  sendToolResult(result: unknown): Promise<number>;
  setHostContext(context: Record<string, unknown>): void;
}

/** Exposed to the page by the test (page.exposeFunction). */
export interface HostBindings {
  hostCallTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<unknown>;
  hostEvent(kind: string, data: unknown): void;
}
