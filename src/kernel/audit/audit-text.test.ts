// Text in audit records is hashed as stored: a lone surrogate (a JSON request body can carry one)
// is stored by the driver as U+FFFD, so the record must be hashed with U+FFFD too, or verifying
// would read it as edited; and PostgreSQL's jsonb, which refuses a lone surrogate, never sees one.
import { describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp } from '../testing/dialects.ts';
import { appendAuditWrites, verifyAuditLog, type AuditWrite } from './audit-log.ts';

const ODD = 'a\uD800b';
/** ODD as stored. */
const FIXED = 'a\uFFFDb';

describe.each(DIALECTS)('a lone surrogate in an audit record (%s)', (dialect) => {
  it.each([1, 600])('is stored as U+FFFD in every text field and the detail, and the chain verifies (%i records: both ways of appending)', async (n) => {
    const app = await openTestApp(dialect);
    try {
      const w: AuditWrite = {
        actor: { kind: 'user', username: `kazekage${ODD}`, personId: `p${ODD}`, role: 'kazekage', clearance: { level: 'top_secret', compartments: [] } } as AuditWrite['actor'],
        at: new Date('2026-12-03T00:00:00Z'),
        entry: { action: `kernel.test${ODD}`, objectType: `t${ODD}`, objectId: ODD, compartments: [`C${ODD}`], detail: { title: ODD, list: [ODD] } },
      };
      await app.ctx.db.transaction().execute((trx) => appendAuditWrites(trx, Array.from({ length: n }, () => w)));
      expect((await verifyAuditLog(app.ctx.db)).problem).toBeUndefined();
      const row = await app.ctx.db.selectFrom('kernel_audit_log').select(['actor_person_id', 'action', 'object_type', 'object_id', 'compartments', 'detail']).where('object_id', 'like', 'a%').orderBy('seq').executeTakeFirstOrThrow();
      expect([row.actor_person_id, row.action, row.object_type, row.object_id]).toEqual([`p${FIXED}`, `kernel.test${FIXED}`, `t${FIXED}`, FIXED]);
      const detail = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
      expect(detail).toEqual({ title: FIXED, list: [FIXED] });
      expect(typeof row.compartments === 'string' ? JSON.parse(row.compartments) : row.compartments).toEqual([`C${FIXED}`]);
    } finally {
      await app.drop();
    }
  });

  it('stores a NUL as U+FFFD on both databases (PostgreSQL keeps none), in a field and in the detail, and the chain verifies', async () => {
    const app = await openTestApp(dialect);
    try {
      const w: AuditWrite = { actor: { kind: 'system' }, at: new Date('2026-12-03T00:00:00Z'), entry: { action: 'kernel.nul', objectType: 't', objectId: 'x\u0000y', outcome: 'denied', detail: { code: 'a\u0000b' } } };
      await app.ctx.db.transaction().execute((trx) => appendAuditWrites(trx, [w, w]));
      expect((await verifyAuditLog(app.ctx.db)).problem).toBeUndefined();
      const rows = await app.ctx.db.selectFrom('kernel_audit_log').select(['object_id', 'detail']).where('action', '=', 'kernel.nul').execute();
      expect(rows.map((r) => [r.object_id, typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail])).toEqual([['x\uFFFDy', { code: 'a\uFFFDb' }], ['x\uFFFDy', { code: 'a\uFFFDb' }]]);
    } finally {
      await app.drop();
    }
  });

  // JSON.stringify escapes a lone low surrogate (\udc00 to \udfff) as it does a high one: a detail
  // whose only odd text holds a low one must be mended too (PostgreSQL's jsonb refuses it unmended).
  // One record for each, so that no other text of the detail sends it the careful way.
  it('stores a lone low surrogate in a detail as U+FFFD too: inside a text, at its end, or before a lone high one', async () => {
    const app = await openTestApp(dialect);
    try {
      const texts = { low: 'a\uDC00b', last: 'ab\uDFFF', reversed: '\uDE00\uD83D' };
      const w = (objectId: string, t: string): AuditWrite => ({ actor: { kind: 'system' }, at: new Date('2026-12-03T00:00:00Z'), entry: { action: 'kernel.test', objectType: 'lone', objectId, detail: { t } } });
      await app.ctx.db.transaction().execute((trx) => appendAuditWrites(trx, Object.entries(texts).map(([k, t]) => w(k, t))));
      expect((await verifyAuditLog(app.ctx.db)).problem).toBeUndefined();
      const rows = await app.ctx.db.selectFrom('kernel_audit_log').select(['object_id', 'detail']).where('object_type', '=', 'lone').orderBy('seq').execute();
      expect(rows.map((r) => [r.object_id, (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail).t])).toEqual([['low', 'a\uFFFDb'], ['last', 'ab\uFFFD'], ['reversed', '\uFFFD\uFFFD']]);
    } finally {
      await app.drop();
    }
  });

  // The detail is read back the quick way when its JSON holds no escape of a lone surrogate: a text
  // that only spells one (a backslash, then u and D800) must be kept as it is, and one beside a real
  // lone surrogate, or a surrogate pair, as well.
  it('keeps a detail text that only spells a surrogate escape, and a surrogate pair, as written', async () => {
    const app = await openTestApp(dialect);
    try {
      const spelled = '\\uD800 is how JSON writes one';
      const pair = 'hawk \u{1F985}';
      const w = (objectId: string, detail: unknown): AuditWrite => ({ actor: { kind: 'system' }, at: new Date('2026-12-03T00:00:00Z'), entry: { action: 'kernel.test', objectType: 't', objectId, detail } });
      await app.ctx.db.transaction().execute((trx) => appendAuditWrites(trx, [w('spelled', { spelled, pair }), w('both', { spelled, odd: ODD, pair })]));
      expect((await verifyAuditLog(app.ctx.db)).problem).toBeUndefined();
      const rows = await app.ctx.db.selectFrom('kernel_audit_log').select(['object_id', 'detail']).where('object_type', '=', 't').orderBy('seq').execute();
      const details = rows.map((r) => (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail));
      expect(details).toEqual([{ spelled, pair }, { spelled, odd: FIXED, pair }]);
    } finally {
      await app.drop();
    }
  });
});
