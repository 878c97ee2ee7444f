// Enforces the layers: each source folder's DEPS.list says what its files may import, and an
// import it does not allow fails `npm run lint` with the folder's reason (playwright-mcp's
// DEPS.list + check-deps, in a few lines of ours: the rules are the folders' own, not a config).
//
// DEPS.list: `#` lines are the reason, printed with a violation. Under `[*]` (every file of the
// folder and of subfolders without a list of their own) or `[name.ts]` (that file, in addition),
// each line allows one thing: a folder (`../hubspot/`), a file (`../logger.ts`), a package and its
// subpaths (`zod`, `@modelcontextprotocol/sdk`), or `node:*`. A folder's own files, and its
// subfolders without a DEPS.list of their own, are always allowed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

interface Rules {
  dir: string;
  reason: string;
  all: string[];
  files: Map<string, string[]>;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function parseRules(dir: string): Rules | undefined {
  const path = join(dir, 'DEPS.list');
  if (!existsSync(path)) return undefined;
  const rules: Rules = { dir, reason: '', all: [], files: new Map() };
  let section: string[] | undefined;
  const reason: string[] = [];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      reason.push(line.replace(/^#\s?/, ''));
      continue;
    }
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      const name = header[1] as string;
      if (name === '*') section = rules.all;
      else {
        section = rules.files.get(name) ?? [];
        rules.files.set(name, section);
      }
      continue;
    }
    if (!section) throw new Error(`${path}: "${line}" is outside a [*] or [file] section`);
    section.push(line);
  }
  rules.reason = reason.join(' ');
  return rules;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

/** Whether a folder below `top`, down to and including `dir`, has a DEPS.list of its own. */
function ownListBetween(top: string, dir: string): boolean {
  for (let d = dir; d !== top && inside(d, top); d = dirname(d)) {
    if (existsSync(join(d, 'DEPS.list'))) return true;
  }
  return false;
}

function allowed(specifier: string, file: string, rules: Rules): boolean {
  const entries = [...rules.all, ...(rules.files.get(relative(rules.dir, file)) ?? [])];
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
    if (inside(target, rules.dir) && !ownListBetween(rules.dir, dirname(target))) return true;
    return entries.some((entry) => {
      if (!entry.startsWith('.')) return false;
      const path = resolve(rules.dir, entry);
      return entry.endsWith('/') ? inside(target, path) : target === path;
    });
  }
  if (specifier.startsWith('node:')) return entries.includes('node:*') || entries.includes(specifier);
  return entries.some((entry) => specifier === entry || specifier.startsWith(`${entry}/`));
}

/** Every import under `roots` that its folder's DEPS.list does not allow. */
export function checkDeps(roots: string[]): Violation[] {
  const violations: Violation[] = [];
  for (const root of roots.map((r) => resolve(r))) {
    for (const file of sourceFiles(root)) {
      let dir = dirname(file);
      let rules = parseRules(dir);
      while (!rules && inside(dir, root) && dir !== root) {
        dir = dirname(dir);
        rules = parseRules(dir);
      }
      if (!rules) {
        violations.push({
          file,
          specifier: '(none)',
          reason: `no DEPS.list in ${relative(root, dirname(file)) || root} or above`,
        });
        continue;
      }
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const match of text.matchAll(IMPORT)) {
        const specifier = (match[1] ?? match[2]) as string;
        if (!allowed(specifier, file, rules)) violations.push({ file, specifier, reason: rules.reason });
      }
    }
  }
  return violations;
}

/** Relative imports of every source file under `roots`, resolved to files (type-only included). */
function importGraph(roots: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const root of roots.map((r) => resolve(r))) {
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const targets = [...text.matchAll(IMPORT)]
        .map((match) => (match[1] ?? match[2]) as string)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
      graph.set(file, targets);
    }
  }
  return graph;
}

/**
 * Every import cycle under `roots` (each a strongly connected component of the import graph,
 * Tarjan's algorithm), as its files sorted. A cycle makes the load order an accident and says two
 * files are one job split in two: shared types belong in a module of their own.
 */
export function findCycles(roots: string[]): string[][] {
  const graph = importGraph(roots);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const roots = args.length > 0 ? args : ['src', 'packages/hubspot-sandbox/src'];
  const violations = checkDeps(roots);
  for (const v of violations) {
    process.stderr.write(
      `${relative(process.cwd(), v.file)}: import '${v.specifier}' is not allowed. ${v.reason}\n`,
    );
  }
  if (violations.length > 0) {
    process.stderr.write(
      `check-deps: ${violations.length} forbidden import(s); see the DEPS.list of each folder\n`,
    );
    process.exit(1);
  }
  const cycles = findCycles(roots);
  for (const cycle of cycles) {
    const names = cycle.map((file) => relative(process.cwd(), file)).join(' → ');
    process.stderr.write(`import cycle: ${names}\n`);
  }
  if (cycles.length > 0) {
    process.stderr.write(
      `check-deps: ${cycles.length} import cycle(s); move what both sides share into a module of its own\n`,
    );
    process.exit(1);
  }
}
