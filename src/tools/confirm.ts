import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RELATED_TASK_META_KEY } from '@modelcontextprotocol/sdk/types.js';
import { InputError } from '../hubspot/errors.js';
import type { Ask, ToolDeps, ToolExtra } from './types.js';

/**
 * Asks through MCP elicitation, on the stream of the request that needs the answer; for a task
 * (`taskId`), whose request was answered at once, on the session's stream, related to the task.
 */
export function askerFor(server: McpServer, extra: ToolExtra, taskId?: string): Ask | undefined {
  if (!server.server.getClientCapabilities()?.elicitation) return undefined;
  return async (message) => {
    const answer = await server.server.elicitInput(
      {
        ...(taskId ? { _meta: { [RELATED_TASK_META_KEY]: { taskId } } } : {}),
        message,
        requestedSchema: {
          type: 'object',
          properties: { confirm: { type: 'boolean', title: 'Go ahead', description: message.slice(0, 200) } },
          required: ['confirm'],
        },
      },
      // The SDK's `relatedTask` option would queue it for tasks/result, which a polling host never reads.
      taskId ? {} : { relatedRequestId: extra.requestId },
    );
    return answer.action === 'accept' && answer.content?.confirm === true ? 'accept' : 'decline';
  };
}

/**
 * Large destructive work needs a person's yes: asked through elicitation when the client can,
 * else refused with the way to confirm (review the dry run, then `confirm: true`). Nothing is
 * written before the answer.
 */
export async function confirmLarge(
  deps: Pick<ToolDeps, 'confirmThreshold' | 'ask'>,
  count: number,
  what: string,
  confirmed: boolean | undefined,
): Promise<void> {
  if (confirmed === true || count <= deps.confirmThreshold) return;
  const message = `This will ${what} (${count}, above the ${deps.confirmThreshold} that needs a confirmation).`;
  if (deps.ask) {
    if ((await deps.ask(`${message} Go ahead?`)) === 'accept') return;
    throw new InputError('confirm', `the user declined: ${message}`, 'nothing was changed');
  }
  throw new InputError(
    'confirm',
    `needs a confirmation: ${message}`,
    'run it with dryRun: true, show the plan to the user, then call again with confirm: true',
  );
}
