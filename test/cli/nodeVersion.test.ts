import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNodeVersion, REQUIRED_NODE } from '../../src/config/nodeVersion.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const bundle = (name: string) => readFileSync(new URL(`../../dist/${name}`, import.meta.url), 'utf8');

describe('Node version check', () => {
  it('the embedded minimum is the package.json engines minimum', () => {
    expect(pkg.engines.node).toBe(`>=${REQUIRED_NODE}`);
  });

  it.each([
    '20.18.1',
    '20.18.2',
    '20.19.0',
    '22.0.0',
    '24.11.1',
    'v20.18.1',
    '21.0.0-pre',
    process.versions.node,
  ])('accepts %s', (current) => {
    expect(checkNodeVersion(current, '20.18.1')).toBeUndefined();
  });

  it.each(['20.18.0', '20.17.9', '18.20.4', '16.0.0', 'v20.9.0', '20.18.0-nightly2024'])(
    'refuses %s with one line naming both versions',
    (current) => {
      const message = checkNodeVersion(current, '20.18.1');
      expect(message).toBeDefined();
      expect(message).not.toContain('\n');
      expect(message).toContain('20.18.1');
      expect(message).toContain(current.replace(/^v/, ''));
    },
  );

  it('runs before anything else in the built CLI: cli.js statically loads only import-free helper chunks', () => {
    // `npm test` builds first; run `npm run build` before vitest alone.
    const cli = bundle('cli.js');
    const staticImports = [...cli.matchAll(/^import\s+(?:[^'"]*?from\s+)?["']([^"']+)["']/gm)].map(
      (m) => m[1]!,
    );
    const local = staticImports.filter((source) => source.startsWith('./'));
    for (const chunk of local) {
      const text = bundle(chunk.slice(2));
      const nested = [...text.matchAll(/^import\s+(?:[^'"]*?from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]);
      expect(
        nested.filter((s) => s !== 'node:module'),
        chunk,
      ).toEqual([]);
    }
    expect(staticImports.filter((s) => !s.startsWith('./'))).toEqual(['node:module']);
    expect(cli.indexOf('checkNodeVersion(process.versions.node')).toBeLessThan(cli.indexOf('import('));
  });
});
