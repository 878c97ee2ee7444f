/**
 * The MCP App in a real browser: Debian's Chromium (started here, stopped by its pid) shows the
 * view from resources/read in the test host (ext-apps' AppBridge, test/browser/host/page.ts), and
 * the view's tool calls reach a real server over an SDK client, against the sandbox over HTTP.
 * Every test also checks: no console error, no CSP violation, no request but the host page.
 * The view is dist/ui/association-graph.html: `npm run build` first (npm test does).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphResult } from '../../src/domain/graph/types.js';
import { type AppHost, openAppHost, readView } from '../helpers/appHost.js';
import { type StartedChromium, startChromium } from '../helpers/chromium.js';
import { connectInMemory, useSandboxServer } from '../helpers/mcp.js';

const visible = (l: Locator) => l.waitFor({ state: 'visible' });
const hidden = (l: Locator) => l.waitFor({ state: 'hidden' });
const hasText = (l: Locator, text: string | RegExp) =>
  typeof text === 'string'
    ? expect.poll(() => l.textContent()).toBe(text)
    : expect.poll(async () => (await l.textContent()) ?? '').toMatch(text);
const focused = (l: Locator) => l.evaluate((e) => e === e.ownerDocument.activeElement);
const css = (l: Locator, property: string) =>
  l.evaluate((e, p) => e.ownerDocument.defaultView?.getComputedStyle(e).getPropertyValue(p) ?? '', property);

describe('the association graph view in Chromium', () => {
  let chrome: StartedChromium;
  beforeAll(async () => {
    chrome = await startChromium();
  }, 60_000);
  afterAll(async () => {
    await chrome?.close();
  });

  const ctx = useSandboxServer();
  let host: AppHost | undefined;
  let acme: string;
  beforeEach(() => {
    acme = ctx.sandbox.portal.findObjects('companies', (o) => o.properties.name === 'Acme Labs')[0]!.id;
  });
  afterEach(async () => {
    const opened = host;
    host = undefined;
    if (!opened) return;
    await opened.close();
    expect(opened.problems).toEqual([]);
    expect(opened.requests).toEqual([opened.url]);
  });

  const contactsOf = (company: string) =>
    ctx.sandbox.portal.associations('companies', company, 'contacts').map((a) => a.toObjectId);
  const idOf = (name: string) =>
    ctx.sandbox.portal.findObjects(
      'contacts',
      (o) => `${o.properties.firstname} ${o.properties.lastname}` === name,
    )[0]!.id;

  /** Calls the tool as the model would, then hands the view its input and result, as a host does. */
  async function show(
    args: Record<string, unknown>,
    options: { client?: Client; hostContext?: Record<string, unknown>; strip?: boolean } = {},
  ) {
    const client = options.client ?? ctx.mcp.client;
    const opened = await openAppHost(chrome.browser, client);
    host = opened;
    const { html, csp } = await readView(client);
    const result = (await client.callTool({
      name: 'show_association_graph',
      arguments: args,
    })) as CallToolResult;
    await opened.start({
      html,
      csp,
      hostContext: options.hostContext ?? { theme: 'light' },
      toolInput: args,
    });
    const { structuredContent, ...withoutStructured } = result;
    await opened.sendToolResult(options.strip ? withoutStructured : result);
    await opened.view.locator('[data-record-id]').first().waitFor();
    return { host: opened, data: structuredContent as unknown as GraphResult };
  }

  const record = (h: AppHost, type: string, id: string) =>
    h.view.locator(`[data-object-type="${type}"][data-record-id="${id}"]`);
  const region = (h: AppHost) => h.view.getByRole('region', { name: 'Record' });

  it('completes the handshake and draws one record element per record of structuredContent', async () => {
    const { host: h, data } = await show({ objectType: 'companies', id: acme });
    expect(h.events.find((e) => e.kind === 'initialized')?.data).toMatchObject({
      name: 'hubspot-association-graph',
    });
    const edges = data.groups.flatMap((g) => g.edges.map((e) => ({ ...e, objectType: g.objectType })));
    expect(edges.length).toBeGreaterThan(5);
    await expect.poll(() => h.view.locator('[data-record-id]').count()).toBe(1 + edges.length);
    // Each record: its type, its id, an accessible name that begins with its display name.
    expect(await record(h, 'companies', acme).getAttribute('aria-label')).toMatch(/^Acme Labs \(/);
    for (const edge of edges) {
      const label = await record(h, edge.objectType, edge.id).getAttribute('aria-label');
      expect(label?.startsWith(`${edge.name} (`), `${edge.name}: ${label}`).toBe(true);
    }
    // Labelled links solid, unlabelled ones dashed.
    const labelled = edges.filter((e) => e.labels.length > 0).length;
    expect(await h.view.locator('line.edge.labelled').count()).toBe(labelled);
    expect(await h.view.locator('line.edge.unlabelled').count()).toBe(edges.length - labelled);
    const dash = (kind: string) => css(h.view.locator(`line.edge.${kind}`).first(), 'stroke-dasharray');
    expect(await dash('labelled')).toBe('none');
    expect(await dash('unlabelled')).not.toBe('none');
    expect(h.events.some((e) => e.kind === 'size-changed')).toBe(true);
  });

  it('shows "+N more" where a type was cut at limitPerType', async () => {
    const { host: h, data } = await show({
      objectType: 'companies',
      id: acme,
      toObjectTypes: ['contacts'],
      limitPerType: 2,
    });
    const [contacts] = data.groups;
    expect(contacts).toMatchObject({ truncated: true });
    await hasText(h.view.locator('.more text'), `+${contacts!.total - 2} more`);
    expect(await h.view.locator('[data-record-id]').count()).toBe(3);
  });

  it('Expand calls show_association_graph for that record and merges what it adds', async () => {
    const { host: h } = await show({ objectType: 'companies', id: acme });
    const ada = idOf('Ada Lovelace');
    const before = await h.view.locator('[data-record-id]').count();
    await record(h, 'contacts', ada).click();
    await region(h).getByRole('button', { name: 'Expand' }).click();
    await hasText(region(h).getByRole('status'), /records? added/);
    expect(h.calls).toEqual([
      { name: 'show_association_graph', arguments: { objectType: 'contacts', id: ada } },
    ]);
    // Ada's graph adds the records not drawn yet (Acme Labs and the shared deal and ticket are).
    const hers = (
      await ctx.mcp.client.callTool({
        name: 'show_association_graph',
        arguments: { objectType: 'contacts', id: ada },
      })
    ).structuredContent as unknown as GraphResult;
    const drawn = new Set(
      await h.view
        .locator('[data-record-id]')
        .evaluateAll((els) => els.map((e) => `${e.dataset.objectType}:${e.dataset.recordId}`)),
    );
    for (const g of hers.groups)
      for (const e of g.edges) expect(drawn.has(`${g.objectType}:${e.id}`)).toBe(true);
    expect(drawn.size).toBeGreaterThan(before);
    await hidden(region(h).getByRole('button', { name: 'Expand' }));
  });

  it('Unlink asks, Confirm calls remove_associations (the portal loses the link), Undo calls undo_change (back)', async () => {
    const { host: h } = await show({ objectType: 'companies', id: acme });
    const edsger = idOf('Edsger Hopper');
    expect(contactsOf(acme)).toContain(edsger);
    await record(h, 'contacts', edsger).click();
    await region(h).getByRole('button', { name: 'Unlink' }).click();
    await region(h).getByRole('button', { name: 'Cancel' }).click();
    expect(h.calls).toEqual([]);
    await region(h).getByRole('button', { name: 'Unlink' }).click();
    await region(h).getByRole('button', { name: 'Confirm' }).click();
    await hasText(region(h).getByRole('status'), 'Unlinked from Acme Labs.');
    expect(h.calls).toEqual([
      {
        name: 'remove_associations',
        arguments: {
          fromObjectType: 'companies',
          toObjectType: 'contacts',
          pairs: [{ fromId: acme, toId: edsger }],
        },
      },
    ]);
    expect(contactsOf(acme)).not.toContain(edsger);
    const told = h.events.filter((e) => e.kind === 'update-model-context');
    expect(JSON.stringify(told[0]?.data)).toMatch(
      /removed every association between companies .* and contacts .*change /,
    );

    await region(h).getByRole('button', { name: 'Undo' }).click();
    await hasText(region(h).getByRole('status'), 'Link restored.');
    const changeId = h.calls[1]?.arguments.changeId;
    expect(h.calls[1]).toEqual({ name: 'undo_change', arguments: { changeId } });
    expect(String(changeId)).toMatch(/\S/);
    expect(contactsOf(acme)).toContain(edsger);
    expect(JSON.stringify(h.events.filter((e) => e.kind === 'update-model-context')[1]?.data)).toMatch(
      new RegExp(`undid change ${changeId}`),
    );
  });

  it('offers only the actions of enabled tools (--read-only: Expand, no Unlink)', async () => {
    const readOnly = await connectInMemory(ctx.sandbox, { readOnly: true });
    try {
      const { host: h } = await show({ objectType: 'companies', id: acme }, { client: readOnly.client });
      await record(h, 'contacts', idOf('Edsger Hopper')).click();
      await visible(region(h).getByRole('button', { name: 'Expand' }));
      // Not shown: out of the accessibility tree, so no button by that name.
      expect(await region(h).getByRole('button', { name: 'Unlink' }).count()).toBe(0);
      await h.close();
      host = undefined;
      expect(h.problems).toEqual([]);
    } finally {
      await readOnly.close();
    }
  });

  it('is reachable by keyboard: records are focusable, Enter opens the Record region, Escape closes it', async () => {
    const { host: h } = await show({ objectType: 'companies', id: acme });
    const tabbable = await h.view
      .locator('[data-record-id]')
      .evaluateAll((els) => els.every((e) => e.getAttribute('tabindex') === '0'));
    expect(tabbable).toBe(true);
    const ada = record(h, 'contacts', idOf('Ada Lovelace'));
    await ada.focus();
    await ada.press('Enter');
    await visible(region(h));
    expect(await focused(region(h).getByRole('button', { name: 'Expand' }))).toBe(true);
    await h.page.keyboard.press('Escape');
    await hidden(region(h));
    expect(await focused(ada)).toBe(true);
  });

  it("follows the host's theme: dark gives a dark view, host variables win over the fallbacks", async () => {
    const background = (h: AppHost) => css(h.view.locator('body'), 'background-color');
    const luminance = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    const dark = await show({ objectType: 'companies', id: acme }, { hostContext: { theme: 'dark' } });
    expect(luminance(await background(dark.host))).toBeLessThan(0.2);
    const text = await css(dark.host.view.locator('h1'), 'color');
    expect(luminance(text)).toBeGreaterThan(0.7);
    await dark.host.close();
    host = undefined;
    expect(dark.host.problems).toEqual([]);

    const light = await show({ objectType: 'companies', id: acme }, { hostContext: { theme: 'light' } });
    expect(luminance(await background(light.host))).toBeGreaterThan(0.9);
    await light.host.close();
    host = undefined;

    const styled = await show(
      { objectType: 'companies', id: acme },
      {
        hostContext: {
          theme: 'dark',
          styles: { variables: { '--color-background-primary': 'rgb(10, 20, 30)' } },
        },
      },
    );
    expect(await background(styled.host)).toBe('rgb(10, 20, 30)');
    expect(await styled.host.view.locator('body').evaluate((b) => b.getBoundingClientRect().height)).toBe(
      480,
    );
  });

  it('still draws the graph when the host sends no structuredContent (from the JSON text)', async () => {
    const { host: h, data } = await show({ objectType: 'companies', id: acme }, { strip: true });
    const records = 1 + data.groups.reduce((n, g) => n + g.edges.length, 0);
    await expect.poll(() => h.view.locator('[data-record-id]').count()).toBe(records);
    await hasText(h.view.locator('h1'), 'Acme Labs');
  });
});
