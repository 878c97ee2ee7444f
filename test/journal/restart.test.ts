import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../helpers/mcp.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** The journal outlives the process: a new server on the same state directory lists and undoes. */
describe('the change journal survives a restart (built server, HUBSPOT_STATE_DIR)', () => {
  let state: string;
  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'hsmcp-state-'));
  });
  afterAll(() => rm(state, { recursive: true, force: true }));

  it('records in one process, undoes in the next', async () => {
    const sandbox = await startSandbox({ seed: false });
    const env = (): Record<string, string> => {
      const base: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env))
        if (v !== undefined && !/^(HUBSPOT_|MCP_)/.test(k)) base[k] = v;
      return {
        ...base,
        HUBSPOT_API_BASE_URL: sandbox.url,
        HUBSPOT_ACCESS_TOKEN: sandbox.token,
        HUBSPOT_STATE_DIR: state,
        LOG_LEVEL: 'error',
      };
    };
    const session = async () => {
      const client = new Client({ name: 'restart-test', version: '1.0.0' });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI], env: env() }));
      return client;
    };
    try {
      const contact = sandbox.portal.createObject('contacts', { email: 'r@example.com' }).id;
      const company = sandbox.portal.createObject('companies', { name: 'Restart' }).id;
      const first = await session();
      const linked = await callTool(first, 'associate_records', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs: [{ fromId: contact, toId: company }],
      });
      expect(linked.data.changeId).toMatch(/^chg_/);
      await first.close();

      const second = await session();
      const listed = await callTool(second, 'list_changes', {});
      expect(listed.data.changes[0]).toMatchObject({
        changeId: linked.data.changeId,
        tool: 'associate_records',
        client: 'restart-test',
        undoable: true,
      });
      const undone = await callTool(second, 'undo_change', { changeId: linked.data.changeId });
      expect(undone.data.counts).toEqual({ restored: 1 });
      expect(sandbox.portal.associations('contacts', contact, 'companies')).toEqual([]);

      // The same journal from a shell: `changes`, then `undo` (dry run first) of the undo.
      // Asynchronously: the sandbox answering the CLI lives in this process.
      const run = (...args: string[]) =>
        new Promise<{ status: number; stdout: string; stderr: string }>((done) =>
          execFile(process.execPath, [CLI, ...args], { env: env() }, (error, stdout, stderr) =>
            done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
          ),
        );
      const changes = await run('changes');
      expect(changes.status).toBe(0);
      const lines = changes.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines[0]).toMatchObject({
        changeId: undone.data.undoChangeId,
        tool: 'undo_change',
        undoable: true,
      });
      const dry = await run('undo', undone.data.undoChangeId, '--dry-run');
      expect(dry.status, dry.stderr).toBe(0);
      expect(sandbox.portal.associations('contacts', contact, 'companies')).toEqual([]);
      const redo = await run('undo', undone.data.undoChangeId);
      expect(redo.status, redo.stderr).toBe(0);
      expect(JSON.parse(redo.stdout).items).toEqual([{ item: `${contact}>${company}`, status: 'restored' }]);
      expect(sandbox.portal.associations('contacts', contact, 'companies')).toHaveLength(1);
      expect((await run('undo', 'nonsense')).status).toBe(2);
      await second.close();
    } finally {
      await sandbox.close();
    }
  });
});
