import { startSandbox } from 'hubspot-sandbox';
import { type Connected, type ConnectOptions, connectInMemory } from './connect.js';
import { type SandboxContext, type UseSandboxOptions, useStarted } from './sandbox.js';

export {
  type CallOutcome,
  type Connected,
  type ConnectOptions,
  callTool,
  connectInMemory,
} from './connect.js';

/** `each`: a fresh sandbox and server for every test (default), or one pair for the describe block. */
export interface UseSandboxServerOptions extends UseSandboxOptions {
  connect?: ConnectOptions;
}

export interface SandboxServerContext extends Pick<SandboxContext, 'sandbox'> {
  readonly mcp: Connected;
}

/**
 * A sandbox and a server connected to it (connectInMemory), started before each test (or once)
 * and closed after; read them through the context.
 */
export function useSandboxServer(options: UseSandboxServerOptions = {}): SandboxServerContext {
  return useStarted(
    options.each,
    async () => {
      const sandbox = await startSandbox(options.sandbox);
      try {
        return { sandbox, mcp: await connectInMemory(sandbox, options.connect) };
      } catch (error) {
        await sandbox.close();
        throw error;
      }
    },
    async ({ sandbox, mcp }) => {
      await mcp.close();
      await sandbox.close();
    },
  );
}
