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
      // A test may set up its world with another module's test fixtures (its testing/ folder): they are no part of the running code.
      const fixture = f.endsWith('.test.ts') && rest[0] === 'testing';
      if (other !== own && rest.join('/') !== entry && !fixture) bad.push(`${path.relative(root, f)} → ${path.relative(root, i)}`);
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

// A module names another module's records only through the kernel's references
// (kernel/references.ts: resolveReference, showReferences), which apply the reader's clearance;
// reading another module's tables would skip it. Tables carry their module's name as prefix.
const MODULE_NAMES = fs.readdirSync(path.join(SRC, 'modules'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

/** Each module's tables, as its migrations create them (a table name is the module's only if it makes it). */
const TABLES: Record<string, readonly string[]> = Object.fromEntries(MODULE_NAMES.map((m) => {
  const dir = path.join(SRC, 'modules', m, 'migrations');
  const text = fs.existsSync(dir) ? files(dir).map((f) => fs.readFileSync(f, 'utf8')).join('\n') : '';
  const names = [...text.matchAll(/createTable\(\s*'([a-z][a-z0-9_]*)'|create (?:virtual )?table (?:if not exists )?"?([a-z][a-z0-9_]*)/gi)].map((x) => (x[1] ?? x[2])!.toLowerCase());
  return [m, [...new Set(names)]];
}));

/** The other modules' tables that a module's code names (`registry_person` in legislature's code). */
function foreignTables(own: string, text: string, tables: Readonly<Record<string, readonly string[]>>): string[] {
  const others = Object.entries(tables).filter(([m]) => m !== own).flatMap(([, t]) => t);
  if (!others.length) return [];
  const table = new RegExp(`(?<![A-Za-z0-9_])(?:${others.join('|')})(?![A-Za-z0-9_])`, 'g');
  return [...new Set(text.match(table) ?? [])];
}

describe('references between modules', () => {
  it('the rule sees a module reading another module\'s table (a synthetic module, so it can fail)', () => {
    const legislature = "const s = await db.selectFrom('registry_person').select('name').where('id', '=', sponsor).executeTakeFirst();";
    const tables = { registry: ['registry_person', 'registry_membership'], legislature: ['legislature_bill'], post: ['post_message'] };
    expect(foreignTables('legislature', legislature, tables)).toEqual(['registry_person']);
    expect(foreignTables('legislature', "sql`select * from registry_membership m join legislature_bill b on true`", tables)).toEqual(['registry_membership']);
    expect(foreignTables('registry', "db.selectFrom('post_message')", tables)).toEqual(['post_message']);
    // Its own tables, and names that only look alike (a registry column post_id is not the post module's), are not violations.
    expect(foreignTables('registry', "db.selectFrom('registry_person').select('post_id')", tables)).toEqual([]);
    expect(foreignTables('legislature', "resolveReference(ctx, 'registry.person', id); const my_registry_note = 1; registry_person_x", tables)).toEqual([]);
  });

  it('finds each module\'s tables in its migrations', () => {
    expect(TABLES.registry).toContain('registry_person');
    expect(TABLES.legislature).toContain('legislature_bill');
    expect(TABLES.sar).toContain('sar_operation');
  });

  it('no module names another module\'s table: it resolves and shows their records through kernel/references.ts', () => {
    const bad = MODULE_NAMES.flatMap((m) => files(path.join(SRC, 'modules', m))
      .flatMap((f) => foreignTables(m, fs.readFileSync(f, 'utf8'), TABLES).map((t) => `${path.relative(SRC, f)} names ${t}`)));
    expect(bad).toEqual([]);
  });

  it('the kernel names no module\'s table (tests and the test harness aside)', () => {
    const bad = files(path.join(SRC, 'kernel'))
      .filter((f) => !f.endsWith('.test.ts') && !f.includes(`${path.sep}testing${path.sep}`))
      .flatMap((f) => foreignTables('kernel', fs.readFileSync(f, 'utf8'), TABLES).map((t) => `${path.relative(SRC, f)} names ${t}`));
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
