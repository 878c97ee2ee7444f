/**
 * The package stands alone: no file in it imports from outside it (the server's src/ above all),
 * and its source needs nothing but Node. A client's mistake must not be reproduced by its double.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist']);
const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Module specifiers of static and dynamic imports, re-exports and require() calls. */
const SPECIFIER =
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]/g;

function specifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return codeFiles(path);
    return CODE.test(entry.name) ? [path] : [];
  });
}

/** Why a specifier in `file` leaves the package, or undefined when it stays inside. */
function leaves(file: string, specifier: string, allowBare: (name: string) => boolean): string | undefined {
  if (specifier.startsWith('.') || isAbsolute(specifier) || specifier.startsWith('file:')) {
    const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier;
    const inside = relative(ROOT, resolve(dirname(file), path));
    return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)
      ? `resolves outside the package (${inside})`
      : undefined;
  }
  if (specifier.startsWith('node:') || allowBare(specifier)) return undefined;
  return `imports package '${specifier}'`;
}

const files = codeFiles(ROOT);
const isTest = (file: string) => relative(ROOT, file).startsWith(`test${sep}`);
/** Source may use Node only; the package's own tests may also use their runner. */
const allowBare = (file: string) => (name: string) => isTest(file) && name === 'vitest';

describe('hubspot-sandbox package boundary', () => {
  it('finds the source and its imports', () => {
    expect(files.some((f) => f.endsWith(`${sep}src${sep}index.ts`))).toBe(true);
    const count = files.reduce((n, f) => n + specifiers(readFileSync(f, 'utf8')).length, 0);
    expect(count).toBeGreaterThan(100);
  });

  it('has no import leaving the package and no third-party dependency', () => {
    const escapes = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8')).flatMap((spec) => {
        const why = leaves(file, spec, allowBare(file));
        return why ? [`${relative(ROOT, file)}: '${spec}' ${why}`] : [];
      }),
    );
    expect(escapes).toEqual([]);
  });

  it('would catch an import of the server or of a dependency', () => {
    const file = join(ROOT, 'src', 'routes', 'objects.ts');
    // Quoted through `q` so the scan of this very file does not find these lines.
    const q = "'";
    const text = [
      `import type { ObjectType } from ${q}../../../../src/hubspot/objectTypes.js${q};`,
      `import catalogue from ${q}../../../../src/data/association-types.json${q} with { type: 'json' };`,
      `export { x } from ${q}../../../../src/x.js${q};`,
      `const m = await import(${q}../../../../src/app.js${q});`,
      `import ${q}undici${q};`,
      `import { z } from ${q}zod${q};`,
    ].join('\n');
    const found = specifiers(text);
    expect(found).toHaveLength(6);
    expect(found.every((spec) => leaves(file, spec, () => false) !== undefined)).toBe(true);
    expect(leaves(file, '../objectTypes.js', () => false)).toBeUndefined();
    expect(leaves(file, '../data/association-types.json', () => false)).toBeUndefined();
  });
});
