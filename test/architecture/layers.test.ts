import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDeps, findCycles } from '../../scripts/check-deps.js';

/** The layer rules of ARCHITECTURE.md, as the folders' DEPS.list files state them. */
describe('layers (scripts/check-deps.ts, run by npm run lint)', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'hsmcp-layers-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(fixture, path, '..'), { recursive: true });
    writeFileSync(join(fixture, path), text);
  };

  it('the source tree and the sandbox package have no forbidden import', () => {
    expect(checkDeps(['src', 'packages/hubspot-sandbox/src'])).toEqual([]);
  });

  it('a forbidden import is reported with the folder reason; allowed ones and own files are not', () => {
    write('src/domain/DEPS.list', '# The domain knows no tools.\n[*]\n../hubspot/\nnode:*\n');
    write('src/hubspot/DEPS.list', '# The client knows no domain.\n[*]\nundici\n');
    write('src/tools/DEPS.list', '# Tools call the domain.\n[*]\n../domain/\n');
    write('src/hubspot/client.ts', "import { request } from 'undici';\nexport const c = request;\n");
    write('src/tools/tool.ts', 'export const t = 1;\n');
    write(
      'src/domain/rules.ts',
      [
        "import { readFile } from 'node:fs/promises';",
        "import { c } from '../hubspot/client.js';",
        "import { helper } from './helper.js';",
        "import { t } from '../tools/tool.js';",
        "// import { x } from '../tools/commented.js';",
        "const lazy = () => import('zod');",
        'export { c, helper, lazy, readFile, t };',
      ].join('\n'),
    );
    write('src/domain/helper.ts', 'export const helper = 1;\n');
    const violations = checkDeps([join(fixture, 'src')]);
    expect(violations.map((v) => v.specifier)).toEqual(['../tools/tool.js', 'zod']);
    expect(violations[0]?.reason).toBe('The domain knows no tools.');
  });

  it('makes the lint step fail, naming the file, the import and the reason', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/check-deps.ts', join(fixture, 'src')], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /rules\.ts: import '\.\.\/tools\/tool\.js' is not allowed\. The domain knows no tools\./,
    );
  });

  it('the source tree and the sandbox package have no import cycle, type-only imports included', () => {
    expect(findCycles(['src', 'packages/hubspot-sandbox/src'])).toEqual([]);
  });

  it('finds a cycle through a type-only import and a re-export, and the lint step fails on it', () => {
    const root = join(fixture, 'cycle');
    write('cycle/DEPS.list', '# Anything.\n[*]\n');
    write('cycle/a.ts', "import type { B } from './b.js';\nexport type A = B;\n");
    write('cycle/b.ts', "export * from './c.js';\nexport type B = 1;\n");
    write(
      'cycle/c.ts',
      "import { a } from './d.js';\nimport type { A } from './a.js';\nexport const c: A = a;\n",
    );
    write('cycle/d.ts', 'export const a = 1;\n');
    const cycles = findCycles([root]).map((c) => c.map((f) => f.slice(root.length + 1)));
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    const run = spawnSync('npx', ['tsx', 'scripts/check-deps.ts', root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/import cycle: .*a\.ts → .*b\.ts → .*c\.ts/);
  });
});
