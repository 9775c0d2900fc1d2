// Committed reads joined by callers in the same turn: one statement for all of them, and never a
// statement already sent, which may have started before a caller's commit (a logout elsewhere).
import { describe, expect, it } from 'vitest';
import { CompiledQuery, type Kysely } from 'kysely';
import { joinedRows } from './hot-query.ts';

/** A database handle whose statements answer only when the test says so, each with the rows the test gives. */
function heldDatabase() {
  const sent: { sql: string; parameters: readonly unknown[]; answer: (rows: object[]) => void }[] = [];
  const db = {
    executeQuery: (c: CompiledQuery) => new Promise((resolve) => sent.push({ sql: c.sql, parameters: c.parameters, answer: (rows) => resolve({ rows }) })),
  } as unknown as Kysely<any>;
  return { db, sent };
}
const turn = () => new Promise<void>((r) => setImmediate(r));
const q = (hash: string) => CompiledQuery.raw('select * from kernel_session where token_hash = $1', [hash]);

describe('joinedRows', () => {
  it('sends one statement for the callers that ask the same in one turn, and gives each its rows', async () => {
    const { db, sent } = heldDatabase();
    const a = joinedRows(db, q('h1'));
    const b = joinedRows(db, q('h1'));
    const other = joinedRows(db, q('h2'));
    expect(sent).toHaveLength(0); // nothing sent before the turn's input has been read
    await turn();
    expect(sent.map((s) => s.parameters)).toEqual([['h1'], ['h2']]);
    sent[0]!.answer([{ token_hash: 'h1' }]);
    sent[1]!.answer([]);
    expect(await a).toEqual([{ token_hash: 'h1' }]);
    expect(await b).toBe(await a);
    expect(Object.isFrozen((await a)[0])).toBe(true); // shared, so nobody may change it
    expect(await other).toEqual([]);
  });

  it('never joins a statement already sent: a caller arriving while it runs gets a statement of its own', async () => {
    const { db, sent } = heldDatabase();
    const first = joinedRows(db, q('h1'));
    await turn();
    expect(sent).toHaveLength(1);
    // The first statement is still running; meanwhile (say) the session was ended on another
    // server, and the next request asks: it must not be given the first statement's answer.
    const next = joinedRows(db, q('h1'));
    await turn();
    expect(sent).toHaveLength(2);
    sent[0]!.answer([{ token_hash: 'h1' }]);
    sent[1]!.answer([]);
    expect(await first).toEqual([{ token_hash: 'h1' }]);
    expect(await next).toEqual([]);
  });
});
