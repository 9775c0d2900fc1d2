import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { GENESIS_HASH, canonicalContent, canonicalContentOf, hashRecord, verifyChain, parseCheckpoint, formatCheckpoint, type AuditContent, type AuditRecord } from './chain.ts';

function chain(n: number, seed = 0): AuditRecord[] {
  const out: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c: AuditContent = {
      seq: i, at: new Date(Date.UTC(2026, 10, 16) + i * 1000).toISOString(), actor: `user:u${(i + seed) % 3}`, actorPersonId: null, onBehalfOf: null,
      action: 'registry.person.update', outcome: 'ok', objectType: 'person', objectId: `p${i}`, classification: 'public', compartments: [], detail: { n: i, seed },
    };
    const hash = hashRecord(prev, c);
    out.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('writes a record\'s content as RFC 8785 does, whatever its texts and detail', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(fc.property(fc.record({
      seq: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), at: text, actor: text, actorPersonId: fc.option(text), onBehalfOf: fc.option(text), action: text,
      outcome: fc.constantFrom('ok' as const, 'denied' as const, 'failed' as const), objectType: fc.option(text), objectId: fc.option(text), classification: text,
      compartments: fc.array(text, { maxLength: 3 }), detail: fc.option(json),
    }), (c) => { expect(canonicalContent(c)).toBe(canonicalContentOf(c)); }), { numRuns: 2000 });
  });

  it('writes a record\'s content with its keys in code-unit order and its texts escaped as JSON.stringify does', () => {
    const c: AuditContent = {
      seq: 7, at: '2026-12-05T06:00:00.000Z', actor: 'user:temari', actorPersonId: null, onBehalfOf: 'p-gaara', action: 'post.send', outcome: 'ok',
      objectType: 'post_message', objectId: 'm1', classification: 'secret', compartments: ['ANBU', 'É'], detail: { z: 1, a: ['"q"\n', null] },
    };
    expect(canonicalContent(c)).toBe('{"action":"post.send","actor":"user:temari","actorPersonId":null,"at":"2026-12-05T06:00:00.000Z","classification":"secret",'
      + '"compartments":["ANBU","É"],"detail":{"a":["\\"q\\"\\n",null],"z":1},"objectId":"m1","objectType":"post_message","onBehalfOf":"p-gaara","outcome":"ok","seq":7}');
  });

  it('accepts an untouched chain of any length and reports its head', () => {
    fc.assert(fc.property(fc.nat(40), (n) => {
      const c = chain(n);
      const v = verifyChain(c);
      return v.ok && v.records === n && v.head.seq === n && v.head.hash === (n ? c[n - 1]!.hash : GENESIS_HASH);
    }));
  });

  it('names the edited record, whatever field changed', () => {
    const fields = ['at', 'actor', 'actorPersonId', 'onBehalfOf', 'action', 'outcome', 'objectType', 'objectId', 'classification', 'compartments', 'detail'] as const;
    fc.assert(fc.property(fc.integer({ min: 2, max: 30 }), fc.nat(), fc.constantFrom(...fields), fc.boolean(), (n, pick, field, recompute) => {
      const c = chain(n);
      const k = pick % (recompute ? n - 1 : n); // a recomputed hash shows only against the next record
      (c[k] as any)[field] = field === 'detail' ? { n: -1 } : field === 'outcome' ? 'denied' : field === 'compartments' ? ['ANBU'] : 'tampered';
      if (recompute) c[k]!.hash = hashRecord(c[k]!.prevHash, c[k]!);
      const v = verifyChain(c);
      return !v.ok && v.problem!.seq === k + 1 && v.problem!.kind === 'edited';
    }));
  });

  it('hashes compartments in the order given, so a reordered list is not the one hashed', () => {
    const c = chain(3);
    c[1]!.compartments = ['ANBU', 'BREACH'];
    const h = hashRecord(c[1]!.prevHash, c[1]!);
    expect(hashRecord(c[1]!.prevHash, { ...c[1]!, compartments: ['BREACH', 'ANBU'] })).not.toBe(h);
  });

  it('refuses a record read back as not stored by its writer, whatever its hash', () => {
    const c = chain(5);
    c[2]!.damage = 'detail holds JSON null where the writer leaves it empty';
    expect(verifyChain(c).problem).toMatchObject({ seq: 3, kind: 'not_canonical' });
  });

  it('names the first missing record', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 30 }), fc.nat(), (n, pick) => {
      const c = chain(n);
      const k = pick % (n - 1); // not the last: that one needs a checkpoint
      c.splice(k, 1);
      const v = verifyChain(c);
      return !v.ok && v.problem!.seq === k + 1 && v.problem!.kind === 'missing';
    }));
  });

  it('catches a record moved to another place', () => {
    const c = chain(10);
    const [moved] = c.splice(6, 1);
    c.splice(2, 0, moved!);
    const v = verifyChain(c);
    expect(v.ok).toBe(false);
    expect(v.problem).toMatchObject({ seq: 3 });
  });

  it('sees a cut-off end only with a checkpoint', () => {
    const c = chain(12);
    const checkpoint = { seq: 12, hash: c[11]!.hash };
    const cut = c.slice(0, 9);
    expect(verifyChain(cut).ok).toBe(true);
    expect(verifyChain(cut, checkpoint).problem).toMatchObject({ kind: 'truncated', seq: 10 });
  });

  it('sees a consistently rewritten chain only with a checkpoint, at the checkpoint', () => {
    const c = chain(12);
    const checkpoint = { seq: 8, hash: c[7]!.hash };
    const forged = chain(12, 1); // a whole new, internally consistent history
    expect(verifyChain(forged).ok).toBe(true);
    expect(verifyChain(forged, checkpoint).problem).toMatchObject({ kind: 'checkpoint_mismatch', seq: 8 });
  });

  it('checkpoints print and parse back', () => {
    const cp = { seq: 42, hash: 'a'.repeat(64) };
    expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp);
    expect(() => parseCheckpoint('42:xyz')).toThrow(/sequence/);
  });
});
