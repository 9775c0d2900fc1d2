// The module rule, enforced: the kernel never imports a module; a module reaches another only
// through its index.ts. And the dialect rule: SQLite/PostgreSQL differences live in dialect.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .map((m) => m[1] ?? m[2]!)
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s));
}

/** Imports from one module of dir into another that do not go through the other's entry file. */
function crossModuleImports(dir: string, entry: string, root: string): string[] {
  const bad: string[] = [];
  for (const f of files(dir)) {
    const own = path.relative(dir, f).split(path.sep)[0];
    for (const i of imports(f)) {
      const rel = path.relative(dir, i);
      if (rel.startsWith('..')) continue;
      const [other, ...rest] = rel.split(path.sep);
      if (other !== own && rest.join('/') !== entry) bad.push(`${path.relative(root, f)} → ${path.relative(root, i)}`);
    }
  }
  return bad;
}

describe('module boundaries', () => {
  it('sees imports at all (so the rules below can fail)', () => {
    expect(imports(path.join(SRC, 'world', 'demo.ts')).some((i) => i.endsWith(path.join('modules', 'registry', 'index.ts')))).toBe(true);
  });

  it('the kernel imports nothing from modules/ or world/ (tests aside)', () => {
    const bad = files(path.join(SRC, 'kernel'))
      .filter((f) => !f.endsWith('.test.ts') && !f.includes(`${path.sep}testing${path.sep}`))
      .flatMap((f) => imports(f).filter((i) => i.includes(`${path.sep}modules${path.sep}`) || i.includes(`${path.sep}world${path.sep}`) || i.endsWith(`${path.sep}app.ts`)).map((i) => `${path.relative(SRC, f)} → ${path.relative(SRC, i)}`));
    expect(bad).toEqual([]);
  });

  it('a module reaches another module only through its index.ts', () => {
    expect(crossModuleImports(path.join(SRC, 'modules'), 'index.ts', SRC)).toEqual([]);
  });

  it('outside the modules, code imports a module only through its index.ts', () => {
    const bad: string[] = [];
    for (const f of files(SRC).filter((f) => !f.includes(`${path.sep}modules${path.sep}`) && !f.endsWith('.test.ts'))) {
      for (const i of imports(f)) {
        const rel = path.relative(path.join(SRC, 'modules'), i);
        if (!rel.startsWith('..') && rel.split(path.sep).slice(1).join('/') !== 'index.ts') bad.push(`${path.relative(SRC, f)} → ${path.relative(SRC, i)}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('the web app has the same rule', () => {
  const WEB = path.resolve(SRC, '..', 'web');
  it('its shell (app/, shared/) imports no module: modules reach it through web/modules.ts', () => {
    const bad = [...files(path.join(WEB, 'app')), ...files(path.join(WEB, 'shared'))]
      .flatMap((f) => imports(f).filter((i) => i.includes(`${path.sep}web${path.sep}modules${path.sep}`)).map((i) => `${path.relative(WEB, f)} → ${path.relative(WEB, i)}`));
    expect(bad).toEqual([]);
  });
  it('a web module reaches another only through its index.tsx', () => {
    expect(crossModuleImports(path.join(WEB, 'modules'), 'index.tsx', WEB)).toEqual([]);
  });
});

describe('dialect differences', () => {
  // Opening a connection and choosing the event bus are about which server there is, not SQL.
  const ALLOWED = ['kernel/db/dialect.ts', 'kernel/db/create-db.ts', 'kernel/events/event-bus.ts'].map((f) => path.join(SRC, ...f.split('/')));
  const BRANCH = /(?:===|!==)\s*'(?:postgres|sqlite)'|'(?:postgres|sqlite)'\s*(?:===|!==)/;

  it('the rule can see a branch', () => {
    expect(BRANCH.test(fs.readFileSync(path.join(SRC, 'kernel', 'db', 'dialect.ts'), 'utf8'))).toBe(true);
  });

  it('no code outside dialect.ts branches on the database (tests and the test harness aside)', () => {
    const bad = files(SRC)
      .filter((f) => !f.endsWith('.test.ts') && !f.includes(`${path.sep}testing${path.sep}`) && !ALLOWED.includes(f))
      .filter((f) => BRANCH.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(bad).toEqual([]);
  });
});
