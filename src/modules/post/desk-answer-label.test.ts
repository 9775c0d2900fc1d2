// A desk's answer to a letter's copy, decided by an acting official, is audited naming the official
// it was decided for (`actingFor`). Attack a13j found that record labelled with the letter alone: a
// masked owner (their own person secret / BREACH) was named to anyone who may read a public letter's
// records. The record is labelled with the owner too: here checked on the stored row, against a
// label worked out from the cast, and for a public owner (nothing to add) beside a masked one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { decideItem, grantDelegation, listItems } from '../desk/index.ts';
import { pigeonHole, sendMessage } from './index.ts';
import { castPerson } from './testing/cast.ts';
import { T0, openPostWorld } from './testing/world.ts';

const BREACH = { classification: 'secret', compartments: ['BREACH'] } as const;

describe.each(DIALECTS)('a desk answer acting for an owner, audited on %s (attack a13j)', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await castPerson(app.ctx, who, id, 'temari', 'jounin', 'secret', ['ANBU', 'BREACH']);
    await castPerson(app.ctx, who, id, 'masked', 'jounin', 'secret', ['ANBU', 'BREACH'], BREACH);
    await castPerson(app.ctx, who, id, 'open', 'jounin', 'secret', ['ANBU', 'BREACH']);
    await castPerson(app.ctx, who, id, 'yura', 'jounin', 'secret', ['ANBU', 'BREACH']);
    for (const owner of ['masked', 'open']) await grantDelegation(who[owner]!, { delegate: id.yura!, from: T0, to: '2026-11-27T06:00:00.000Z' });
  }, 120_000);
  afterAll(async () => app?.drop());

  it.each([
    ['masked', BREACH],
    ['open', { classification: 'public', compartments: [] }],
  ] as const)('the answer for %s is audited at the letter\'s label joined with theirs', async (owner, expected) => {
    const m = await sendMessage(who.temari!, { to: [{ person: id[owner]! }], subject: `Sign the roster for ${owner}`, body: 'Please.', actionRequested: true });
    await clock.runDue();
    const copy = (await pigeonHole(who[owner]!, { state: 'all', limit: 50, offset: 0 })).items.find((i) => i.code === m.code)!.delivery;
    const item = (await listItems(who.yura!, { state: 'pending' })).items.find((i) => i.record.id === copy.id)!;
    expect(item, 'the acting official sees the item').toBeTruthy();
    await decideItem(who.yura!, item.id, { decision: 'approve' });
    const rows = await app.ctx.db.selectFrom('kernel_audit_log').select(['classification', 'compartments', 'detail']).where('action', '=', 'post.action').where('object_id', '=', copy.id).execute();
    expect(rows).toHaveLength(1);
    expect(fromJson<any>(rows[0]!.detail, {}).actingFor.person).toBe(id[owner]);
    // The letter is public: the record's label is the owner's own.
    expect({ classification: rows[0]!.classification, compartments: fromJson<string[]>(rows[0]!.compartments, []) }).toEqual(expected);
  });
});
