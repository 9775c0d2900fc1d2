// The search box grammar, and its FTS5 / tsquery builders checked against the real SQLite and PostgreSQL parsers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parseSearchQuery, toFts5Match, toTsquery, MAX_TERMS } from './search-query.ts';

describe('parseSearchQuery', () => {
  it('reads words, phrases, prefixes and negations', () => {
    expect(parseSearchQuery('Kaze* -water "Acting  Kazekage" envoy').terms).toEqual([
      { words: ['kaze'], prefix: true, negated: false, quoted: false },
      { words: ['water'], prefix: false, negated: true, quoted: false },
      { words: ['acting', 'kazekage'], prefix: false, negated: false, quoted: true },
      { words: ['envoy'], prefix: true, negated: false, quoted: false },
    ]);
  });

  it('the last word is a prefix only while it is being typed', () => {
    expect(parseSearchQuery('water gre').terms[1]!.prefix).toBe(true);
    expect(parseSearchQuery('water gre ').terms[1]!.prefix).toBe(false);
    expect(parseSearchQuery('water g').terms[1]!.prefix).toBe(false);
    expect(parseSearchQuery('water -gre').terms[1]!.prefix).toBe(false);
    expect(parseSearchQuery('"water gre"').terms[0]!.prefix).toBe(false);
    expect(parseSearchQuery('water gre', { implicitPrefix: false }).terms[1]!.prefix).toBe(false);
  });

  it('operators typed by a person are words', () => {
    expect(parseSearchQuery('sand OR NOT NEAR(x) title:water ^a').terms.map((t) => t.words)).toEqual([['sand'], ['or'], ['not'], ['near', 'x'], ['title', 'water'], ['a']]);
  });

  it('an unclosed quote runs to the end; a lone dash or star is nothing', () => {
    expect(parseSearchQuery('"dry season').terms).toEqual([{ words: ['dry', 'season'], prefix: false, negated: false, quoted: true }]);
    expect(parseSearchQuery(' - * -- ""').terms).toEqual([]);
  });

  it('a query that is one citation says where to jump', () => {
    expect(parseSearchQuery(' 14-203(2) ').citation).toEqual({ kind: 'statute', code: '14-203', title: 14, path: ['2'], eId: 'sec_14-203__subsec_2' });
    expect(parseSearchQuery('§ 2\u2011110').citation?.code).toBe('2-110');
    expect(parseSearchQuery('Title 5').citation).toMatchObject({ kind: 'title', title: 5 });
    expect(parseSearchQuery('extradition 14-203').citation).toBeNull();
    expect(parseSearchQuery('14-203 and 14-204').citation).toBeNull();
  });

  it(`keeps at most ${MAX_TERMS} terms`, () => {
    const q = parseSearchQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '));
    expect(q.terms).toHaveLength(MAX_TERMS);
    expect(q.truncated).toBe(true);
  });
});

describe('toFts5Match and toTsquery: known answers', () => {
  it.each([
    ['kaze* -water "acting kazekage"', '("kaze"* AND "acting kazekage") NOT "water"', "'kaze':* & ('acting' <-> 'kazekage') & !'water'"],
    ['water', '("water"*)', "'water':*"],
    ['water ', '("water")', "'water'"],
    ['e-mail rule', '("e mail" AND "rule"*)', "('e' <-> 'mail') & 'rule':*"],
    ["o'day \"it's\" ", '("o day" AND "it s")', "('o' <-> 'day') & ('it' <-> 's')"],
    ['-only -negations', null, null],
    ['', null, null],
  ])('%j', (input, fts, ts) => {
    const q = parseSearchQuery(input);
    expect(toFts5Match(q)).toBe(fts);
    expect(toTsquery(q)).toBe(ts);
  });
});

// Inputs made of what could break a query language: quotes, stars, dashes, colons, carets,
// parentheses, boolean words, backslashes, ampersands, pipes, bangs, angle brackets, and letters.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', "'", '*', '-', ':', '^', '(', ')', '\\', '&', '|', '!', '<', '>', '+', '{', '}', ' ', ' ', 'AND', 'OR', 'NOT', 'NEAR', 'a', 'é', 'ß', '1', '14-203', '\u0301', '😀'),
    fc.string({ maxLength: 1 }),
  ),
  maxLength: 30,
});

/** The expression with every quoted string taken out: what is left are the operators the builder wrote. */
const operatorsOf = (expr: string, quoted: RegExp) => expr.replace(quoted, 'Q');

describe('toFts5Match: no input can break or inject into an FTS5 query', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE doc USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
    const ins = db.prepare('INSERT INTO doc(rowid, body) VALUES (?, ?)');
    ins.run(1, 'The acting Kazekage may call the Council.');
    ins.run(2, 'Water in the greenhouses is rationed in the dry season.');
    ins.run(3, 'The Kazekage appoints envoys; e-mail is not used.');
  });
  afterAll(() => db.close());
  const match = (expr: string) => (db.prepare('SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rowid').all(expr) as { rowid: number }[]).map((r) => r.rowid);

  it('finds what the grammar promises on a small corpus', () => {
    const run = (s: string) => match(toFts5Match(parseSearchQuery(s))!);
    expect(run('kaze')).toEqual([1, 3]);
    expect(run('kaze* -acting')).toEqual([3]);
    expect(run('"acting kazekage"')).toEqual([1]);
    expect(run('"kazekage acting"')).toEqual([]);
    expect(run('KAŽEKAGE ')).toEqual([1, 3]);
    expect(run('e-mail')).toEqual([3]);
    expect(run('OR')).toEqual([]);
  });

  it('random hostile input never makes a syntax error, and only the builder writes operators', () => {
    fc.assert(fc.property(hostile, (s) => {
      const expr = toFts5Match(parseSearchQuery(s));
      if (expr === null) return;
      expect(() => match(expr)).not.toThrow();
      expect(operatorsOf(expr, /"(?:[^"]|"")*"/g)).toMatch(/^\(Q\*?(?: AND Q\*?)*\)(?: NOT Q\*?)*$/);
    }), { numRuns: 400 });
  });
});

const PG_URL = process.env.SANDSTONE_TEST_PG_URL;

describe.skipIf(!PG_URL)('toTsquery: no input can break or inject into a PostgreSQL tsquery', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
  });
  afterAll(async () => { await client?.end(); });
  const CORPUS = ['The acting Kazekage may call the Council.', 'Water in the greenhouses is rationed in the dry season.', 'The Kazekage appoints envoys; e-mail is not used.'];
  const matches = async (expr: string) => {
    const r = await client.query<{ i: number }>(
      "SELECT i FROM unnest($1::text[]) WITH ORDINALITY AS d(body, i) WHERE to_tsvector('simple', d.body) @@ to_tsquery('simple', $2) ORDER BY i",
      [CORPUS, expr],
    );
    return r.rows.map((x) => Number(x.i));
  };

  it('finds what the grammar promises, as FTS5 does', async () => {
    const run = (s: string) => matches(toTsquery(parseSearchQuery(s))!);
    expect(await run('kaze')).toEqual([1, 3]);
    expect(await run('kaze* -acting')).toEqual([3]);
    expect(await run('"acting kazekage"')).toEqual([1]);
    expect(await run('"kazekage acting"')).toEqual([]);
    expect(await run('e-mail')).toEqual([3]);
  });

  it('random hostile input never makes a syntax error, and only the builder writes operators', async () => {
    await fc.assert(fc.asyncProperty(hostile, async (s) => {
      const expr = toTsquery(parseSearchQuery(s));
      if (expr === null) return;
      for (const config of ['simple', 'english']) await client.query('SELECT to_tsquery($1::regconfig, $2)', [config, expr]);
      expect(operatorsOf(expr, /'(?:[^'\\]|''|\\\\)*'/g)).toMatch(/^!?(?:Q(?::\*)?|\(Q(?: <-> Q)*(?::\*)?\))(?: & !?(?:Q(?::\*)?|\(Q(?: <-> Q)*(?::\*)?\)))*$/);
    }), { numRuns: 200 });
  });
});
