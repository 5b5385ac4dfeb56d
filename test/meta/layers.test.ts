/**
 * The house's import rules (DESIGN.md §2, §11), read from the sources themselves: each folder imports only the
 * folders below it, only store/sqlite and store/mssql import their drivers, and no file imports itself back through
 * any chain of imports, type-only imports included.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { REPO_ROOT } from '../module/support/engine.js';

/** What each layer may import, besides itself. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  bridge: ['cmdlets', 'core', 'report'],
  cmdlets: ['migration', 'admin', 'core', 'store', 'archive', 'report'],
  migration: ['core', 'store', 'archive', 'report'],
  admin: ['core', 'store'],
  store: ['core'],
  archive: ['core'],
  report: ['core'],
  core: [],
};
const DRIVERS: Readonly<Record<string, string>> = { 'better-sqlite3': 'store/sqlite', mssql: 'store/mssql', tedious: 'store/mssql', msnodesqlv8: 'store/mssql' };

function sources(folder: string): string[] {
  const full = join(REPO_ROOT, folder);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(REPO_ROOT, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]!);
}

function target(file: string, specifier: string): string {
  return normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts');
}

describe('meta: imports run one way, without cycles', () => {
  const files = Object.keys(ALLOWED).flatMap(sources);

  it('finds the sources', () => {
    assert.ok(files.length > 100, `${files.length} files`);
  });

  it('each layer imports only the layers below it', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const layer = file.split('/')[0]!;
      for (const specifier of importsOf(file).filter((s) => s.startsWith('.'))) {
        const to = target(file, specifier).split('/')[0]!;
        if (to !== layer && !ALLOWED[layer]!.includes(to)) wrong.push(`${file} -> ${specifier}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('only the dialects import their drivers', () => {
    const wrong: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        const home = DRIVERS[specifier.split('/')[0]!];
        if (home !== undefined && !file.startsWith(home + '/')) wrong.push(`${file} -> ${specifier}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('no file reaches itself through its imports (type-only imports count)', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((s) => s.startsWith('.')).map((s) => target(f, s))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative('.', f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles.sort(), []);
  });
});
