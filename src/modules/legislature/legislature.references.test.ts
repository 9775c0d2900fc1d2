// Other modules name statutes through the kernel's references (`legislature.statute`): by code or
// id, label-checked, a hidden statute exactly an unknown one, and withheld where it is shown.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { resolveReference, showReferences, WITHHELD } from '../../kernel/references.ts';
import { importStatutes } from './index.ts';

describe.each(DIALECTS)('the statute reference kind on %s', (dialect) => {
  let app: TestApp;
  let genin: AppContext;
  beforeAll(async () => {
    app = await openTestApp(dialect);
    await importStatutes(app.ctx, [
      { code: '14-203', heading: 'Return of deserters', titleNumber: 14, versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) x.' }] },
      { code: '5-201', heading: 'Charter of the ANBU', titleNumber: 5, label: { classification: 'secret', compartments: ['ANBU'] }, versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) y.' }] },
    ], { source: 'test' });
    genin = withActor(app.ctx, { kind: 'user', username: 'g', role: 'genin', clearance: { level: 'secret', compartments: ['BREACH'] } });
  });
  afterAll(async () => app?.drop());

  it('resolves a statute by code or id, with what others show of it', async () => {
    const r = await resolveReference(genin, 'legislature.statute', '14-203');
    expect(r.shown).toMatchObject({ code: '14-203', heading: 'Return of deserters', titleNumber: 14, inForceFrom: '2001-04-01', repealedOn: null });
    expect((await resolveReference(genin, 'legislature.statute', r.id)).code).toBe('14-203');
  });

  it('answers a hidden statute as an unknown one, 404 or 422 with the path', async () => {
    const answer = async (ref: string, path?: string) => {
      const e = await resolveReference(genin, 'legislature.statute', ref, { path }).catch((x) => x);
      return [e.status, e.code, e.message.replace(ref, 'X'), JSON.stringify(e.details)];
    };
    expect(await answer('5-201')).toEqual(await answer('5-299'));
    expect(await answer('5-201', 'body.amends')).toEqual(await answer('5-299', 'body.amends'));
    expect((await answer('5-201', 'body.amends'))[0]).toBe(422);
    expect((await answer('5-201'))[1]).toBe('LEGISLATURE_STATUTE_NOT_FOUND');
  });

  it('withholds a hidden statute where another record shows it', async () => {
    const ids = (await app.ctx.db.selectFrom('legislature_statute').select(['id', 'code']).execute()).reduce((m, r) => ({ ...m, [r.code]: r.id }), {} as Record<string, string>);
    const shown = await showReferences(genin, 'legislature.statute', [ids['14-203']!, ids['5-201']!]);
    expect(shown.get(ids['5-201']!)).toEqual(WITHHELD);
    expect(shown.get(ids['14-203']!)).toMatchObject({ code: '14-203' });
  });
});
