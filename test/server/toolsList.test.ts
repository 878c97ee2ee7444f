import { describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../src/tools/index.js';
import { DESIGN_TOOLS } from '../helpers/designTools.js';
import { connectInMemory, useSandboxServer } from '../helpers/mcp.js';

describe('tools/list', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false }, each: false });

  it('registers exactly the tools of the design, in registry order', async () => {
    const { tools } = await ctx.mcp.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(DESIGN_TOOLS);
    expect(TOOL_NAMES).toEqual(DESIGN_TOOLS);
  });

  it('gives every tool a description, input and output schema and all four annotations', async () => {
    const { tools } = await ctx.mcp.client.listTools();
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(20);
      expect(tool.outputSchema, tool.name).toBeDefined();
      const a = tool.annotations ?? {};
      for (const hint of ['readOnlyHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof a[hint], `${tool.name}.${hint}`).toBe('boolean');
      }
      if (!a.readOnlyHint) expect(typeof a.destructiveHint, `${tool.name}.destructiveHint`).toBe('boolean');
    }
  });

  // The answer is a prompt the agent pays for on every turn: at most 800 characters a tool on average.
  it('stays a lean prompt: under 800 characters per tool on average against a real portal', async () => {
    const production = await connectInMemory(ctx.sandbox, { sandbox: false });
    try {
      const listed = await production.client.listTools();
      expect(JSON.stringify(listed).length).toBeLessThan(800 * listed.tools.length);
      expect(JSON.stringify(listed)).not.toContain('sandbox');
    } finally {
      await production.close();
    }
  });

  // Descriptions and schemas are prompt text: any change shows up here as a reviewed diff.
  it('matches the reviewed snapshots (`npx vitest run test/server -u` rewrites them)', async () => {
    const { tools } = await ctx.mcp.client.listTools();
    for (const tool of tools) {
      await expect(
        `${JSON.stringify(tool, null, 2)}\n`,
        `${tool.name} changed: review it`,
      ).toMatchFileSnapshot(`../__toolsnaps__/${tool.name}.json`);
    }
  });
});
